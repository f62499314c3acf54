#!/usr/bin/env bash
# sdesk report: figures against hand-worked expectations, every format, the
# JSON shape, --output, time zones and usage errors.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"

# October 2026 in UTC, built-in SLA policy (24x7; P1 1h/4h, P3 8h/72h):
#  #1 P1 opened Oct 2 09:00, first response 09:30 (0.5 h, due 10:00: met),
#     resolved 12:00 (3 h, due 13:00: met), closed Oct 8.
#  #2 P3 opened Oct 5 08:00, escalated Oct 6, never answered, still open:
#     response due 16:00 and resolution due Oct 8 08:00 both breached.
#  #3 P3 opened Oct 10 10:00, first response 12:00 (2 h, due 18:00: met),
#     resolved Oct 11, reopened Oct 12, resolved Oct 20 10:00 (240 h, due
#     Oct 13 10:00: breached).
#  #4 P4 opened Nov 1: not in October.
sd 0 open "VPN down" --impact high --urgency high --requester bob --now 2026-10-02T09:00:00Z
sd 0 comment 1 "On it" --now 2026-10-02T09:30:00Z
sd 0 resolve 1 --code fixed --now 2026-10-02T12:00:00Z
sd 0 close 1 --now 2026-10-08T00:00:00Z
sd 0 open "Printer jam" --requester bob --now 2026-10-05T08:00:00Z
sd 0 escalate 2 --reason "hardware" --now 2026-10-06T08:00:00Z
sd 0 open "Mailbox full" --requester bob --now 2026-10-10T10:00:00Z
sd 0 comment 3 "Cleaned up" --now 2026-10-10T12:00:00Z
sd 0 resolve 3 --code fixed --now 2026-10-11T10:00:00Z
sd 0 reopen 3 --reason "full again" --now 2026-10-12T10:00:00Z
sd 0 resolve 3 --code workaround --now 2026-10-20T10:00:00Z
sd 0 open "New laptop" --impact low --urgency low --requester bob --now 2026-11-01T01:00:00Z

# JSON: the documented shape and the hand-worked totals.
sd 0 report --month 2026-10 --by priority --format json
json=$out
expect_eq "$(jq -r '.period | [.label, .from, .to, .tz] | join(" ")' <<<"$json")" \
  "2026-10 2026-10-01T00:00:00+00:00 2026-11-01T00:00:00+00:00 UTC" "period"
expect_eq "$(jq -c '.by' <<<"$json")" '["priority"]' "by"
expect_eq "$(jq -r '.total | [.opened, .resolved, .closed, .reopened, .escalated, .backlog] | join(" ")' <<<"$json")" \
  "3 2 1 1 1 1" "total counts"
expect_eq "$(jq -c '.total.response_hours' <<<"$json")" '{"count":2,"mean":1.25,"median":1.25,"p90":1.85}' \
  "response hours: 0.5 and 2"
expect_eq "$(jq -c '.total.resolution_hours' <<<"$json")" '{"count":2,"mean":121.5,"median":121.5,"p90":216.3}' \
  "resolution hours: 3 and 240"
# Business time excludes the day #3 spent resolved before it was reopened:
# 3 h and 216 h.
expect_eq "$(jq -c '.total.business_resolution_hours' <<<"$json")" '{"count":2,"mean":109.5,"median":109.5,"p90":194.7}' \
  "business resolution hours on a 24x7 calendar"
expect_eq "$(jq -c '.total.sla' <<<"$json")" \
  '{"response":{"met":2,"breached":1,"pct":66.67},"resolution":{"met":1,"breached":2,"pct":33.33}}' "total SLA"
expect_eq "$(jq -r '[.rows[].key.priority] | join(" ")' <<<"$json")" "P1 P3" "rows by priority"
expect_eq "$(jq -r '.rows[1] | [.opened, .resolved, .backlog, .reopened, .escalated] | join(" ")' <<<"$json")" \
  "2 1 1 1 1" "P3 row"
expect_eq "$(jq -r '.rows[0].sla.resolution.pct' <<<"$json")" "100" "P1 resolution SLA"
expect_eq "$(jq -r '.trend | length' <<<"$json")" "0" "no trend for a month"
expect_eq "$(jq -r '[.rows[], .total] | map(keys | length) | unique | join(" ")' <<<"$json")" "11 12" \
  "rows have key + 11 figures, the total 11"

# Two levels and filters, as in list.
sd 0 report --month 2026-10 --by group,priority --json
expect_eq "$(jq -r '[.rows[].key | .group + "/" + .priority] | join(" ")' <<<"$out")" \
  "second-line/P3 service-desk/P1 service-desk/P3" "two levels"
sd 0 report --month 2026-10 --group second-line --json
expect_eq "$(jq -r '.total | [.opened, .backlog, .escalated, .resolved] | join(" ")' <<<"$out")" "1 1 1 0" "--group filter"

# An empty period: zero counts, null statistics, no rows.
sd 0 report --month 2020-01 --by priority --json
expect_eq "$(jq -c '[.rows, .total.opened, .total.backlog, .total.response_hours.mean, .total.sla.response.pct]' <<<"$out")" \
  '[[],0,0,null,null]' "empty period"

# --last-month (SDESK_NOW is 2026-11-02) and the year with its monthly trend
# (months that have begun: January to November).
sd 0 report --last-month --json
expect_eq "$(jq -r '.period.label, .total.opened' <<<"$out" | paste -sd' ')" "2026-10 3" "--last-month"
sd 0 report --year 2026 --json
expect_eq "$(jq -r '[(.trend | length), .trend[9].month, .trend[9].opened, .trend[10].opened, .total.opened] | join(" ")' <<<"$out")" \
  "11 2026-10 3 1 4" "year trend"
sd 0 report --quarter 2026Q4 --no-trend --json
expect_eq "$(jq -r '.trend | length' <<<"$out")" "0" "--no-trend"

# Time zones: --tz, else report.timezone, else local (TZ).
sd 0 report --month 2026-10 --tz Europe/Amsterdam --json
expect_eq "$(jq -r '.period | .from + " " + .to + " " + .tz' <<<"$out")" \
  "2026-10-01T00:00:00+02:00 2026-11-01T00:00:00+01:00 Europe/Amsterdam" "--tz"
printf '[report]\ntimezone = "America/New_York"\n' >"$TEST_DIR/ny.toml"
sd 0 --config "$TEST_DIR/ny.toml" report --month 2026-10 --json
expect_eq "$(jq -r '.period.from' <<<"$out")" "2026-10-01T00:00:00-04:00" "report.timezone"
printf '[report]\ntimezone = "Atlantis/Capital"\n' >"$TEST_DIR/bad.toml"
sd 6 --config "$TEST_DIR/bad.toml" report --month 2026-10
expect_error "report.timezone: unknown time zone 'Atlantis/Capital'" "bad report.timezone"

# Table, Markdown, CSV, HTML.
sd 0 report --month 2026-10 --by priority
expect_contains "$out" "Service report 2026-10: 2026-10-01T00:00:00+00:00 to 2026-11-01T00:00:00+00:00 (UTC)" "table title"
grep -Eq '^P3 +2 +1 +0 +1 +1 +1 +50\.0% +0\.0%$' <<<"$out" || fail "table P3 row: [$out]"
grep -Eq '^TOTAL +3 +2 +1 +1 +1 +1 +66\.7% +33\.3%$' <<<"$out" || fail "table total: [$out]"
sd 0 report --month 2026-10 --by priority --format markdown
expect_contains "$out" "| P1 | 1 | 1 | 1 | 0 | 0 | 0 | 100.0% (1/1) | 100.0% (1/1) |" "markdown row"
expect_contains "$out" "| **Total** | 3 | 2 | 1 | 1 | 1 | 1 | 66.7% (2/3) | 33.3% (1/3) |" "markdown total"
sd 0 report --month 2026-10 --by priority --format csv
expect_eq "$(head -1 <<<"$out" | cut -d, -f1-11)" "section,priority,month,from,to,opened,resolved,closed,reopened,escalated,backlog" "csv header"
expect_eq "$(wc -l <<<"$out" | tr -d ' ')" "4" "csv: header, two rows, total"
expect_eq "$(sed -n 4p <<<"$out" | cut -d, -f1,6-11)" "total,3,2,1,1,1,1" "csv total"
expect_eq "$(head -1 <<<"$out" | tr ',' '\n' | wc -l | tr -d ' ')" "$(sed -n 2p <<<"$out" | tr ',' '\n' | wc -l | tr -d ' ')" "csv columns"
sd 0 report --year 2026 --by priority --format html
expect_contains "$out" "<!DOCTYPE html>" "html doctype"
expect_contains "$out" "<svg" "html charts"
expect_contains "$out" "@media print" "html print style"
[ "$(grep -c '<svg' <<<"$out")" -eq 3 ] || fail "html: expected 3 charts"
grep -Eqi '<script|<link|<img|src=|@import|url\(' <<<"$out" && fail "html is not self-contained"
grep -o 'https\?://[^" ]*' <<<"$out" | grep -qv '^http://www.w3.org/2000/svg$' && fail "html names a URL"

# --output writes the file, prints nothing; the same text as stdout.
sd 0 report --month 2026-10 --format markdown
expected=$out
sd 0 report --month 2026-10 --format markdown --output "$TEST_DIR/oct.md"
expect_eq "$out" "" "--output prints nothing"
expect_eq "$(cat "$TEST_DIR/oct.md")" "$expected" "--output content"
sd 74 report --month 2026-10 --output "$TEST_DIR/no/such/dir/r.html"
expect_error "--output: cannot create" "--output in a missing directory"

# Usage errors: exit 2, one line, naming what is accepted.
sd 2 report --month 2026-13
expect_error "--month: '2026-13' is not a month (accepted: YYYY-MM with a month 01-12, e.g. 2026-10)" "bad month"
sd 2 report --quarter 2026Q5
expect_error "accepted: YYYYQn with n 1-4" "bad quarter"
sd 2 report --half 2026H3
expect_error "accepted: YYYYHn with n 1 or 2" "bad half"
sd 2 report --year 26
expect_error "accepted: YYYY" "bad year"
sd 2 report --from 2026-10-01
expect_error "--from and --to go together" "--from alone"
sd 2 report --from 2026-10-05 --to 2026-10-01
expect_error "--to: 2026-10-01 is not after --from 2026-10-05" "empty range"
sd 2 report
expect_error "no period given (use one of --month YYYY-MM, --last-month, --quarter YYYYQn, --half YYYYHn, --year YYYY, or --from YYYY-MM-DD --to YYYY-MM-DD)" "no period"
sd 2 report --month 2026-10 --year 2026
expect_error "more than one period given" "two periods"
sd 2 report --month 2026-10 --by prio
expect_error "--by: unknown field 'prio' (accepted: priority, group, assignee, category, kind, service)" "unknown --by"
sd 2 report --month 2026-10 --by priority,group,kind
expect_error "--by: at most two levels" "three levels"
sd 2 report --month 2026-10 --format pdf
expect_error "--format: unknown format 'pdf' (accepted: table, markdown, csv, json, html)" "bad format"
sd 2 report --month 2026-10 --tz Mars/Olympus
expect_error "--tz: unknown time zone 'Mars/Olympus'" "bad --tz"
sd 2 report --month 2026-10 --status bogus
expect_error "--status" "bad filter"
finish
