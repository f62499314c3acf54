#!/usr/bin/env bash
# sdesk event raw --action acknowledge --author NAME: a configured agent gets
# the ticket; anyone else only a comment naming them.
. "$(dirname "$0")/lib.sh"

printf '[agents.alice]\ngroups = ["second-line"]\n[groups.service-desk]\ntier = 1\n[groups.second-line]\ntier = 2\n' \
  >"$TEST_DIR/config.toml"
export SDESK_CONFIG="$TEST_DIR/config.toml"
sd 0 init "$DB"
sd 0 --now 2026-03-01T09:00:00Z event raw --source zabbix --key t1 --action trigger
sd 0 --now 2026-03-01T09:01:00Z event raw --source zabbix --key t1 --action acknowledge --author carol
expect_eq "$out" "acknowledged #1 zabbix t1" "acknowledged by a non-agent"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket.assignee // "none"' <<<"$out")" "none" "not assigned"
expect_contains "$(jq -r '.history[-1].note' <<<"$out")" "acknowledged by carol" "named"
sd 0 --now 2026-03-01T09:02:00Z event raw --source zabbix --key t1 --action acknowledge --author alice
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.assignee, .group, .status] | join(" ")' <<<"$out")" "alice second-line assigned" "assigned"
sd 2 event raw --source zabbix --key t1 --action trigger --author alice
expect_error "--author: only with --action acknowledge" "author on a trigger"

finish
