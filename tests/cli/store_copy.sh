#!/usr/bin/env bash
# sdesk store copy (docs/sdesk-store.md) between SQLite stores: every table
# copied row for row (the copy's tables are the source's catalog, each with
# the same rows), the same export, report and verify --digest; the next
# command gets the next id; a non-empty TO, an older or foreign one, FROM as
# TO and a missing FROM are refused and leave TO as it was; a copy that
# fails half-way leaves nothing; a copy taken while another process writes
# FROM is consistent and verifies. PostgreSQL: postgresql_copy.sh.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/support/store_fixture.sh"

fill_store "$DB"
# The fixture reaches every table, so that a table the copy left out shows.
while read -r table; do
  [ "$(sqlite3 "$DB" "SELECT count(*) FROM \"$table\"")" -gt 0 ] ||
    fail "the fixture leaves table $table empty"
done < <(sqlite_tables "$DB")

# Commands after the fixture come later than its last change.
export SDESK_NOW=2026-11-03T09:00:00Z
sd 0 verify --digest
digest=$out
sd 0 export
exported=$out
sd 0 report --month 2026-11 --format json
reported=$out

# --- A copy into a new file ------------------------------------------------
COPY="$TEST_DIR/copy.db"
sd 0 store copy "$DB" "$COPY" --json
json=$out
expect_eq "$(jq -r '.created' <<<"$json")" "true" "a new file is created"
expect_eq "$(jq -r '.tables | keys[]' <<<"$json")" "$(sqlite_tables "$DB")" \
  "the copied tables are the store's tables"
expect_eq "$(jq -r '.verify | "\(.checked) \(.failed) \(.broken_chains)"' <<<"$json")" \
  "$(sqlite3 "$DB" "SELECT count(*) FROM ticket") 0 0" "the copy is verified"
expect_eq "$(jq -r '.checkpoint' <<<"$json")" "$digest" "the copy's checkpoint is the original's"
total=0
while read -r table; do
  rows=$(sqlite3 "$DB" "SELECT count(*) FROM \"$table\"")
  expect_eq "$(jq -r --arg t "$table" '.tables[$t]' <<<"$json")" "$rows" "rows of $table reported"
  expect_eq "$(table_rows "$COPY" "$table")" "$(table_rows "$DB" "$table")" "rows of $table copied"
  total=$((total + rows))
done < <(sqlite_tables "$DB")
expect_eq "$(jq -r '.rows' <<<"$json")" "$total" "total rows reported"
expect_eq "$(sqlite3 "$COPY" "PRAGMA user_version")" "$(sqlite3 "$DB" "PRAGMA user_version")" \
  "the copy is at the latest schema"

DB=$COPY sd 0 export
expect_eq "$out" "$exported" "the copy exports the same"
DB=$COPY sd 0 report --month 2026-11 --format json
expect_eq "$out" "$reported" "the copy reports the same"
DB=$COPY sd 0 verify --digest
expect_eq "$out" "$digest" "the copy's verify --digest"

# The next command on the copy gets the next ids, as on the original.
cp "$DB" "$TEST_DIR/orig2.db"
for store in "$TEST_DIR/orig2.db" "$COPY"; do
  DB=$store sd 0 open "After the copy" -q
  echo "$out" >>"$TEST_DIR/ids-$(basename "$store")"
  DB=$store sd 0 attach 1 "$TEST_DIR/fixture.log"
  DB=$store sd 0 show 1 --json
  jq -c '[.history[-1].id, .attachments]' <<<"$out" >>"$TEST_DIR/ids-$(basename "$store")"
done
expect_eq "$(cat "$TEST_DIR/ids-copy.db")" "$(cat "$TEST_DIR/ids-orig2.db")" "the next ids"

# Text output: the rows of each table and the checkpoint.
sd 0 store copy "$DB" "$TEST_DIR/text.db"
expect_contains "$out" "copied $total rows from $DB to $TEST_DIR/text.db (new store)" "text summary"
expect_contains "$out" "  ticket_event" "text: a line per table"
expect_contains "$out" "every history chain is intact" "text: verified"
expect_contains "$out" "$digest" "text: the checkpoint"

# An existing empty store (sdesk init) is filled.
sd 0 init "$TEST_DIR/empty.db"
sd 0 store copy "$DB" "$TEST_DIR/empty.db" --json
expect_eq "$(jq -r '.created, .rows' <<<"$out" | tr '\n' ' ')" "false $total " "an empty store is filled"

# --- Refusals leave TO as it was --------------------------------------------
before=$(DB=$COPY store_digest)
sd 4 store copy "$DB" "$COPY"
expect_error "store '$COPY' is not empty (table ticket has" "a non-empty TO is refused"
expect_eq "$(DB=$COPY store_digest)" "$before" "the refused TO is unchanged"

sd 2 store copy "$DB" "$DB"
expect_error "FROM and TO are both" "FROM as TO"
sd 5 store copy "$TEST_DIR/missing.db" "$TEST_DIR/never.db"
expect_error "missing.db" "a missing FROM"
[ -e "$TEST_DIR/never.db" ] && fail "a failed copy left TO behind"

# An older empty store would be upgraded: refused, untouched.
sqlite3 "$TEST_DIR/old.db" "PRAGMA user_version = 16; PRAGMA application_id = 1396986699;
  CREATE TABLE ticket (id INTEGER PRIMARY KEY)"
old=$(DB=$TEST_DIR/old.db store_digest)
sd 4 store copy "$DB" "$TEST_DIR/old.db"
expect_error "has schema version 16" "an older TO"
expect_eq "$(DB=$TEST_DIR/old.db store_digest)" "$old" "the older TO is unchanged"

# A table store copy does not know: refused before anything is written.
cp "$DB" "$TEST_DIR/extra.db"
sqlite3 "$TEST_DIR/extra.db" "CREATE TABLE local_notes (id INTEGER PRIMARY KEY, note TEXT)"
sd 5 store copy "$TEST_DIR/extra.db" "$TEST_DIR/never.db"
expect_error "has a table 'local_notes' that store copy does not know" "an unknown table"
[ -e "$TEST_DIR/never.db" ] && fail "a refused copy left a new TO behind"

# A copy that fails half-way (an attachment row refused) leaves TO empty.
sd 0 init "$TEST_DIR/half.db"
sqlite3 "$TEST_DIR/half.db" "CREATE TRIGGER no_attachments BEFORE INSERT ON ticket_attachment
  BEGIN SELECT RAISE(ABORT, 'no attachments here'); END"
half=$(DB=$TEST_DIR/half.db store_digest)
sd 5 store copy "$DB" "$TEST_DIR/half.db"
expect_error "no attachments here" "a failure while copying"
expect_eq "$(DB=$TEST_DIR/half.db store_digest)" "$half" "a failed copy leaves TO as it was"

# --- A copy while another process writes FROM --------------------------------
LIVE="$TEST_DIR/live.db"
cp "$DB" "$LIVE"
(for i in $(seq 1 60); do
  "$SDESK" --db "$LIVE" open "writer ticket $i" -q >/dev/null || echo "open $i failed"
  "$SDESK" --db "$LIVE" comment 1 "writer comment $i" >/dev/null || echo "comment $i failed"
done) >"$TEST_DIR/writer.log" 2>&1 &
writer=$!
sleep 0.3
sd 0 store copy "$LIVE" "$TEST_DIR/snapshot.db" --json
snapshot=$out
wait "$writer"
[ -s "$TEST_DIR/writer.log" ] && fail "the writer failed during the copy: $(cat "$TEST_DIR/writer.log")"
DB=$TEST_DIR/snapshot.db sd 0 verify
tickets=$(jq -r '.tables.ticket' <<<"$snapshot")
expect_eq "$(sqlite3 "$TEST_DIR/snapshot.db" "SELECT max(id) FROM ticket")" "$tickets" \
  "the snapshot holds tickets 1..N"
expect_eq "$(sqlite3 "$TEST_DIR/snapshot.db" "SELECT count(*) FROM ticket_event")" \
  "$(sqlite3 "$TEST_DIR/snapshot.db" "SELECT sum(event_count) FROM ticket")" \
  "every ticket's events are in the snapshot, and no more"
# Every ticket of the snapshot is as the live store had it then: its
# history is a prefix of the live one's.
DB=$TEST_DIR/snapshot.db sd 0 verify --digest
DB=$LIVE sd 0 verify --against "$(DB=$TEST_DIR/snapshot.db; "$SDESK" --db "$TEST_DIR/snapshot.db" verify --digest)"
expect_contains "$out" "checkpoint holds" "the snapshot is a state the live store passed through"

finish
