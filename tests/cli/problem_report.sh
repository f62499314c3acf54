#!/usr/bin/env bash
# report --kind problem: the problems section, checked against figures
# worked out by hand from the fixture below, in every format.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
# Period: November 2026 (UTC).
#  P1 opened 2026-10-20 (before), known error 2026-11-05 00:00 -> 16 days, resolved 11-20: in
#  P2 opened 2026-11-01 00:00, known error 2026-11-03 00:00 -> 2 days
#  P3 opened 2026-11-10 00:00, known error 2026-11-22 00:00 -> 12 days, resolved 2026-12-02 (after)
#  P4 opened 2026-11-15, investigating only
#  P5 opened 2026-09-01, known error 2026-09-03 (before): not counted
# Opened in November: P2, P3, P4 = 3. Known errors recorded: P1, P2, P3 = 3.
# Days: 16, 2, 12 -> mean 10, median 12. Resolved in November: P1 = 1.
# Incidents linked in November: 2 (I1 to P1 on 11-06, I2 to P2 on 11-07;
# I3 to P2 on 10-31 is before; a change linked as caused-by is not an incident).
p() { sd 0 --now "$1" "${@:2}"; }
p 2026-09-01T00:00:00Z open --kind problem P5 -q
p 2026-09-02T00:00:00Z start 1 -q
p 2026-09-03T00:00:00Z problem known-error 1 --root-cause r --workaround w -q
p 2026-10-20T00:00:00Z open --kind problem P1 -q                  # 2
p 2026-10-21T00:00:00Z start 2 -q
p 2026-10-30T00:00:00Z open I3 -q                                 # 3
p 2026-11-01T00:00:00Z open --kind problem P2 -q                  # 4
p 2026-10-31T00:00:00Z problem link 2 3 -q 2>/dev/null || true
p 2026-11-02T00:00:00Z start 4 -q
p 2026-11-03T00:00:00Z problem known-error 4 --root-cause r --workaround w -q
p 2026-11-05T00:00:00Z problem known-error 2 --root-cause r --workaround w -q
p 2026-11-05T00:00:00Z open I1 -q                                 # 5
p 2026-11-06T00:00:00Z problem link 2 5 -q
p 2026-11-06T00:00:00Z open I2 -q                                 # 6
p 2026-11-07T00:00:00Z problem link 4 6 -q
p 2026-11-10T00:00:00Z open --kind problem P3 -q                  # 7
p 2026-11-11T00:00:00Z start 7 -q
p 2026-11-15T00:00:00Z open --kind problem P4 -q                  # 8
p 2026-11-15T01:00:00Z start 8 -q
p 2026-11-16T00:00:00Z open C --kind change -q                    # 9
p 2026-11-16T00:00:00Z link 9 7 --type caused-by
p 2026-11-20T00:00:00Z resolve 2 --code fixed -q
p 2026-11-22T00:00:00Z problem known-error 7 --root-cause r --workaround w -q
p 2026-12-02T00:00:00Z resolve 7 --code fixed -q

sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind problem --json
expect_eq "$(jq -c .problems <<<"$out")" \
  '{"opened":3,"known_errors":3,"resolved":1,"incidents_linked":2,"days_to_known_error":{"count":3,"mean":10,"median":12}}' \
  "json: the hand-computed figures"
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind problem
expect_contains "$out" $'PROBLEMS\nopened                       3\nknown errors recorded        3\nresolved                     1\nincidents linked             2\ndays to known error, mean    10.0\ndays to known error, median  12.0' "table"
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind problem --format markdown
expect_contains "$out" $'## Problems\n\n| Figure | Value |\n|---|---:|\n| opened | 3 |' "markdown"
expect_contains "$out" '| days to known error, median | 12.0 |' "markdown median"
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind problem --format csv
expect_contains "$(head -1 <<<"$out")" ",problems_opened,problems_known_errors,problems_resolved,problems_incidents_linked,problems_days_to_known_error_mean,problems_days_to_known_error_median" "csv header"
expect_contains "$(grep '^problems,' <<<"$out")" ",3,3,1,2,10,12" "csv problems record"
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind problem --format html
expect_contains "$out" "<h2>Problems</h2>" "html section"
expect_contains "$out" "<tr><th>days to known error, mean</th><td>10.0</td></tr>" "html mean"

# Without problem in --kind: no section in any format.
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --json
expect_eq "$(jq -c 'has("problems")' <<<"$out")" "false" "no --kind problem: no section"
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind incident
[[ $out != *PROBLEMS* ]] || fail "table without --kind problem has no problems section"
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind incident --format csv
[[ $out != *problems_opened* ]] || fail "csv without --kind problem has no problem columns"

# Other filters apply to the problems too.
sd 0 --now 2026-12-05T00:00:00Z report --month 2026-11 --kind problem --group nobody --json
expect_eq "$(jq -c '.problems | [.opened, .known_errors, .incidents_linked]' <<<"$out")" '[0,0,0]' "filters apply"

finish
