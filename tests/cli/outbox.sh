#!/usr/bin/env bash
# The outbox: every command that changes tickets queues one row per
# notifiable action in the same transaction (docs/sdesk-outbox.md); `sdesk
# outbox` lists them, `show --json` shows a ticket's; import queues nothing
# unless --notify; a refused command queues nothing.
. "$(dirname "$0")/lib.sh"

# outbox_kinds: the kinds of the queued rows, oldest first, on one line.
outbox_kinds() {
  sd 0 outbox --json
  jq -r '[.[] | .kind] | join(" ")' <<<"$out"
}

sd 0 init "$DB"
sd 0 outbox
expect_eq "$out" "" "an empty outbox prints nothing"
sd 0 outbox --json
expect_eq "$out" "[]" "an empty outbox as JSON"

# open: one row for the action, not one per initial field.
sd 0 open "Printer jammed" -q
expect_eq "$(outbox_kinds)" "open" "open queues one row"
sd 0 log 1 --json
first_event=$(jq -r '.[0].id' <<<"$out")
sd 0 outbox --json
expect_eq "$(jq -c '.[0] | [.event, .ticket, .kind, .created]' <<<"$out")" \
  "[$first_event,1,\"open\",\"2026-11-02T09:00:00+00:00\"]" "the row names the action's first event"
expect_eq "$(jq -r '.[0] | keys | join(",")' <<<"$out")" "created,event,kind,ticket" "row keys"

# Each command's action: one row each, whatever the number of fields it changed.
sd 0 assign 1 --group second-line --now 2026-11-02T09:05:00Z
sd 0 comment 1 "Ordered a fuser" --now 2026-11-02T09:10:00Z
sd 0 update 1 --title "Printer on floor 3 jammed" --priority P2 --add-tag printer --now 2026-11-02T09:15:00Z
sd 0 resolve 1 --code fixed --now 2026-11-02T10:00:00Z
sd 0 reopen 1 --reason "jams again" --now 2026-11-02T11:00:00Z
sd 0 escalate 1 --hierarchical --inform it-manager --now 2026-11-02T11:30:00Z
sd 0 resolve 1 --code fixed --now 2026-11-02T12:00:00Z
sd 0 close 1 --now 2026-11-03T12:00:00Z
expect_eq "$(outbox_kinds)" \
  "open assign comment update resolve reopen escalate_hierarchical resolve close" "one row per action"
sd 0 outbox --json
expect_eq "$(jq -r '.[4].created' <<<"$out")" "2026-11-02T10:00:00+00:00" "created is the command's time"
# The row's event is the first event of its action on that ticket.
sd 0 log 1 --json
log=$out
sd 0 outbox --json
for i in $(seq 0 8); do
  event=$(jq -r ".[$i].event" <<<"$out")
  kind=$(jq -r ".[$i].kind" <<<"$out")
  expect_eq "$(jq -r --argjson id "$event" '.[] | select(.id == $id) | .action' <<<"$log")" "$kind" \
    "row $i names an event of its action"
done

# Table, -q and --limit: oldest first.
sd 0 outbox
expect_contains "$out" "EVENT" "table header"
expect_contains "$out" "escalate_hierarchical" "table row"
sd 0 outbox -q --limit 2
expect_eq "$(printf '%s\n' "$out" | wc -l)" "2" "--limit 2"
expect_eq "$(printf '%s\n' "$out" | head -1)" "$first_event" "-q prints event ids, oldest first"
sd 2 outbox --limit 0
expect_error "--limit" "--limit 0 refused"
sd 2 outbox --json -q
expect_error "outbox" "--json with -q refused"

# show --json: the ticket's rows under "outbox"; the other keys unchanged.
sd 0 open "VPN down" -q
sd 0 show 2 --json
expect_eq "$(jq -r 'keys | join(",")' <<<"$out")" "comments,history,links,outbox,sla,ticket" "show --json keys"
expect_eq "$(jq -c '[.outbox[] | .kind]' <<<"$out")" '["open"]' "show --json lists the ticket's rows only"
sd 0 show 1 --json
expect_eq "$(jq '.outbox | length' <<<"$out")" "9" "ticket 1 has its nine rows"

# A refused command queues nothing: the store is unchanged.
before=$(store_digest)
sd 4 close 2
sd 4 comment 1 "after closing"
expect_eq "$(store_digest)" "$before" "refused commands leave the store (and outbox) unchanged"
sd 2 comment 2 "   "
expect_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')" "10" "bad input queues nothing"

# An idempotent repeat writes no event and queues nothing.
sd 0 open "VPN down again" --ref MON-1 -q
sd 0 open "VPN down again" --ref MON-1 -q
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'open'")" "3" "open --ref twice: one row"

# Auto-escalation bookkeeping (escalate_skipped) is not notifiable.
cat >"$TEST_DIR/rules.toml" <<'EOF'
[escalation.rules.warn]
at = "80%"
EOF
sd 0 open "Core switch down" --impact high --urgency high --group third-line -q
sd 0 --config "$TEST_DIR/rules.toml" escalate --auto --now 2026-11-02T12:30:00Z
expect_contains "$out" "skipped" "the rule could not apply"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket_event WHERE action = 'escalate_skipped'")" "1" \
  "the skip is recorded"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'escalate_skipped'")" "0" \
  "escalate_skipped is not queued"

# import: history from another tool queues nothing by default; --notify queues it.
cat >"$TEST_DIR/in.jsonl" <<'EOF'
{"ref":"SN-1","title":"Old incident","created":"2025-01-05T09:00:00Z","status":"closed","resolved":"2025-01-06T09:00:00Z","closed":"2025-01-07T09:00:00Z","resolution_code":"fixed"}
EOF
count=$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')
sd 0 import "$TEST_DIR/in.jsonl"
expect_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')" "$count" "import queues nothing by default"
cat >"$TEST_DIR/in2.jsonl" <<'EOF'
{"ref":"SN-2","title":"Live feed","created":"2026-11-02T08:00:00Z","status":"resolved","resolved":"2026-11-02T08:30:00Z","resolution_code":"fixed"}
EOF
sd 0 import --notify "$TEST_DIR/in2.jsonl"
sd 0 show --ref SN-2 --json
expect_eq "$(jq -c '[.outbox[] | .kind]' <<<"$out")" '["open","resolve"]' "import --notify queues its actions"
expect_eq "$(jq -r '.outbox[0].created' <<<"$out")" "2026-11-02T09:00:00+00:00" "import rows are created at import time"
# A dry run queues nothing either.
count=$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')
sed 's/SN-2/SN-3/' "$TEST_DIR/in2.jsonl" >"$TEST_DIR/in3.jsonl"
sd 0 import --notify --dry-run "$TEST_DIR/in3.jsonl"
expect_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')" "$count" "dry run queues nothing"

finish
