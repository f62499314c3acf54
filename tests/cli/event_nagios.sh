#!/usr/bin/env bash
# sdesk event nagios: Nagios/Icinga notification macros. The key is host and
# service; PROBLEM opens, RECOVERY resolves, ACKNOWLEDGEMENT comments and
# assigns a configured agent, FLAPPINGSTART/STOP tag and untag, DOWNTIMESTART
# suppresses new tickets until DOWNTIMEEND; bad macros store nothing.
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/config.toml" <<'TOML'
[groups.service-desk]
tier = 1
escalates_to = "ops"
[groups.ops]
tier = 2
[agents.alice]
groups = ["ops"]
[agents.bob]
groups = ["service-desk"]
TOML
export SDESK_CONFIG="$TEST_DIR/config.toml"
sd 0 init "$DB"

ng() { # ng EXIT TIME ARGS...
  local code=$1 when=$2
  shift 2
  sd "$code" --now "$when" event nagios "$@"
}

# PROBLEM opens a ticket per host and service; a repeat appends.
ng 0 2026-03-01T09:00:00Z --type PROBLEM --host web1 --service HTTP --state CRITICAL \
  --output "connection refused" --problem-id 41
expect_eq "$out" "created #1 nagios web1/HTTP" "problem"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.priority, .title] | join("|")' <<<"$out")" "P1|HTTP on web1 is CRITICAL" "ticket"
expect_contains "$(jq -r .ticket.description <<<"$out")" "output=connection refused" "output in the description"
ng 0 2026-03-01T09:05:00Z --type PROBLEM --host web1 --service HTTP --state CRITICAL --output "refused again"
expect_eq "$out" "appended #1 nagios web1/HTTP" "repeat"
ng 0 2026-03-01T09:06:00Z --type problem --host db1 --state DOWN --json
expect_eq "$(jq -c '[.outcome, .ticket, .key, .action]' <<<"$out")" '["created",2,"db1","trigger"]' "host problem, Icinga case"

# ACKNOWLEDGEMENT by a configured agent: a comment, and the ticket is theirs (moved to their group).
ng 0 2026-03-01T09:10:00Z --type ACKNOWLEDGEMENT --host web1 --service HTTP --state CRITICAL \
  --author alice --comment "restarting apache"
expect_eq "$out" "acknowledged #1 nagios web1/HTTP" "acknowledge"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.assignee, .group, .status] | join(" ")' <<<"$out")" "alice ops assigned" "assigned to the agent"
expect_contains "$(jq -r '[.history[] | select(.note != null)] | last | .note' <<<"$out")" "acknowledged by alice" "ack comment"
expect_contains "$(jq -r '[.history[] | select(.note != null)] | last | .note' <<<"$out")" "restarting apache" "ack comment text"
# By someone who is not an agent: a comment only.
ng 0 2026-03-01T09:11:00Z --type ACKNOWLEDGEMENT --host db1 --state DOWN --author nagiosadmin
sd 0 show 2 --json
expect_eq "$(jq -r '.ticket.assignee // "none"' <<<"$out")" "none" "unknown author: not assigned"
expect_eq "$(jq -r '.history[-1].action' <<<"$out")" "comment" "unknown author: comment"

# RECOVERY resolves; a repeat is ignored.
ng 0 2026-03-01T09:20:00Z --type RECOVERY --host db1 --state UP
expect_eq "$out" "resolved #2 nagios db1" "recovery"
ng 0 2026-03-01T09:21:00Z --type RECOVERY --host db1 --state UP
expect_eq "$out" "ignored #2 nagios db1" "repeated recovery"

# DOWNTIMESTART: comment on the open ticket, no new tickets for the key until DOWNTIMEEND.
ng 0 2026-03-01T10:00:00Z --type DOWNTIMESTART --host db1 --state UP --author bob --comment "kernel update"
expect_eq "$out" "suppressed #2 nagios db1" "downtime start"
ng 0 2026-03-01T13:00:00Z --type PROBLEM --host db1 --state DOWN
expect_eq "$out" "suppressed #2 nagios db1" "problem in downtime"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket")" "2" "no ticket in downtime"
ng 0 2026-03-01T13:30:00Z --type DOWNTIMEEND --host db1 --state DOWN
expect_eq "$out" "appended #2 nagios db1" "downtime end"
ng 0 2026-03-01T13:31:00Z --type PROBLEM --host db1 --state DOWN
expect_eq "$out" "recurred #3 nagios db1" "problem after downtime"
# A downtime for a key never seen, without an end: ends after events.downtime_max (24h).
ng 0 2026-03-01T10:00:00Z --type DOWNTIMESTART --host mail1 --service SMTP --state OK
expect_eq "$out" "suppressed - nagios mail1/SMTP" "downtime for a new key"
ng 0 2026-03-01T12:00:00Z --type PROBLEM --host mail1 --service SMTP --state WARNING
expect_eq "$out" "suppressed - nagios mail1/SMTP" "new key in downtime"
ng 0 2026-03-02T10:00:01Z --type PROBLEM --host mail1 --service SMTP --state WARNING
expect_eq "$out" "created #4 nagios mail1/SMTP" "downtime_max passed"

# FLAPPINGSTART tags the open ticket once; FLAPPINGSTOP untags it.
ng 0 2026-03-01T09:30:00Z --type FLAPPINGSTART --host web1 --service HTTP --state WARNING
expect_eq "$out" "flapping #1 nagios web1/HTTP" "flapping start"
sd 0 show 1 --json
expect_eq "$(jq -c .ticket.tags <<<"$out")" '["flapping"]' "tagged"
ng 0 2026-03-01T09:40:00Z --type FLAPPINGSTOP --host web1 --service HTTP --state CRITICAL
expect_eq "$out" "appended #1 nagios web1/HTTP" "flapping stop"
sd 0 show 1 --json
expect_eq "$(jq -c .ticket.tags <<<"$out")" '[]' "untagged"

# Nagios passes empty macros ($NOTIFICATIONAUTHOR$ outside acknowledgements): empty is none.
ng 0 2026-03-01T09:45:00Z --type DOWNTIMESTART --host web1 --service HTTP --state CRITICAL --author "" \
  --comment "" --output ""
sd 0 show 1 --json
expect_eq "$(jq -r '[.history[] | select(.note != null)] | last | .note' <<<"$out")" \
  "downtime started; no new tickets for the key until it ends (at most 24 hours) (nagios web1/HTTP): HTTP on web1 is CRITICAL" \
  "empty author and comment"

# CUSTOM changes nothing.
before=$(store_digest)
ng 0 2026-03-01T09:50:00Z --type CUSTOM --host web1 --service HTTP --state CRITICAL
expect_eq "$out" "ignored - nagios web1/HTTP" "custom"
[ "$(store_digest)" = "$before" ] || fail "CUSTOM changed the store"

# Bad macros: exit 2, nothing stored.
ng 2 2026-03-01T09:50:00Z --type BROKEN --host web1 --service HTTP --state CRITICAL
expect_error "--type: unknown value 'BROKEN' (accepted: PROBLEM, RECOVERY," "bad type"
ng 2 2026-03-01T09:50:00Z --type PROBLEM --host web1 --service HTTP --state DOWN
expect_error "--state: unknown service state 'DOWN' (accepted: OK, WARNING, CRITICAL, UNKNOWN)" "host state for a service"
ng 2 2026-03-01T09:50:00Z --type PROBLEM --host web1 --state CRITICAL
expect_error "--state: unknown host state 'CRITICAL' (accepted: UP, DOWN, UNREACHABLE)" "service state for a host"
ng 2 2026-03-01T09:50:00Z --type PROBLEM --host "" --state DOWN
expect_error "key: must not be empty" "empty host"
ng 2 2026-03-01T09:50:00Z --type PROBLEM --state DOWN
expect_error "--host is required" "no host"
[ "$(store_digest)" = "$before" ] || fail "refused notifications changed the store"

finish
