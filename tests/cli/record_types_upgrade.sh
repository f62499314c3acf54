#!/usr/bin/env bash
# A schema-4 store (tests/fixtures/schema4, made by the schema-4 sdesk with
# make.sh there) upgrades in place: every ticket, tag and history row kept,
# changes and problems moved onto their own lifecycles with one "migrate"
# event each, the ticket table rebuilt without its CHECKs and with the same
# indexes, and the reports give the figures the old binary gave.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped" >&2; exit 125; }
FIXTURE="$(dirname "$0")/../fixtures/schema4"
zcat "$FIXTURE/store.db.gz" >"$DB"
q() { sqlite3 "$DB" "$1"; }

expect_eq "$(q 'PRAGMA user_version')" "4" "the fixture is schema 4"
# The version this sdesk writes (not hard-coded here: a fresh store's).
latest=$("$SDESK" --db "$TEST_DIR/fresh.db" init "$TEST_DIR/fresh.db" --json | jq -r .schema_version)
events_cols="id, ticket_id, at, actor, action, field, old_value, new_value, note"
tickets_before=$(q "SELECT count(*) FROM ticket")
events_before=$(q "SELECT $events_cols FROM ticket_event ORDER BY id" | sha256sum)
last_event=$(q "SELECT max(id) FROM ticket_event")
tags_before=$(q "SELECT * FROM ticket_tag ORDER BY 1, 2" | sha256sum)
# The ticket table's columns before the upgrade (later migrations may add some).
ticket_cols=$(q "SELECT group_concat(name, ', ') FROM pragma_table_info('ticket')")
same_before=$(q "SELECT $ticket_cols FROM ticket WHERE kind IN ('incident','request') ORDER BY id" | sha256sum)
others_before=$(q "SELECT * FROM ticket WHERE kind IN ('change','problem') ORDER BY id" | sha256sum)
# Everything but the status, for changes and problems.
rest="id, ref, kind, title, description, impact, urgency, priority, category, service, grp, assignee,
  requester, escalation_level, created_at, updated_at, first_response_at, resolved_at, closed_at,
  resolution_code, resolution_note, response_due, resolution_due, sla_policy, response_business,
  resolution_business"
rest_before=$(q "SELECT $rest FROM ticket ORDER BY id" | sha256sum)
moved=$(q "SELECT count(*) FROM ticket WHERE kind IN ('change','problem')")
open_before=$(q "SELECT count(*) FROM ticket WHERE status NOT IN ('resolved','closed')")
# The ticket table's indexes (the rebuild drops and recreates them; other
# migrations may change other tables' indexes).
indexes_before=$(q "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ticket' ORDER BY name")
status_of() { q "SELECT kind || ' ' || status FROM ticket WHERE id = $1"; }
# One ticket of each (kind, status) pair, to follow it through the upgrade.
declare -A sample
while IFS='|' read -r kind status id; do sample["$kind $status"]=$id; done \
  < <(q "SELECT kind, status, min(id) FROM ticket GROUP BY kind, status")

# The first command upgrades the store: here the month report, which must
# give the figures the schema-4 binary gave.
sd 0 report --month 2026-03 --format json
expect_eq "$(jq -S . <<<"$out")" "$(jq -S . "$FIXTURE/report-month.json")" "month report after the upgrade"
expect_eq "$(q 'PRAGMA user_version')" "$latest" "upgraded to the latest schema"
sd 0 report --year 2026 --format json
expect_eq "$(jq -S . <<<"$out")" "$(jq -S . "$FIXTURE/report-year.json")" "year report after the upgrade"
sd 0 report --year 2026 --by kind --format json
expect_eq "$(jq -S . <<<"$out")" "$(jq -S . "$FIXTURE/report-year-by-kind.json")" "year report by kind"

# Every row kept; only statuses of changes and problems moved.
expect_eq "$(q "SELECT count(*) FROM ticket")" "$tickets_before" "ticket count"
expect_eq "$(q "SELECT $events_cols FROM ticket_event WHERE id <= $last_event ORDER BY id" | sha256sum)" \
  "$events_before" "history rows kept byte for byte"
expect_eq "$(q "SELECT * FROM ticket_tag ORDER BY 1, 2" | sha256sum)" "$tags_before" "tags kept"
expect_eq "$(q "SELECT $ticket_cols FROM ticket WHERE kind IN ('incident','request') ORDER BY id" | sha256sum)" \
  "$same_before" "incidents and requests kept byte for byte"
expect_eq "$(q "SELECT $rest FROM ticket ORDER BY id" | sha256sum)" "$rest_before" "all but the status kept"
[ "$(q "SELECT * FROM ticket WHERE kind IN ('change','problem') ORDER BY id" | sha256sum)" != "$others_before" ] \
  || fail "no change or problem status moved"
expect_eq "$(q "SELECT count(*) FROM ticket_event WHERE id > $last_event")" "$moved" "one new event per change/problem"
expect_eq "$(q "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                WHERE e.id > $last_event AND e.action = 'migrate' AND e.actor = 'sdesk' AND e.field = 'status'
                  AND e.new_value = t.status AND t.kind IN ('change','problem')
                  AND e.at = (SELECT max(at) FROM ticket_event x WHERE x.ticket_id = t.id)")" \
  "$moved" "the migrate events: actor sdesk, field status, to the new status, at the last event's time"
expect_eq "$(q "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ticket' ORDER BY name")" \
  "$indexes_before" "every index of the ticket table as the migrations before left them"
expect_eq "$(q "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name)")" \
  "ticket_event_no_delete,ticket_event_no_update" "the append-only triggers stay"
[ "$(q "SELECT sql FROM sqlite_schema WHERE name = 'ticket'" | grep -c CHECK)" = 3 ] \
  || fail "ticket table: only impact/urgency/priority CHECKs stay: $(q "SELECT sql FROM sqlite_schema WHERE name = 'ticket'")"
expect_eq "$(q 'PRAGMA foreign_key_check')" "" "foreign keys hold"
expect_eq "$(q 'PRAGMA integrity_check')" "ok" "integrity"

# The mapping (docs/record-types.md).
for pair in "change new:change requested" "change assigned:change requested" \
            "change in_progress:change implementing" "change pending:change implementing" \
            "change resolved:change review" "change closed:change closed" \
            "problem new:problem new" "problem assigned:problem new" \
            "problem in_progress:problem investigating" "problem pending:problem investigating" \
            "problem resolved:problem resolved" "problem closed:problem closed" \
            "incident pending:incident pending" "request assigned:request assigned"; do
  id=${sample[${pair%%:*}]:-}
  [ -n "$id" ] || { fail "fixture has no ${pair%%:*} ticket"; continue; }
  expect_eq "$(status_of "$id")" "${pair##*:}" "ticket $id was ${pair%%:*}"
done

# The invariants hold for every ticket, the history replays (incident
# moves before each migrate event), and --open counts what it counted.
sd 0 verify
sd 0 list --open --json --limit 10000
expect_eq "$(jq length <<<"$out")" "$open_before" "list --open"

# Migrated tickets go on in their own lifecycle.
review=${sample["change resolved"]}
# A closed change has its outcome (rule field-required); the changes
# migration 9 closed keep none (verify above passes on them).
sd 4 close "$review"
expect_contains "$err" "rule field-required" "a migrated change in review closes with an outcome"
sd 0 change review "$review" --outcome successful
sd 0 close "$review"
expect_eq "$(status_of "$review")" "change closed" "a change in review closes"
investigating=${sample["problem in_progress"]}
sd 0 resolve "$investigating" --code fixed
expect_eq "$(status_of "$investigating")" "problem resolved" "an investigated problem resolves"
sd 4 pending "${sample["problem pending"]}" --reason x
expect_error "'pending' does not apply to a problem" "pending refused for a problem"
sd 0 verify

# Export and import carry the migrated history (its migrate events
# included) into a new store, where it replays as it did.
sd 0 export --format jsonl
printf '%s\n' "$out" >"$TEST_DIR/all.jsonl"
"$SDESK" --db "$TEST_DIR/copy.db" init "$TEST_DIR/copy.db" >/dev/null
"$SDESK" --db "$TEST_DIR/copy.db" import "$TEST_DIR/all.jsonl" >/dev/null 2>"$TEST_DIR/import.err" \
  || fail "re-import of the upgraded store: $(cat "$TEST_DIR/import.err")"
"$SDESK" --db "$TEST_DIR/copy.db" verify >/dev/null || fail "verify the re-imported store"
expect_eq "$("$SDESK" --db "$TEST_DIR/copy.db" export --format jsonl | jq -c '[.id, .kind, .status, .events]')" \
  "$(jq -c '[.id, .kind, .status, .events]' "$TEST_DIR/all.jsonl")" "statuses and history survive export and import"

# A second run finds the store current and changes nothing.
digest=$(store_digest)
sd 0 init "$DB"
expect_contains "$out" "schema version $latest" "init on the upgraded store"
expect_eq "$(store_digest)" "$digest" "nothing changes the second time"
finish
