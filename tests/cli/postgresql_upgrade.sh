#!/usr/bin/env bash
# Issue 10: upgrading a PostgreSQL store, with SQLite's version rules. A
# store left at version 14 (the first the backend made:
# tests/fixtures/pg-schema14/schema.sql) is upgraded by 'sdesk init' and by
# any command that opens it, keeping its tickets; hosts upgrading at once
# all succeed; the upgraded schema is the one a new store gets (pg_dump
# --schema-only of both compared); a role that may not act as the store's
# owner is told who can upgrade it (exit 5); a newer store is refused.
#
# Runs on a throw-away server from tests/support/pg-server (started here
# unless SDESK_TEST_PG_URI names one); skipped (125) when the server
# binaries or psql are missing.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/psql" ] || [ ! -x "$bindir/pg_dump" ]; then
  echo "no psql or pg_dump: skipped" >&2
  exit 125
fi
FIXTURE="$SDESK_SOURCE_DIR/tests/fixtures/pg-schema14/schema.sql"
PG=$SDESK_TEST_PG_URI
latest=$(DB=$TEST_DIR/probe.db sd 0 init "$TEST_DIR/probe.db" --json && jq .schema_version <<<"$out")

# psql_in SCHEMA ARGS...: psql on the test database, in SCHEMA.
psql_in() {
  local schema=$1
  shift
  PGOPTIONS="-csearch_path=$schema" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$PG" "$@"
}

# uri_of SCHEMA: the store in SCHEMA.
uri_of() {
  printf '%s&options=-csearch_path%%3D%s' "$PG" "$1"
}

# version_of SCHEMA: its version row.
version_of() {
  psql_in "$1" -At -c "SELECT version FROM sdesk_schema"
}

# at14 SCHEMA: a new SCHEMA holding a store at version 14.
at14() {
  psql_in public -c "CREATE SCHEMA $1"
  psql_in "$1" -f "$FIXTURE"
}

# schema_of SCHEMA: its tables, columns, indexes, constraints, triggers and
# functions as pg_dump writes them, without the schema's name.
schema_of() {
  "$bindir/pg_dump" --schema-only --no-owner --no-privileges -n "$1" "$PG" |
    sed -e "s/\b$1\b/SCHEMA/g" | grep -v -e '^--' -e '^$' -e '^\\restrict ' -e '^\\unrestrict '
}

# --- init upgrades; the result is what a new store gets -------------------------
psql_in public -c "CREATE SCHEMA fresh"
DB=$(uri_of fresh) sd 0 init "$(uri_of fresh)"
expect_eq "$(version_of fresh)" "$latest" "a new store is at the latest version"
at14 old
expect_eq "$(version_of old)" "14" "the fixture is a store at 14"
DB=$(uri_of old) sd 0 init "$(uri_of old)" --json
expect_eq "$(jq -r '.created, .schema_version' <<<"$out" | tr '\n' ' ')" "false $latest " \
  "init upgrades a store at 14"
expect_eq "$(version_of old)" "$latest" "the version row after init"
expect_eq "$(schema_of old)" "$(schema_of fresh)" "the upgraded schema is a new store's"
expect_contains "$(schema_of old)" "CREATE TABLE SCHEMA.ticket_attachment" "pg_dump shows the tables"

# --- Any command upgrades, and the tickets stay ---------------------------------
# A store made now, taken back to 14 as an sdesk of that version had it:
# the tables and indexes of 15 to 17 and 19 to 21 dropped, 18's policies, functions and
# column too, the version row set to 14.
psql_in public -c "CREATE SCHEMA used"
DB=$(uri_of used)
sd 0 init "$DB"
sd 0 open "Printer jammed" --impact high --urgency medium -q
sd 0 comment 1 "toner ordered"
sd 0 open "VPN down" -q
sd 0 show 1 --json
before=$out
psql_in used -c "DROP TABLE announcement, service_subscriber, mail_queue, escalation_watch, escalation_sweep, ticket_attachment, attachment_content, ticket_watcher, mail_message,
  delivery, alert_event; DROP INDEX alert_key_by_flapping, alert_key_by_downtime;
  DO \$\$ DECLARE p record; BEGIN
    FOR p IN SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema() LOOP
      EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    END LOOP; END \$\$;
  DROP FUNCTION sdesk_acts_for_others(), sdesk_sees_group(text), sdesk_next_ticket_id(),
    sdesk_content_attached(text);
  ALTER TABLE ticket DROP COLUMN restricted;
  UPDATE sdesk_schema SET version = 14"
sd 0 show 1 --json
expect_eq "$out" "$before" "show upgrades the store and shows the same ticket"
expect_eq "$(version_of used)" "$latest" "show upgraded the store"
expect_eq "$(schema_of used)" "$(schema_of fresh)" "the schema after an upgrade on open"
sd 0 watch 1 carol
sd 0 verify

# --- Hosts upgrading at once ---------------------------------------------------------
at14 racing
racing=$(uri_of racing)
for p in 1 2 3 4 5 6; do
  if [ $((p % 2)) -eq 0 ]; then
    "$SDESK" init "$racing" >"$TEST_DIR/race-$p.out" 2>"$TEST_DIR/race-$p.err" &
  else
    "$SDESK" --db "$racing" list --json >"$TEST_DIR/race-$p.out" 2>"$TEST_DIR/race-$p.err" &
  fi
done
for p in 1 2 3 4 5 6; do
  wait -n || fail "an upgrade at once failed: $(cat "$TEST_DIR"/race-*.err)"
done
for p in 1 2 3 4 5 6; do
  [ -s "$TEST_DIR/race-$p.err" ] && fail "host $p: $(cat "$TEST_DIR/race-$p.err")"
done
expect_eq "$(cat "$TEST_DIR/race-2.out")" "checked store at $racing (schema version $latest)" \
  "init at once checks (and upgrades) the store"
expect_eq "$(cat "$TEST_DIR/race-1.out")" "[]" "list at once sees the upgraded store"
expect_eq "$(version_of racing)" "$latest" "the store is upgraded once"
expect_eq "$(schema_of racing)" "$(schema_of fresh)" "the schema after upgrades at once"

# --- Only the owner's roles upgrade ----------------------------------------------------
at14 locked
psql_in public -c "CREATE ROLE upgrade_agent LOGIN; GRANT USAGE ON SCHEMA locked TO upgrade_agent;
  GRANT SELECT ON locked.sdesk_schema TO upgrade_agent"
agent_uri=$(uri_of locked | sed 's/user=sdesk/user=upgrade_agent/')
if [ "$agent_uri" != "$(uri_of locked)" ]; then
  DB=$agent_uri sd 5 list
  expect_error "has schema version 14 and this sdesk needs $latest; only its owner can upgrade it: run 'sdesk init' on it as role 'sdesk'" \
    "an agent's role cannot upgrade"
  expect_eq "$(version_of locked)" "14" "the refused upgrade changed nothing"
fi

# --- A newer store is refused --------------------------------------------------------
psql_in fresh -c "UPDATE sdesk_schema SET version = version + 1"
DB=$(uri_of fresh) sd 5 list
expect_error "newer than this sdesk supports ($latest); upgrade sdesk" "a newer store"

finish
