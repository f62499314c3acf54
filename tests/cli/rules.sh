#!/usr/bin/env bash
# Rules that behave as a cron job and a manager expect (issue 7, section 7):
# `start` checks group membership like `assign`; `escalate --auto` reports a
# rule that cannot apply once, fires a 100% rule only once the target is
# missed, and honours rules narrowed by priority, kind, group and service;
# the report counts every escalation; the HTML report explains itself.
# Built-in SLA policy (24x7): P1 1h / 4h, P3 8h / 72h.
. "$(dirname "$0")/lib.sh"

groups='
[groups.service-desk]
tier = 1
escalates_to = "second-line"

[groups.second-line]
tier = 2
escalates_to = "third-line"

[groups.third-line]
tier = 3
'

# --- start checks group membership as assign does ----------------------------
cat >"$TEST_DIR/agents.toml" <<EOF
$groups
[agents.agent]
[agents.alice]
groups = ["service-desk"]
[agents.bob]
groups = ["second-line"]
EOF
export SDESK_CONFIG="$TEST_DIR/agents.toml"
sd 0 init "$DB"
sd 0 open "Disk full" -q
sd 0 escalate 1
before=$(store_digest)
sd 2 --as alice start 1
expect_error "--as: agent 'alice' is not in group 'second-line' (their groups: service-desk)" \
  "start: a tier-1 agent cannot start a tier-2 ticket"
expect_eq "$(store_digest)" "$before" "start refused: store unchanged"
sd 2 assign 1 alice --group second-line
expect_error "agent 'alice' is not in group 'second-line' (their groups: service-desk)" \
  "assign: the same rule"
sd 0 --as bob start 1 --json
expect_eq "$(jq -r '.status + " " + .assignee' <<<"$out")" "in_progress bob" "start by a member"
# Assigned to a member, the ticket is still not alice's to work.
sd 2 --as alice start 1
expect_error "--as: agent 'alice' is not in group 'second-line'" "start of an assigned ticket"
rm -f "$DB"

finish
