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

# --- escalate --auto: report a rule that cannot apply once; 100% = missed ---
cat >"$TEST_DIR/auto.toml" <<EOF
$groups
[escalation.rules.warn]
at = "80%"

[escalation.rules.breach]
at = "100%"
action = "hierarchical"
inform = ["service-manager"]
EOF
export SDESK_CONFIG="$TEST_DIR/auto.toml"
sd 0 init "$DB"
# #1 P1 in the last tier, opened 09:00: resolution due 13:00.
sd 0 open "Core switch down" --impact high --urgency high --group third-line -q
sd 0 escalate --auto --now 2026-11-02T12:30:00Z
expect_eq "$out" \
  "ticket 1: rule warn (87% of resolution target): skipped: at the last tier: group 'third-line' escalates to no group" \
  "auto: the skip is reported"
sd 0 escalate --auto --now 2026-11-02T12:40:00Z
expect_eq "$out" "" "auto: the same skip is not reported again"
sd 0 escalate --auto --now 2026-11-02T12:40:00Z --dry-run
expect_eq "$out" "" "auto --dry-run: nor by a dry run"
sd 0 escalate --auto --now 2026-11-02T12:40:00Z --json
expect_eq "$out" "[]" "auto --json: nor in JSON"
sd 0 log 1 --json
expect_eq "$(jq -c '[.[] | select(.action == "escalate_skipped") | [.field, .new]]' <<<"$out")" \
  '[[null,"warn"]]' "the skip is recorded once, with its rule as data"
expect_contains "$(jq -r '.[] | select(.action == "escalate_skipped") | .note' <<<"$out")" \
  "at the last tier" "the skip's note says why"
# At exactly the due time the target is not missed yet ("0m left").
sd 0 show 1 --now 2026-11-02T13:00:00Z
expect_contains "$out" "(0m left)" "show at the due time"
sd 0 escalate --auto --now 2026-11-02T13:00:00Z
expect_eq "$out" "" "auto: a 100% rule does not fire at the due time"
sd 0 show 1 --now 2026-11-02T13:00:01Z
expect_contains "$out" "(missed by" "show one second later"
sd 0 escalate --auto --now 2026-11-02T13:00:01Z
expect_eq "$out" "ticket 1: rule breach (100% of resolution target): informed service-manager" \
  "auto: the 100% rule fires once the target is missed"
sd 0 escalate --auto --now 2026-11-02T14:00:00Z
expect_eq "$out" "" "auto: then quiet"
# A rule that could not apply fires when it can (here: after a manual move).
sd 0 assign 1 --group second-line --now 2026-11-02T14:05:00Z
sd 0 escalate --auto --now 2026-11-02T14:10:00Z
expect_eq "$out" "ticket 1: rule warn (129% of resolution target): escalated to third-line" \
  "auto: a skipped rule fires once it can apply"
rm -f "$DB"

# --- escalation rules narrowed by priority, kind, group and service ---------
cat >"$TEST_DIR/narrow.toml" <<EOF
$groups
[desk]
services = ["email", "vpn"]

[escalation.rules.warn]
at = "80%"
kinds = ["incident", "request"]
groups = ["service-desk", "second-line"]

[escalation.rules.breach]
at = "100%"
action = "hierarchical"
inform = ["service-manager"]
priorities = ["P1", "P2"]

[escalation.rules.vpn]
at = "50%"
action = "hierarchical"
inform = ["network-lead"]
services = ["vpn"]
EOF
export SDESK_CONFIG="$TEST_DIR/narrow.toml"
sd 0 init "$DB"
sd 0 open "Mail down" --impact high --urgency high --service email -q                  # 1
sd 0 open "Mail keeps failing" --kind problem --impact high --urgency high -q         # 2
sd 0 open "Slow share" --group third-line -q                                          # 3 (P3)
sd 0 open "VPN down" --impact high --urgency high --service vpn -q                    # 4
sd 0 escalate --auto --now 2026-11-02T12:30:00Z
expect_eq "$out" "ticket 1: rule warn (87% of resolution target): escalated to second-line
ticket 4: rule vpn (87% of resolution target): informed network-lead
ticket 4: rule warn (87% of resolution target): escalated to second-line" \
  "narrowed rules at 87%: no functional escalation of a problem"
sd 0 show 2 --json
expect_eq "$(jq -r '.ticket | .group + " " + (.escalation_level | tostring)' <<<"$out")" "service-desk 0" \
  "the problem stays where it is"
sd 0 escalate --auto --now 2026-11-06T09:00:00Z
expect_eq "$out" "ticket 1: rule breach (2400% of resolution target): informed service-manager
ticket 2: rule breach (2400% of resolution target): informed service-manager
ticket 4: rule breach (2400% of resolution target): informed service-manager" \
  "breach only for P1/P2; warn not for the third line (no skip report)"
sd 0 config
expect_contains "$out" 'escalation.rules.warn.kinds = ["incident", "request"]' "config shows the keys"

# Unknown values: exit 6, file:line, key, did-you-mean.
bad() {
  printf '%s\n%s\n' "$groups" "$2" >"$TEST_DIR/$1.toml"
  sd 6 --config "$TEST_DIR/$1.toml" list
  expect_error "$3" "$1"
}
bad kind $'[escalation.rules.warn]\nat = "80%"\nkinds = ["incidnet"]' \
  "escalation.rules.warn.kinds: unknown kind 'incidnet' (did you mean 'incident'?)"
bad group $'[escalation.rules.warn]\nat = "80%"\ngroups = ["second-lne"]' \
  "escalation.rules.warn.groups: unknown group 'second-lne' (did you mean 'second-line'?)"
bad priority $'[escalation.rules.warn]\nat = "80%"\npriorities = ["P7"]' \
  "escalation.rules.warn.priorities: priority 'P7' is outside the priority matrix (accepted: P1, P2, P3, P4)"
bad priority-word $'[escalation.rules.warn]\nat = "80%"\npriorities = ["high"]' \
  "escalation.rules.warn.priorities: unknown priority 'high' (accepted: P1, P2, P3, P4)"
bad service $'[desk]\nservices = ["email", "vpn"]\n[escalation.rules.warn]\nat = "80%"\nservices = ["vnp"]' \
  "escalation.rules.warn.services: unknown service 'vnp' (did you mean 'vpn'?)"
bad type $'[escalation.rules.warn]\nat = "80%"\nkinds = "incident"' \
  "escalation.rules.warn.kinds: expected an array of strings"
rm -f "$DB"

# --- the report counts every escalation ---------------------------------------
cat >"$TEST_DIR/count.toml" <<EOF
$groups
[escalation.rules.a-first]
at = "50%"
[escalation.rules.b-second]
at = "50%"
[escalation.rules.c-tell]
at = "50%"
action = "hierarchical"
inform = ["duty-manager"]
[escalation.rules.d-tell]
at = "50%"
action = "hierarchical"
inform = ["service-manager"]
EOF
export SDESK_CONFIG="$TEST_DIR/count.toml"
sd 0 init "$DB"
sd 0 open "Mail down" --impact high --urgency high -q
sd 0 escalate 1 --hierarchical --inform it-manager --now 2026-11-02T09:30:00Z
sd 0 escalate --auto --now 2026-11-02T11:30:00Z
expect_eq "$(wc -l <<<"$out")" "4" "four rules fired in one run"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | .group + " " + (.escalation_level | tostring)' <<<"$out")" "third-line 2" \
  "two functional escalations in one run"
sd 0 report --month 2026-11 --json
expect_eq "$(jq -r '.total.escalated' <<<"$out")" "5" \
  "escalated: one manual, two functional and two hierarchical in one run"
# An imported history counts each escalation event once, too.
printf '%s\n' '{"ref":"X-1","title":"Old","created":"2026-11-03T09:00:00Z","events":[{"at":"2026-11-03T10:00:00Z","action":"escalate","note":"to L2"},{"at":"2026-11-03T10:00:00Z","action":"escalate","note":"to L3"}]}' \
  >"$TEST_DIR/one.jsonl"
sd 0 import "$TEST_DIR/one.jsonl"
sd 0 report --month 2026-11 --json
expect_eq "$(jq -r '.total.escalated' <<<"$out")" "7" "imported escalations count each"
rm -f "$DB"

# --- the HTML report reads well without the docs ------------------------------
unset SDESK_CONFIG
sd 0 init "$DB"
sd 0 open "VPN down" --impact high --urgency high --requester bob --now 2026-10-02T09:00:00Z
sd 0 comment 1 "On it" --now 2026-10-02T09:30:00Z
sd 0 resolve 1 --code fixed --now 2026-10-02T12:00:00Z
sd 0 open "Printer jam" --requester bob --now 2026-10-05T08:00:00Z
sd 0 escalate 2 --now 2026-10-06T08:15:00Z
sd 0 report --month 2026-10 --format html --now 2026-12-01T00:00:00Z
html=$out
expect_contains "$html" "<h1>Service report: October 2026</h1>" "html: the period in words"
expect_contains "$html" "Data as of 6 October 2026 08:15 (UTC)" "html: as of the store's latest change"
expect_contains "$html" "1 October 2026 00:00 to 1 November 2026 00:00 (UTC)" "html: the period's ends in words"
expect_contains "$html" "<dt>Escalated</dt>" "html: the figures are defined on the page"
expect_contains "$html" "<dt>Backlog</dt>" "html: backlog defined"
grep -q "docs/sla.md" <<<"$html" && fail "html: refers to docs the reader does not have"
sd 0 report --month 2026-10 --format html --now 2027-03-01T12:34:56Z
[ "$out" = "$html" ] || fail "html: the same store gives the same page whenever it is run"
sd 0 report --quarter 2026Q4 --format html --now 2027-03-01T00:00:00Z
expect_contains "$out" "<h1>Service report: Q4 2026</h1>" "html: a quarter in words"
sd 0 report --half 2026H2 --format html --now 2027-03-01T00:00:00Z
expect_contains "$out" "<h1>Service report: H2 2026</h1>" "html: a half in words"
sd 0 report --year 2026 --format html --now 2027-03-01T00:00:00Z
expect_contains "$out" "<h1>Service report: 2026</h1>" "html: a year"
sd 0 report --from 2026-10-01 --to 2026-10-16 --format html --now 2027-03-01T00:00:00Z
expect_contains "$out" "<h1>Service report: 1 October 2026 to 15 October 2026</h1>" "html: a range in words"
# #2's response target (8h) was missed: 0% met for P3 is drawn, not blank.
sd 0 report --month 2026-10 --format html --now 2026-12-01T00:00:00Z
expect_contains "$out" "<title>P3: response 0.0%</title>" "html: a 0% bar is drawn"
zero_bar=$(grep 'class="zero"' <<<"$out" | head -1)
[ -n "$zero_bar" ] || fail "html: a 0% bar has a visible marker"
rm -f "$DB"

finish
