#!/usr/bin/env bash
# Links between records (sdesk link / unlink): stored once, shown from both
# ends under each end's name, a history event on both records, refusals
# with their exit codes and the store unchanged, export and import.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
sd 0 open "Mail server down" -q
sd 0 open "Exchange queue full after patch" --kind problem -q
sd 0 open "Outlook cannot send" -q

# Link from one end, see it from both.
sd 0 link 1 2 --type caused-by
expect_eq "$out" "linked #1 caused-by #2" "link output"
sd 0 show 1
expect_contains "$out" $'Links:\n  caused-by #2 Exchange queue full after patch\n' "show 1 links"
sd 0 show 2
expect_contains "$out" $'Links:\n  causes #1 Mail server down\n' "show 2 links (inverse name)"
sd 0 show 3
case "$out" in *Links:*) fail "show 3 has no links: [$out]" ;; esac

# The inverse name from the other end is the same link: stored once.
sd 0 link 2 1 --type causes
expect_eq "$out" "already linked: #2 causes #1" "inverse repeat"
sd 0 link 2 1 --type CAUSES --json
expect_eq "$out" '{"ticket":2,"type":"causes","target":1,"changed":false}' "repeat --json"
expect_eq "$(sqlite3 "$DB" 'SELECT from_id, type, to_id FROM ticket_link')" "1|caused-by|2" "stored once, canonical"

# Symmetric: relates-to is the same link whichever end names it.
sd 0 link 3 1 --type relates-to --json
expect_eq "$out" '{"ticket":3,"type":"relates-to","target":1,"changed":true}' "relates-to --json"
sd 0 link 1 3 --type relates-to
expect_eq "$out" "already linked: #1 relates-to #3" "symmetric repeat"
sd 0 link 3 2 --type blocked-by
sd 0 link 2 3 --type fixed-by
sd 0 link 3 1 --type duplicates

# show --json: a "links" array from this ticket's point of view; the other
# keys as before.
sd 0 show 3 --json
expect_eq "$(jq -c '.links' <<<"$out")" \
  '[{"type":"blocked-by","target":2,"title":"Exchange queue full after patch"},{"type":"duplicates","target":1,"title":"Mail server down"},{"type":"fixes","target":2,"title":"Exchange queue full after patch"},{"type":"relates-to","target":1,"title":"Mail server down"}]' \
  "show 3 --json links"
expect_eq "$(jq -r 'keys_unsorted | join(",")' <<<"$out")" "ticket,comments,links,history,sla,outbox" "show --json keys"
sd 0 show 1 --json
expect_eq "$(jq -r '.links | map("\(.type):\(.target)") | join(" ")' <<<"$out")" \
  "caused-by:2 duplicated-by:3 relates-to:3" "show 1 --json links"

# History: every link is an event on both records, with its data from
# that record's point of view; the note is for people.
expect_eq "$(sqlite3 "$DB" "SELECT ticket_id || ' ' || data FROM ticket_event WHERE action = 'link' AND data LIKE '%caus%' ORDER BY id")" \
  $'1 {"type":"caused-by","target":2}\n2 {"type":"causes","target":1}' "link events on both tickets"
sd 0 log 2 --json
expect_eq "$(jq -r '[.[] | select(.action == "link") | .note] | join(", ")' <<<"$out")" \
  "causes #1, blocks #3, fixed-by #3" "link notes on 2"
# A link moves `updated` of both tickets.
sd 0 --now 2026-11-03T10:00:00Z link 1 2 --type blocks
sd 0 show 1 --json
expect_eq "$(jq -r .ticket.updated <<<"$out")" "2026-11-03T10:00:00+00:00" "updated of 1"
sd 0 show 2 --json
expect_eq "$(jq -r .ticket.updated <<<"$out")" "2026-11-03T10:00:00+00:00" "updated of 2"
export SDESK_NOW=2026-11-03T11:00:00Z

# Refusals: the store unchanged after each.
before=$(store_digest)
sd 2 link 1 1 --type relates-to
expect_error "ticket 1: a ticket cannot be linked to itself" "self link"
sd 2 link 1 2 --type cause
expect_error "--type: unknown value 'cause' (did you mean 'causes'?) (accepted: caused-by, causes, duplicates, duplicated-by, relates-to, fixed-by, fixes, blocks, blocked-by)" "unknown type"
sd 2 unlink 1 2 --type nope
expect_error "--type: unknown value 'nope'" "unlink unknown type"
sd 3 link 1 99 --type blocks
expect_error "ticket 99 not found" "missing target"
sd 3 link 98 1 --type blocks
expect_error "ticket 98 not found" "missing ticket"
sd 3 unlink 1 99 --type blocks
expect_error "ticket 99 not found" "unlink missing target"
sd 2 link 1 --type blocks
expect_contains "$err" "target" "missing positional"
sd 2 link 1 2
expect_contains "$err" "--type" "missing --type"
sd 2 link 1 x --type blocks
expect_contains "$err" "sdesk: error: " "bad id"
sd 4 --now 2026-11-01T00:00:00Z link 3 2 --type relates-to
expect_error "rule history-order" "link before the last change"
# Repeats are idempotent successes that write nothing.
sd 0 link 1 2 --type caused-by
sd 0 unlink 1 3 --type blocks
expect_eq "$out" "not linked: #1 blocks #3" "unlink what is not linked"
expect_eq "$(store_digest)" "$before" "store unchanged by refusals and repeats"

# Unlink from the other end, by the inverse name.
sd 0 unlink 2 1 --type causes
expect_eq "$out" "unlinked #2 causes #1" "unlink output"
sd 0 show 1 --json
expect_eq "$(jq -r '.links | map("\(.type):\(.target)") | join(" ")' <<<"$out")" \
  "blocks:2 duplicated-by:3 relates-to:3" "after unlink, from 1"
sd 0 show 2 --json
expect_eq "$(jq -r '.links | map("\(.type):\(.target)") | join(" ")' <<<"$out")" \
  "blocked-by:1 blocks:3 fixed-by:3" "after unlink, from 2"
expect_eq "$(sqlite3 "$DB" "SELECT ticket_id || ' ' || data FROM ticket_event WHERE action = 'unlink' ORDER BY id")" \
  $'1 {"type":"caused-by","target":2}\n2 {"type":"causes","target":1}' "unlink events on both tickets"
sd 0 unlink 2 1 --type causes --json
expect_eq "$out" '{"ticket":2,"type":"causes","target":1,"changed":false}' "unlink repeat --json"

# A closed ticket can still be linked (a problem found after the incident).
sd 0 resolve 3 --code fixed
sd 0 close 3
sd 0 link 3 2 --type caused-by
expect_eq "$out" "linked #3 caused-by #2" "link a closed ticket"

# Every ticket still satisfies the invariants.
sd 0 verify

# Export: JSON Lines carries each record's links from its point of view,
# the target by id and by ref; a ticket without links has no "links".
sd 0 open "Patch Exchange" --kind change --ref CHG-42 -q
sd 0 link 4 3 --type fixes
sd 0 export
printf '%s\n' "$out" >"$TEST_DIR/all.jsonl"
expect_eq "$(jq -c 'select(.id == 3) | .links' <<<"$out")" \
  '[{"type":"blocked-by","target":2,"target_ref":null},{"type":"caused-by","target":2,"target_ref":null},{"type":"duplicates","target":1,"target_ref":null},{"type":"fixes","target":2,"target_ref":null},{"type":"fixed-by","target":4,"target_ref":"CHG-42"},{"type":"relates-to","target":1,"target_ref":null}]' \
  "export links of 3 (by stored type, then ids)"
sd 0 open "No links here" -q
sd 0 export --status new
expect_eq "$(jq -c 'select(.id == 5) | has("links")' <<<"$out")" "false" "no links key without links"

# Import into an empty store: the same links between the new tickets, a
# link event on both ends at the ticket's own updated time (which stays).
DB_MAIN=$DB
DB="$TEST_DIR/copy.db"
sd 0 init "$DB"
sd 0 import "$TEST_DIR/all.jsonl"
sd 0 export
expect_eq "$(jq -c '[.id, .updated, .links]' <<<"$out")" \
  "$(jq -c '[.id, .updated, .links]' "$TEST_DIR/all.jsonl")" "import/export round trip of links"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket_link")" "7" "every link, stored once"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket_event WHERE action = 'link'")" "14" "two events per link"
sd 0 verify
# Again: the ref'd ticket is updated, its links are there already (nothing
# written for them); the others are new tickets with the same links.
before_links=$(sqlite3 "$DB" "SELECT count(*) FROM ticket_link")
sd 0 import "$TEST_DIR/all.jsonl" --json
expect_eq "$(jq -c '[.created, .unchanged]' <<<"$out")" "[3,1]" "second import"
# An id names the record of this input: the new copies of 1 to 3 are linked
# as the first ones are (6 links), and CHG-42 ("fixes 3") to the new 3 (its
# "fixed-by CHG-42" by ref is the same link): 7 more.
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket_link")" "$((before_links + 7))" \
  "links of the new tickets"

# Import refusals name the line and the field; nothing is stored.
before=$(store_digest)
printf '%s\n' '{"title":"a","created":"2026-10-01T00:00:00Z"}' \
  '{"title":"b","created":"2026-10-01T00:00:00Z","links":[{"type":"blocks","target":77}]}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "line 2: field 'links[0].target': no record of this input has id 77" "import: unknown target id"
printf '%s\n' '{"title":"b","created":"2026-10-01T00:00:00Z","links":[{"type":"blocks","target_ref":"NOPE"}]}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "line 1: field 'links[0].target_ref': no ticket has ref 'NOPE'" "import: unknown target ref"
printf '%s\n' '{"title":"b","created":"2026-10-01T00:00:00Z","links":[{"type":"block","target":1}]}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "line 1: field 'links[0].type': unknown value 'block' (did you mean 'blocks'?)" "import: unknown type"
printf '%s\n' '{"id":5,"title":"b","created":"2026-10-01T00:00:00Z","links":[{"type":"blocks","target":5}]}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "line 1: field 'links[0]': a ticket cannot be linked to itself" "import: self link"
printf '%s\n' '{"title":"b","created":"2026-10-01T00:00:00Z","links":[{"type":"blocks"}]}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "line 1: field 'links[0]': missing target" "import: no target"
printf 'title,created,links\nb,2026-10-01T00:00:00Z,blocks:1\n' >"$TEST_DIR/bad.csv"
sd 2 import "$TEST_DIR/bad.csv"
expect_error "field 'links': only JSON Lines input can carry links" "import: CSV links"
# A target that is not there is found after the records are stored: it
# ends the import even with --skip-invalid, nothing stored.
printf '%s\n' '{"title":"a","created":"2026-10-01T00:00:00Z"}' \
  '{"title":"b","created":"2026-10-01T00:00:00Z","links":[{"type":"blocks","target":77}]}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl" --skip-invalid --rejects "$TEST_DIR/rejects.jsonl"
expect_error "line 2: field 'links[0].target': no record of this input has id 77" "import --skip-invalid: unknown target id"
# A dry run checks the links too, and writes nothing.
printf '%s\n' '{"id":1,"title":"a","created":"2026-10-01T00:00:00Z","links":[{"type":"blocks","target":2}]}' \
  '{"id":2,"title":"b","created":"2026-10-01T00:00:00Z"}' >"$TEST_DIR/dry.jsonl"
sd 0 import "$TEST_DIR/dry.jsonl" --dry-run --json
expect_eq "$(jq -c '[.created, .events]' <<<"$out")" "[2,4]" "dry run counts the link events"
expect_eq "$(store_digest)" "$before" "store unchanged by refused imports and a dry run"

# A link may name a record later in the input; ids that are not numbers
# (another tool's) are ignored as before.
printf '%s\n' '{"id":"X-1","title":"first","created":"2026-10-01T00:00:00Z","links":[{"type":"blocked-by","target":900}]}' \
  '{"id":900,"title":"second","created":"2026-10-01T00:00:00Z"}' >"$TEST_DIR/fwd.jsonl"
sd 0 import "$TEST_DIR/fwd.jsonl"
first=$(sqlite3 "$DB" "SELECT max(id) - 1 FROM ticket")
sd 0 show "$first" --json
expect_eq "$(jq -c '[.links[] | .type, .title]' <<<"$out")" '["blocked-by","second"]' "forward link"
# An input whose `updated` is before the history it brings: the link event
# comes after the last event, so the history stays in time order.
printf '%s\n' '{"id":1,"title":"x","created":"2026-01-01T00:00:00Z","updated":"2026-01-02T00:00:00Z","events":[{"at":"2026-01-05T00:00:00Z","status":"in_progress"}],"links":[{"type":"blocks","target":2}]}' \
  '{"id":2,"title":"y","created":"2026-01-01T00:00:00Z"}' >"$TEST_DIR/early.jsonl"
sd 0 import "$TEST_DIR/early.jsonl"
x=$(sqlite3 "$DB" "SELECT id FROM ticket WHERE title = 'x'")
sd 0 log "$x" --json
expect_eq "$(jq -r '.[-1] | [.action, .at] | join(" ")' <<<"$out")" "link 2026-01-05T00:00:00+00:00" "link after the last event"
sd 0 verify
DB=$DB_MAIN

finish
