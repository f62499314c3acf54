#!/usr/bin/env bash
# docs/postgresql.md does what it says: its SQL blocks, run as written (the
# roles, the database, the default privileges; the owner's revokes), make
# a server on which the owner creates the store and the agents' login roles
# run the commands; an older store is refused to an agent (exit 5, naming
# the owner), upgraded by the owner's init, and the agents then use the new
# tables; a pg_dump/pg_restore of the store passes verify and exports the
# same tickets.
#
# Runs on a throw-away server from tests/support/pg-server (trust
# authentication over its socket: the passwords, TLS and pg_hba.conf steps
# are not exercised); skipped (125) without the server binaries or psql.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

PG_TOOLS="psql pg_dump pg_restore" . "$(dirname "$0")/support/pg_docs.sh"

# --- Step 2: the roles, the database, the default privileges ----------------
roles=$(block "CREATE ROLE desk_owner LOGIN;")
[ -n "$roles" ] || fail "postgresql.md: no block with CREATE ROLE desk_owner"
as sdesk sdesk <<<"$roles" || fail "postgresql.md step 2 failed"

# --- Step 5: the owner creates the store and takes back what no command needs
OWNER=$(uri servicedesk desk_owner)
ALICE=$(uri servicedesk alice)
BOB=$(uri servicedesk bob)
DB=$OWNER sd 0 init "$OWNER"
expect_contains "$out" "created store at" "the owner creates the store"
revokes=$(block "REVOKE UPDATE, DELETE ON ticket_event FROM desk_agents;")
[ -n "$revokes" ] || fail "postgresql.md: no block with the owner's REVOKEs"
as desk_owner servicedesk <<<"$revokes" || fail "postgresql.md step 5's REVOKEs failed"

# --- The agents work, each as their own role ----------------------------------
unset SDESK_USER # lib.sh's actor: on a server the connected role is the actor
DB=$ALICE
sd 0 open "Printer jammed" --impact high --urgency medium -q
sd 0 open "VPN down" --tag vpn,remote --ref EXT-7 -q
sd 0 assign 1 alice
sd 0 comment 1 "toner ordered"
DB=$BOB sd 0 comment 1 "I have toner"
sd 0 link 2 1 --type caused-by
sd 0 unlink 2 1 --type caused-by
sd 0 update 2 --remove-tag remote
sd 0 watch 1 carol
sd 0 unwatch 1 carol
printf 'log line\n' >"$TEST_DIR/log.txt"
sd 0 attach 1 "$TEST_DIR/log.txt"
sd 0 resolve 1 --code fixed --note "new toner"
sd 0 reopen 1 --reason "jammed again"
sd 0 escalate 2
sd 0 list --json
expect_eq "$(jq length <<<"$out")" "2" "alice lists the tickets"
sd 0 log 1 --json
expect_eq "$(jq -r '[.[].actor] | unique | join(",")' <<<"$out")" "alice,bob" "each role is its own actor"
sd 0 report --month 2026-11
sd 0 outbox
sd 0 tick
sd 0 verify
sd 0 init "$ALICE"
expect_contains "$out" "checked store at" "an agent's init only checks a current store"

# What the revokes took: history stays append-only, the version row the owner's.
if as alice servicedesk -c "UPDATE sdesk_schema SET version = 99" 2>/dev/null; then
  fail "an agent changed the version row"
fi

# --- An older store: the agents are refused, the owner upgrades ---------------
latest=$(as desk_owner servicedesk -At -c "SELECT version FROM sdesk_schema")
as desk_owner servicedesk -c "DROP TABLE announcement, service_subscriber, mail_queue, escalation_watch, escalation_sweep, ticket_attachment, attachment_content, ticket_watcher,
  mail_message, delivery, alert_event; DROP INDEX alert_key_by_flapping, alert_key_by_downtime;
  DO \$\$ DECLARE p record; BEGIN
    FOR p IN SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema() LOOP
      EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    END LOOP; END \$\$;
  DROP FUNCTION sdesk_acts_for_others(), sdesk_sees_group(text), sdesk_next_ticket_id(),
    sdesk_content_attached(text);
  ALTER TABLE ticket DROP COLUMN restricted;
  UPDATE sdesk_schema SET version = 14"
DB=$ALICE sd 5 show 1
expect_error "has schema version 14 and this sdesk needs $latest; only its owner can upgrade it: run 'sdesk init' on it as role 'desk_owner' (docs/postgresql.md)" \
  "an agent's command on an older store"
DB=$OWNER sd 0 init "$OWNER"
expect_eq "$(as desk_owner servicedesk -At -c "SELECT version FROM sdesk_schema")" "$latest" \
  "the owner's init upgrades"
DB=$ALICE
sd 0 watch 1 carol
sd 0 attach 1 "$TEST_DIR/log.txt"
sd 0 verify

# --- Backups: pg_dump and pg_restore -------------------------------------------
DB=$ALICE sd 0 export
exported=$out
"$bindir/pg_dump" --format=custom --file="$TEST_DIR/desk.dump" "$OWNER" || fail "pg_dump"
as sdesk sdesk -c "CREATE DATABASE servicedesk_restored OWNER desk_owner"
"$bindir/pg_restore" --exit-on-error --dbname="$(uri servicedesk_restored sdesk)" \
  "$TEST_DIR/desk.dump" || fail "pg_restore"
DB=$(uri servicedesk_restored alice)
sd 0 verify
sd 0 export
expect_eq "$out" "$exported" "the restored store exports the same tickets"
sd 0 comment 2 "after the restore"

finish
