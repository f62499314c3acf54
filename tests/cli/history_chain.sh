#!/usr/bin/env bash
# Issue 8, section 3: structured, tamper-evident history (docs/history.md).
# Every write path extends each ticket's hash chain; `verify` names the first
# broken event of a chain edited, extended or cut by hand (even with the
# append-only triggers dropped) and a ticket row that no longer holds what
# its history recorded; `verify --digest` prints a checkpoint and
# `verify --against` proves nothing recorded up to it was rewritten. An
# escalation rule fires by its recorded data, whatever a note says.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped" >&2; exit 125; }

cat >"$TEST_DIR/site.toml" <<'EOF_TOML'
[escalation.rules.warn]
at = "80%"
action = "hierarchical"
inform = ["duty-manager"]
EOF_TOML
export SDESK_CONFIG="$TEST_DIR/site.toml"

sd 0 init "$DB"
sd 0 open "Printer jammed" -q
sd 0 open "VPN down" --impact high --urgency high -q
sd 0 comment 1 "looking into it"
sd 0 escalate 1
printf '%s\n' '{"ref":"I-1","title":"imported","created":"2026-10-01T08:00:00Z","events":[{"at":"2026-10-01T09:00:00Z","action":"comment","note":"hi"}]}' \
  >"$TEST_DIR/in.jsonl"
sd 0 import "$TEST_DIR/in.jsonl"

# Every path wrote a chain: count and head on the ticket row, a hash per event.
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket_event WHERE hash IS NULL OR length(hash) != 32")" "0" \
  "every event has a hash"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket t WHERE event_count != (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id) OR length(event_head) != 32")" \
  "0" "every ticket row counts its events and has a head"
expect_eq "$(sqlite3 "$DB" "SELECT data FROM ticket_event WHERE action = 'escalate' AND data IS NOT NULL")" \
  '{"from":"service-desk","to":"second-line","level":1}' "an escalation records from, to and level"

sd 0 log 1 --json
expect_eq "$(jq -c '[.[] | select(.data != null) | [.action, .data]]' <<<"$out")" \
  '[["escalate",{"from":"service-desk","to":"second-line","level":1}]]' "log --json: data as an object"

# A person's reason that reads like the auto-escalation marker changes nothing.
sd 0 escalate 2 --hierarchical --inform boss --reason "auto: rule warn (copied from last week)" \
  --now 2026-11-02T10:00:00Z
sd 0 escalate --auto --now 2026-11-02T12:20:00Z
expect_contains "$out" "ticket 2: rule warn (83% of resolution target)" "the rule fires despite the note"
sd 0 escalate --auto --now 2026-11-02T12:30:00Z
expect_eq "$out" "" "and only once"

sd 0 verify
expect_eq "$out" "checked 3 tickets: every invariant holds" "verify on a sound store"
sd 0 verify --digest
checkpoint=$out
grep -Eq '^sdesk-checkpoint-1 last-ticket=3 last-event=[0-9]+ digest=[0-9a-f]{64}$' <<<"$checkpoint" \
  || fail "verify --digest prints one checkpoint line: [$checkpoint]"
printf 'Subject: sdesk checkpoint\n\n%s\n' "$checkpoint" >"$TEST_DIR/checkpoint.txt"

# Later writes do not disturb the checkpoint; the digest moves on.
sd 0 open "Later" -q
sd 0 comment 1 "later comment" --now 2026-11-02T13:00:00Z
sd 0 verify --against "$TEST_DIR/checkpoint.txt"
expect_contains "$out" "checkpoint holds: nothing recorded up to event " "--against a file"
expect_eq "$(tail -1 <<<"$out")" "checked 4 tickets: every invariant holds" "--against: the summary last"
sd 0 verify --against "$checkpoint"
expect_contains "$out" "checkpoint holds" "--against the line itself"
sd 0 verify --digest
[ "$out" != "$checkpoint" ] || fail "the digest changes with new events"
sd 0 verify --json --against "$checkpoint"
expect_eq "$(jq -c '[.broken_chains, .checkpoint_holds, .chains]' <<<"$out")" '[0,true,[]]' "--json --against"
sd 2 verify --against "not a checkpoint"
expect_error "--against: no checkpoint in 'not a checkpoint'" "--against garbage"

# Tampering, with the append-only triggers dropped, is named.
cp "$DB" "$TEST_DIR/clean.db"
sqlite3 "$DB" "DROP TRIGGER ticket_event_no_update; DROP TRIGGER ticket_event_no_delete"
edited=$(sqlite3 "$DB" "SELECT min(id) FROM ticket_event WHERE ticket_id = 1 AND action = 'comment'")
sqlite3 "$DB" "UPDATE ticket_event SET note = 'nothing to see' WHERE id = $edited"
before=$(store_digest)
sd 1 verify
expect_contains "$out" "history of ticket 1 breaks at event $edited: hash-mismatch: " "an edited event"
expect_eq "$(tail -2 <<<"$out" | paste -sd'|')" \
  "history chains: 1 of 4 broken|checked 4 tickets: every invariant holds" "verify summary with a broken chain"
sd 1 verify -q
expect_eq "$out" "1" "verify -q names the ticket"
sd 1 verify --json
expect_eq "$(jq -c '[.broken_chains, .chains[0].id, .chains[0].event, .chains[0].problem]' <<<"$out")" \
  "[1,1,$edited,\"hash-mismatch\"]" "verify --json"
sd 1 verify --against "$TEST_DIR/checkpoint.txt"
expect_contains "$out" "checkpoint broken: the history recorded up to event " "--against after an edit"
sd 1 verify --digest
expect_eq "$(grep -c '^sdesk-checkpoint' <<<"$out")" "0" "no checkpoint of a broken store"
expect_eq "$(store_digest)" "$before" "verify writes nothing"

# Deleting the last event: the ticket row's count no longer matches.
cp "$TEST_DIR/clean.db" "$DB"
sqlite3 "$DB" "DROP TRIGGER ticket_event_no_delete; DELETE FROM ticket_event WHERE id = (SELECT max(id) FROM ticket_event WHERE ticket_id = 2)"
sd 1 verify
expect_contains "$out" "history of ticket 2 breaks at event " "a deleted event"
expect_contains "$out" ": count-mismatch: the ticket records " "a deleted event: count"

# Inserting an event: it has no hash.
cp "$TEST_DIR/clean.db" "$DB"
sqlite3 "$DB" "INSERT INTO ticket_event (ticket_id, at, actor, action, note) VALUES (3, 1793610000, 'x', 'comment', 'forged')"
forged=$(sqlite3 "$DB" "SELECT max(id) FROM ticket_event")
sd 1 verify
expect_contains "$out" "history of ticket 3 (I-1) breaks at event $forged: missing-hash: " "an inserted event"

# A ticket row changed by hand, its history untouched: every chain holds,
# but the row no longer holds what its history last recorded (a priority
# lowered, an assignee that no event named); a field an import gave no
# history (ticket 3's category) is not checked.
cp "$TEST_DIR/clean.db" "$DB"
sqlite3 "$DB" "UPDATE ticket SET priority = 5, assignee = 'mallory' WHERE id = 2;
  UPDATE ticket SET category = 'network' WHERE id = 3"
sd 1 verify
expect_contains "$out" "ticket 2: priority: 'P5' is stored, but the history's last value is 'P1' (open at " \
  "a row edited by hand: a recorded field"
expect_contains "$out" "ticket 2: assignee: 'mallory' is stored, but the history records no value (rule history-values)" \
  "a row edited by hand: a field no event named"
expect_eq "$(tail -1 <<<"$out")" "checked 4 tickets: 1 breaks an invariant" "only the edited ticket"
sd 1 verify --json
expect_eq "$(jq -c '[.tickets[0].violations[].rule] | unique' <<<"$out")" '["history-values"]' "verify --json: the rule"

# An action this sdesk does not know: the store is refused, naming the event.
cp "$TEST_DIR/clean.db" "$DB"
sqlite3 "$DB" "DROP TRIGGER ticket_event_no_update; UPDATE ticket_event SET action = 'frobnicate' WHERE id = $edited"
sd 5 log 1
expect_error "event $edited of ticket 1 has an unknown action 'frobnicate'" "unknown action"

finish
