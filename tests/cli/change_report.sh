#!/usr/bin/env bash
# report --kind change: the changes section (docs/report-changes.md),
# checked against figures worked out by hand from the fixture below, in
# every format.
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/change.toml" <<'TOML'
[change]
cab = ["alice"]
ecab = ["dana"]
[change.templates.restart]
title = "Restart the web tier"
TOML
export SDESK_CONFIG="$TEST_DIR/change.toml"
sd 0 init "$DB"
# Period: November 2026 (UTC).
#  C1 opened 10-25, approved 10-28 (before); started 11-02, reviewed 11-03 successful
#  C2 opened 11-02, rejected 11-04
#  C3 opened 11-05 emergency, approved 11-05, started 11-05, reviewed 11-06 failed;
#     incidents I2 (11-07) and I3 (11-08) linked caused-by it
#  C4 standard, opened 11-10 (approved at its opening), started 11-11, reviewed 11-12
#     backed_out; incident I4 linked caused-by it 11-15, I5 on 12-03 (after)
#  C5 opened 11-20, approved 11-22, started 11-30, reviewed 12-02 (after) successful
#  C6 opened 11-25, nothing else; linked caused-by an incident (the other way: not counted)
#  C7 opened 12-01 emergency (after)
#  I1 linked caused-by C1 on 10-30 (before)
# Requested: C2..C6 = 5; emergency among them: C3 = 1, 20%.
# Approved: C3, C4, C5 = 3. Rejected: C2 = 1. Implemented: C1, C3, C4, C5 = 4.
# Outcomes: successful 1 (C1), failed 1 (C3), backed out 1 (C4).
# Caused incidents: C3 and C4 = 2 (three link actions, two changes).
p() { sd 0 --now "$1" "${@:2}"; }
q() { "$SDESK" --db "$DB" --now "$1" "${@:2}" -q; }
c1=$(q 2026-10-25T00:00:00Z open C1 --kind change)
p 2026-10-26T00:00:00Z change assess "$c1" -q
p 2026-10-28T00:00:00Z change approve "$c1" --as alice -q
p 2026-10-29T00:00:00Z change schedule "$c1" --start 2026-11-02T00:00Z --end 2026-11-02T02:00Z -q
i1=$(q 2026-10-29T00:00:00Z open I1)
p 2026-10-30T00:00:00Z link "$i1" "$c1" --type caused-by
p 2026-11-02T00:00:00Z change start "$c1" -q
p 2026-11-03T00:00:00Z change review "$c1" --outcome successful -q
c2=$(q 2026-11-02T00:00:00Z open C2 --kind change)
p 2026-11-03T00:00:00Z change assess "$c2" -q
p 2026-11-04T00:00:00Z change reject "$c2" --as alice --reason "no plan" -q
c3=$(q 2026-11-05T00:00:00Z open C3 --kind change --change-type emergency)
p 2026-11-05T01:00:00Z change assess "$c3" -q
p 2026-11-05T02:00:00Z change approve "$c3" --as dana -q
p 2026-11-05T02:30:00Z change schedule "$c3" --start 2026-11-05T03:00Z --end 2026-11-05T04:00Z -q
p 2026-11-05T03:00:00Z change start "$c3" -q
p 2026-11-06T00:00:00Z change review "$c3" --outcome failed -q
i2=$(q 2026-11-07T00:00:00Z open I2)
p 2026-11-07T01:00:00Z link "$i2" "$c3" --type caused-by
i3=$(q 2026-11-08T00:00:00Z open I3)
p 2026-11-08T01:00:00Z link "$i3" "$c3" --type caused-by
c4=$(q 2026-11-10T00:00:00Z change open --template restart)
p 2026-11-10T01:00:00Z change schedule "$c4" --start 2026-11-11T00:00Z --end 2026-11-11T01:00Z -q
p 2026-11-11T00:00:00Z change start "$c4" -q
p 2026-11-12T00:00:00Z change review "$c4" --outcome backed_out -q
i4=$(q 2026-11-15T00:00:00Z open I4)
p 2026-11-15T01:00:00Z link "$i4" "$c4" --type caused-by
c5=$(q 2026-11-20T00:00:00Z open C5 --kind change)
p 2026-11-21T00:00:00Z change assess "$c5" -q
p 2026-11-22T00:00:00Z change approve "$c5" --as alice -q
p 2026-11-23T00:00:00Z change schedule "$c5" --start 2026-11-30T00:00Z --end 2026-11-30T01:00Z -q
p 2026-11-30T00:00:00Z change start "$c5" -q
p 2026-12-02T00:00:00Z change review "$c5" --outcome successful -q
c6=$(q 2026-11-25T00:00:00Z open C6 --kind change)
i6=$(q 2026-11-25T01:00:00Z open I6)
p 2026-11-25T02:00:00Z link "$c6" "$i6" --type caused-by
q 2026-12-01T00:00:00Z open C7 --kind change --change-type emergency >/dev/null
i5=$(q 2026-12-03T00:00:00Z open I5)
p 2026-12-03T01:00:00Z link "$i5" "$c4" --type caused-by

now=(--now 2026-12-05T00:00:00Z)
sd 0 "${now[@]}" report --month 2026-11 --kind change --json
expect_eq "$(jq -c .changes <<<"$out")" \
  '{"requested":5,"approved":3,"rejected":1,"implemented":4,"outcomes":{"successful":1,"failed":1,"backed_out":1},"emergency":{"count":1,"pct":20},"caused_incidents":2}' \
  "json: the hand-computed figures"
sd 0 "${now[@]}" report --month 2026-11 --kind change
expect_contains "$out" $'CHANGES\nrequested           5\napproved            3\nrejected            1\nimplemented         4\noutcome successful  1\noutcome failed      1\noutcome backed out  1\nemergency           1\nemergency share     20.0%\ncaused incidents    2' "table"
sd 0 "${now[@]}" report --month 2026-11 --kind change --format markdown
expect_contains "$out" $'## Changes\n\n| Figure | Value |\n|---|---:|\n| requested | 5 |\n| approved | 3 |\n| rejected | 1 |\n| implemented | 4 |\n| outcome successful | 1 |\n| outcome failed | 1 |\n| outcome backed out | 1 |\n| emergency | 1 |\n| emergency share | 20.0% |\n| caused incidents | 2 |' "markdown"
sd 0 "${now[@]}" report --month 2026-11 --kind change --format csv
expect_contains "$(head -1 <<<"$out")" ",changes_requested,changes_approved,changes_rejected,changes_implemented,changes_successful,changes_failed,changes_backed_out,changes_emergency,changes_emergency_pct,changes_caused_incidents" "csv header"
expect_contains "$(grep '^changes,' <<<"$out")" ",5,3,1,4,1,1,1,1,20,2" "csv changes record"
expect_eq "$(grep -c '^changes,' <<<"$out")" "1" "csv: one changes record"
sd 0 "${now[@]}" report --month 2026-11 --kind change --format html
expect_contains "$out" "<h2>Changes</h2>" "html section"
for row in "requested</th><td>5" "approved</th><td>3" "rejected</th><td>1" "implemented</th><td>4" \
  "outcome successful</th><td>1" "outcome failed</th><td>1" "outcome backed out</th><td>1" \
  "emergency</th><td>1" "emergency share</th><td>20.0%" "caused incidents</th><td>2"; do
  expect_contains "$out" "<tr><th>$row</td></tr>" "html: $row"
done

# Without change in --kind: no section in any format.
sd 0 "${now[@]}" report --month 2026-11 --json
expect_eq "$(jq -c 'has("changes")' <<<"$out")" "false" "no --kind change: no section"
sd 0 "${now[@]}" report --month 2026-11 --kind incident
[[ $out != *CHANGES* ]] || fail "table without --kind change has no changes section"
sd 0 "${now[@]}" report --month 2026-11 --kind incident --format csv
[[ $out != *changes_requested* ]] || fail "csv without --kind change has no change columns"

# With problems too: both sections, each CSV record filling only its own columns.
sd 0 "${now[@]}" report --month 2026-11 --kind problem,change --format csv
expect_eq "$(head -1 <<<"$out" | tr ',' '\n' | grep -c '^changes_')" "10" "csv: both sections' columns"
expect_contains "$(grep '^problems,' <<<"$out")" ",0,0,0,0,,,,,,,,,,,," "csv: the problems record leaves the change columns empty"
expect_contains "$(grep '^changes,' <<<"$out")" ",,,,,,,5,3,1,4,1,1,1,1,20,2" "csv: the changes record leaves the problem columns empty"
sd 0 "${now[@]}" report --month 2026-11 --kind problem,change --json
expect_eq "$(jq -c '[has("problems"), .changes.requested]' <<<"$out")" '[true,5]' "json: both sections"

# Other filters apply to the changes too; an empty period has no share.
sd 0 "${now[@]}" report --month 2026-11 --kind change --group nobody --json
expect_eq "$(jq -c '.changes | [.requested, .approved, .implemented, .caused_incidents, .emergency.pct]' <<<"$out")" \
  '[0,0,0,0,null]' "filters apply"
sd 0 "${now[@]}" report --month 2026-11 --kind change --group nobody
expect_contains "$out" "emergency share     -" "table: no share without requests"

finish
