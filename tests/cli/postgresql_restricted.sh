#!/usr/bin/env bash
# Issue 10, "Who did what, on a shared server", on a real server set up as
# docs/postgresql.md says (its SQL blocks run as written: roles, the act-as
# role, a group's role). The actor is the connected role: --as and
# SDESK_USER naming anyone else are refused to a plain agent role (exit 4,
# nothing stored) and accepted from a role that acts for others (and the
# owner). A ticket restricted to a group is invisible to a role outside it,
# through sdesk (show and comment exit 3 as for an unknown id; list, export,
# outbox and reports leave it out; verify passes) and through psql (no row
# of it in any table that names a ticket); a member, the act-as role and
# the owner see it; an outsider can neither open one nor restrict one;
# update --restricted none makes it visible to everyone.
#
# Runs on a throw-away server from tests/support/pg-server; skipped (125)
# without the server binaries or psql.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/support/pg_docs.sh"

# count ROLE SQL-FROM-WHERE: how many rows ROLE sees through psql.
count() {
  as "$1" servicedesk -At -c "SELECT count(*) FROM $2"
}

# --- The server, as docs/postgresql.md sets it up ----------------------------
for first in "CREATE ROLE desk_owner LOGIN;" "CREATE ROLE sdesk_act_as NOLOGIN;" \
  "CREATE ROLE sdesk_group_security NOLOGIN;"; do
  sql=$(block "$first")
  [ -n "$sql" ] || fail "postgresql.md: no block with $first"
  as sdesk sdesk <<<"$sql" || fail "postgresql.md: the block of '$first' failed"
done
OWNER=$(uri servicedesk desk_owner)
ALICE=$(uri servicedesk alice)     # an agent in the group security
BOB=$(uri servicedesk bob)         # an agent outside it
GATEWAY=$(uri servicedesk gateway) # acts for others
DB=$OWNER sd 0 init "$OWNER"
mkdir -p "$XDG_CONFIG_HOME/sdesk"
cat >"$XDG_CONFIG_HOME/sdesk/config.toml" <<'TOML'
[groups.service-desk]
tier = 1
[groups.security]
tier = 2
TOML
unset SDESK_USER # lib.sh's default actor: here the roles say who acts

events() { as desk_owner servicedesk -At -c "SELECT count(*) FROM ticket_event"; }
last_actor() { as desk_owner servicedesk -At -c "SELECT actor FROM ticket_event ORDER BY id DESC LIMIT 1"; }

# --- Who acts: the connected role --------------------------------------------
DB=$BOB sd 0 open "Printer jammed" -q
expect_eq "$out" "1" "bob opens ticket 1"
DB=$BOB sd 0 show 1 --json
expect_eq "$(jq -r '[.history[].actor] | unique | join(",")' <<<"$out")" "bob" "the actor is the role"
expect_eq "$(jq -r '.ticket.requester' <<<"$out")" "bob" "the default requester is the role"
before=$(events)
DB=$BOB sd 4 --as alice comment 1 "not me"
expect_error "--as 'alice': the connected role 'bob' may act only as itself (a role that acts for others is a member of sdesk_act_as: docs/postgresql.md)" \
  "--as someone else from a plain role"
DB=$BOB SDESK_USER=alice sd 4 comment 1 "not me"
expect_error "SDESK_USER 'alice': the connected role 'bob' may act only as itself" \
  "SDESK_USER naming someone else from a plain role"
expect_eq "$(events)" "$before" "a refused actor stores nothing"
DB=$BOB sd 0 --as bob comment 1 "me"
expect_eq "$(last_actor)" "bob" "--as naming the role itself"
DB=$GATEWAY sd 0 --as carol comment 1 "carol wrote in"
expect_eq "$(last_actor)" "carol" "the act-as role records --as"
DB=$GATEWAY sd 0 comment 1 "gateway note"
expect_eq "$(last_actor)" "gateway" "the act-as role without --as records itself"
DB=$OWNER sd 0 --as dave comment 1 "dave, through the owner"
expect_eq "$(last_actor)" "dave" "the owner acts for others"

# --- A restricted ticket -------------------------------------------------------
printf 'headers\n' >"$TEST_DIR/headers.txt"
DB=$ALICE
sd 0 open "Phishing mail to finance" --restricted security --tag phishing -q
expect_eq "$out" "2" "alice opens a restricted ticket"
sd 0 comment 2 "mail quarantined"
sd 0 watch 2 carol
sd 0 attach 2 "$TEST_DIR/headers.txt"
sd 0 link 1 2 --type relates-to
sd 0 show 2
expect_contains "$out" "  restricted to   security" "a member sees it"
# The tables sdesk writes only on mail and monitoring events: rows naming
# ticket 2, written by the owner.
as desk_owner servicedesk -c "
  INSERT INTO mail_message VALUES ('<m1@example.org>', 2, 'in', 0);
  INSERT INTO delivery (event_id, consumer, next_attempt) SELECT event_id, 'hook:x', 0 FROM outbox WHERE ticket_id = 2;
  INSERT INTO alert_key (source, key, ticket_id, state, first_at, updated_at) VALUES ('nagios', 'mail1', 2, 'firing', 0, 0);
  INSERT INTO alert_event (source, key, at, received_at, action, outcome, ticket_id) VALUES ('nagios', 'mail1', 0, 0, 'trigger', 'opened', 2);
  INSERT INTO mail_queue (message_id, ticket_id, kind, recipient, subject, message, created_at, next_attempt)
    VALUES ('<q1@example.org>', 2, 'open', 'carol@example.org', '[sdesk #2] secret', 'secret', 0, 0);" \
  || fail "the owner's rows naming ticket 2"

# Through psql: every table that names ticket 2 shows its rows to alice
# (the check can fail) and none to bob.
for from in "ticket WHERE id = 2" "ticket_tag WHERE ticket_id = 2" "ticket_event WHERE ticket_id = 2" \
  "outbox WHERE ticket_id = 2" "delivery" "ticket_link WHERE to_id = 2" \
  "ticket_watcher WHERE ticket_id = 2" "ticket_attachment WHERE ticket_id = 2" "attachment_content" \
  "mail_message" "alert_key" "alert_event" "mail_queue"; do
  seen=$(count alice "$from")
  [ "${seen:-0}" -gt 0 ] || fail "psql: alice sees no row of $from"
  expect_eq "$(count bob "$from")" "0" "psql: bob sees no row of $from"
done
expect_eq "$(count bob "ticket")" "1" "psql: bob sees the unrestricted ticket"

# Through sdesk: as for an unknown id, and left out of everything.
DB=$BOB
sd 3 show 2
expect_error "ticket 2 not found" "show of a restricted ticket by an outsider"
sd 3 comment 2 "peek"
expect_error "ticket 2 not found" "comment on a restricted ticket by an outsider"
sd 0 list --json
expect_eq "$(jq -c '[.[].id]' <<<"$out")" "[1]" "list leaves it out"
sd 0 export
expect_eq "$(jq -sc '[.[].id]' <<<"$out")" "[1]" "export leaves it out"
sd 0 outbox --json
expect_eq "$(jq -c '[.[] | select(.ticket == 2)] | length' <<<"$out")" "0" "outbox leaves it out"
sd 0 show 1 --json
expect_eq "$(jq -c '.links' <<<"$out")" "[]" "a link to it is left out"
sd 0 report --month 2026-11 --format json
bob_opened=$(jq '.total.opened' <<<"$out")
DB=$ALICE sd 0 report --month 2026-11 --format json
expect_eq "$(jq '.total.opened' <<<"$out")" "2" "a member's report counts it"
expect_eq "$bob_opened" "1" "an outsider's report leaves it out"
sd 0 verify   # the hidden ticket is neither checked nor a fault
sd 0 verify --digest
# An outsider can neither open a ticket restricted to the group nor restrict one.
before=$(events)
sd 4 open "Mine now" --restricted security
expect_error "refused the connected role: new row violates row-level security policy" \
  "an outsider opens a restricted ticket"
sd 4 update 1 --restricted security
expect_error "new row violates row-level security policy" "an outsider restricts a ticket"
expect_eq "$(events)" "$before" "the refusals stored nothing"
sd 0 open "Toner low" -q
expect_eq "$out" "3" "a new ticket is numbered past the hidden one"

# The act-as role and the owner see it.
DB=$GATEWAY sd 0 show 2
DB=$OWNER sd 0 show 2
DB=$ALICE sd 0 verify

# update --restricted none: visible to everyone again.
DB=$ALICE sd 0 update 2 --restricted none
DB=$BOB sd 0 show 2 --json
expect_eq "$(jq -r '.ticket.restricted' <<<"$out")" "null" "lifted"
expect_eq "$(jq -r '[.history[] | select(.field == "restricted")] | map("\(.old)>\(.new)") | join(" ")' <<<"$out")" \
  "null>security security>null" "both changes are in the history"
expect_eq "$(count bob "ticket_event WHERE ticket_id = 2")" "$(count alice "ticket_event WHERE ticket_id = 2")" \
  "psql: bob sees its history now"
DB=$BOB sd 0 verify

finish
