#!/usr/bin/env bash
# Problems (issue 9): open --kind problem, problem link/unlink,
# known-error, the known-error note of open/update, resolve --cascade,
# problem candidates; exit codes, --json, -q, and the store unchanged by
# every refused command.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
sd 0 open --kind problem "Mail queue fills after patch" -c email -s exchange -t mail -p P2 -q
expect_eq "$out" "1" "open --kind problem takes open's options"
sd 0 show 1 --json
expect_eq "$(jq -r '[.ticket.kind, .ticket.status, .ticket.category, .ticket.service, .ticket.priority, (.ticket.tags|join(","))] | join(" ")' <<<"$out")" \
  "problem new email exchange P2 mail" "the problem's fields"
expect_eq "$(jq -c '.ticket | [has("root_cause"), has("workaround"), .root_cause]' <<<"$out")" '[true,true,null]' \
  "a problem has root_cause and workaround (null until recorded)"
sd 0 open "Cannot send mail" -c email -s exchange -q   # 2
expect_eq "$err" "" "no known error yet: nothing on stderr"
sd 0 show 2 --json
expect_eq "$(jq -c '.ticket | has("root_cause")' <<<"$out")" "false" "an incident has no root_cause key"
sd 0 open "Outlook hangs" -c email -s exchange -q      # 3
sd 0 open "A change" --kind change -q                  # 4

# --- problem link / unlink ---------------------------------------------------
before=$(store_digest)
sd 4 problem link 2 3
expect_error "ticket 2 is an incident; 'problem link' applies to problems only (rule problem-link)" "link: P not a problem"
sd 4 problem link 1 2 4
expect_error "ticket 4 is a change; 'problem link' links incidents to a problem (rule problem-link)" "link: a change as incident"
sd 3 problem link 1 2 99
expect_error "ticket 99 not found" "link: missing incident"
sd 2 problem link 1
sd 2 problem link 1 x
expect_eq "$(store_digest)" "$before" "refused links change nothing (not even the valid ones before)"

sd 0 problem link 1 2 3
expect_eq "$out" $'linked #2 caused-by #1\nlinked #3 caused-by #1' "link output"
sd 0 problem link 1 2 --json
expect_eq "$out" '{"problem":1,"type":"causes","incidents":[{"id":2,"changed":false}]}' "repeat --json"
sd 0 show 1
expect_contains "$out" $'Links:\n  causes #2 Cannot send mail\n  causes #3 Outlook hangs' "shown on the problem"
sd 0 show 2
expect_contains "$out" 'caused-by #1 Mail queue fills after patch' "shown on the incident"
sd 0 problem unlink 1 3 -q
expect_eq "$out" "3" "unlink -q"
sd 0 problem unlink 1 3
expect_eq "$out" "not linked: #3 caused-by #1" "unlink repeat"
sd 0 problem link 1 3 3 -q
expect_eq "$out" "3" "an incident named twice is linked once"

# --- known-error -------------------------------------------------------------
before=$(store_digest)
sd 4 problem known-error 1 --root-cause "patch KB1" --workaround "restart transport"
expect_contains "$err" "ticket 1 is new; it cannot move to known_error (allowed from new for a problem: investigating)" "known-error from new"
sd 4 problem known-error 2 --root-cause r --workaround w
expect_error "ticket 2 is an incident; 'problem known-error' applies to problems only (rule problem-only)" "known-error on an incident"
sd 2 problem known-error 1 --root-cause " " --workaround w
expect_error "--root-cause: must not be empty" "blank root cause"
sd 2 problem known-error 1 --root-cause - --workaround - </dev/null
expect_error "only one of them can read standard input" "both from stdin"
sd 2 problem known-error 1 --workaround w
sd 3 problem known-error 42 --root-cause r --workaround w
expect_eq "$(store_digest)" "$before" "refused known-error changes nothing"

sd 0 start 1 -q
out=$(printf 'patch KB123 leaks handles' | "$SDESK" --db "$DB" problem known-error 1 --root-cause - --workaround "restart transport service" --json)
expect_eq "$(jq -r '[.status, .root_cause, .workaround] | join("|")' <<<"$out")" \
  "known_error|patch KB123 leaks handles|restart transport service" "known-error --json, root cause from stdin"
sd 0 show 1
expect_contains "$out" "root cause      patch KB123 leaks handles" "show: root cause line"
expect_contains "$out" "workaround      restart transport service" "show: workaround line"
sd 0 log 1 --json
expect_contains "$out" '"action":"known_error"' "history action known_error"
sd 0 outbox --json
expect_contains "$out" '"known_error"' "known_error is notifiable"

# --- the known-error note of open and update ----------------------------------
sd 0 open "Mail stuck in outbox" -c email -s exchange -q     # 5
expect_eq "$out" "5" "open -q still prints only the id"
expect_eq "$err" "sdesk: note: incident 5 matches known error #1 'Mail queue fills after patch' (service exchange, category email); workaround: restart transport service" "open: one line on stderr"
sd 0 open "Mail slow" -c email -s exchange --json             # 6
expect_eq "$(jq -c '.known_errors' <<<"$out")" '[{"id":1,"title":"Mail queue fills after patch","workaround":"restart transport service"}]' "open --json known_errors"
expect_eq "$(jq -r '.existed' <<<"$out")" "false" "existed still there"
sd 0 show 1 --json
expect_eq "$(jq -r '.links | length' <<<"$out")" "2" "nothing linked automatically (2 and 3 only)"
sd 0 open "Printer" -c hardware -s exchange --json            # 7
expect_eq "$(jq -c '.known_errors' <<<"$out")" '[]' "other category: empty known_errors"
expect_eq "$err" "" "other category: no note"
sd 0 open "No category" -s exchange --json                     # 8
expect_eq "$(jq -c 'has("known_errors")' <<<"$out")" 'false' "no category: no check, no key"
sd 0 open "A problem" --kind problem -c email -s exchange -q  # 9
expect_eq "$err" "" "a problem is not checked"
sd 0 update 7 -c email --json
expect_eq "$(jq -c '[.known_errors[].id]' <<<"$out")" '[1]' "update to the category: known_errors"
expect_contains "$err" "incident 7 matches known error #1" "update: note on stderr"
sd 0 update 7 --title "Printer jam"
expect_eq "$err" "" "update of another field: no note"

# --- resolve --cascade -------------------------------------------------------
sd 0 resolve 3 --code fixed -q   # already resolved before the cascade: left alone
before=$(store_digest)
sd 4 resolve 2 --code fixed --cascade
expect_error "ticket 2 is an incident; 'resolve --cascade' applies to problems only (rule cascade)" "cascade on an incident"
sd 2 resolve 1 --code bogus --cascade
expect_eq "$(store_digest)" "$before" "refused cascade changes nothing"
sd 0 link 5 1 --type caused-by
sd 0 resolve 1 --code fixed --cascade --json
expect_eq "$(jq -c '[.status, .resolved_incidents]' <<<"$out")" '["resolved",[2,5]]' "cascade --json"
sd 0 show 2 --json
expect_eq "$(jq -r '.ticket.status' <<<"$out")" "resolved" "incident 2 resolved"
expect_eq "$(jq -r '.ticket.resolution_note' <<<"$out")" "resolved with problem #1: Mail queue fills after patch; workaround: restart transport service" "the note names the problem and its workaround"
sd 0 show 3 --json
expect_eq "$(jq -r '.ticket.resolution_note' <<<"$out")" "null" "an incident resolved before is not touched"
sd 0 show 6 --json
expect_eq "$(jq -r '.ticket.status' <<<"$out")" "new" "an unlinked incident stays open"
# An incident that cannot be resolved at that time (its last change is
# later: rule history-order) refuses the whole cascade: the problem stays.
sd 0 --now 2026-11-02T10:00:00Z open --kind problem "P2" -q       # 10
sd 0 --now 2026-11-02T10:00:00Z start 10 -q
sd 0 --now 2026-11-02T10:00:00Z open "I" -q                        # 11
sd 0 --now 2026-11-02T10:00:00Z problem link 10 11
sd 0 --now 2026-11-02T12:00:00Z comment 11 "later"
before=$(store_digest)
sd 4 --now 2026-11-02T11:00:00Z resolve 10 --code fixed --cascade
expect_contains "$err" "ticket 11" "the refusal names the incident"
expect_eq "$(store_digest)" "$before" "a refused cascade resolves nothing, not even the problem"
sd 0 --now 2026-11-02T13:00:00Z resolve 10 --code fixed --cascade -q
expect_eq "$out" $'10\n11' "cascade -q: the problem, then its incidents"

# Export and import carry root_cause and workaround; an incident cannot have them.
sd 0 export --format jsonl
printf '%s\n' "$out" >"$TEST_DIR/all.jsonl"
DB="$TEST_DIR/copy.db" sd 0 init "$TEST_DIR/copy.db"
DB="$TEST_DIR/copy.db" sd 0 import "$TEST_DIR/all.jsonl"
DB="$TEST_DIR/copy.db" sd 0 show 1 --json
expect_eq "$(jq -r '[.ticket.root_cause, .ticket.workaround] | join("|")' <<<"$out")" \
  "patch KB123 leaks handles|restart transport service" "export/import round trip"
echo '{"title":"x","kind":"incident","status":"new","created":"2026-11-01T00:00:00Z","root_cause":"no"}' >"$TEST_DIR/bad.jsonl"
before=$(DB="$TEST_DIR/copy.db" store_digest)
DB="$TEST_DIR/copy.db" sd 2 import "$TEST_DIR/bad.jsonl"
expect_contains "$err" "field-kind" "import: root_cause on an incident refused"
expect_eq "$(DB="$TEST_DIR/copy.db" store_digest)" "$before" "refused import changes nothing"

# --- candidates --------------------------------------------------------------
for i in 1 2 3; do
  sd 0 --now 2026-10-0${i}T08:00:00Z open "VPN drop $i" -c network -s vpn -q
done
sd 0 --now 2026-06-01T08:00:00Z open "VPN drop old" -c network -s vpn -q
sd 0 problem candidates --min 3
expect_contains "$out" "CATEGORY  SERVICE  COUNT  FIRST                      LAST" "candidates table header"
expect_contains "$out" "network   vpn      3      2026-10-01T08:00:00+00:00  2026-10-03T08:00:00+00:00" "candidates row"
sd 0 problem candidates --min 3 --json
expect_eq "$(jq -c '.[] | select(.service == "vpn")' <<<"$out")" \
  '{"category":"network","service":"vpn","count":3,"first":"2026-10-01T08:00:00+00:00","last":"2026-10-03T08:00:00+00:00","ids":[12,13,14]}' \
  "candidates --json (the June one is older than 90d)"
sd 0 problem candidates --min 3 --since 200d -q
expect_contains "$out" "12 13 14 15" "--since 200d takes the June one; -q prints the ids"
sd 0 problem candidates --min 4
expect_eq "$out" "" "no group of 4 in 90d"
sd 0 problem link 9 12
sd 0 problem candidates --min 3 --json
expect_eq "$(jq -c '[.[] | select(.service == "vpn")] | length' <<<"$out")" "0" "a linked incident leaves its group"
sd 0 problem candidates --min 2 --by service --json
expect_eq "$(jq -c '.[] | select(.service == "vpn") | [.count, .ids]' <<<"$out")" '[2,[13,14]]' "--by service"
before=$(store_digest)
sd 2 problem candidates --by colour
expect_error "--by: unknown field 'colour'" "unknown --by"
sd 2 problem candidates --by service,service
expect_error "given twice" "--by twice"
sd 2 problem candidates --min 0
expect_error "--min: must be at least 1" "--min 0"
sd 2 problem candidates --since soon
sd 2 problem
expect_eq "$(store_digest)" "$before" "candidates reads only"

finish
