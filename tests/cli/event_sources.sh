#!/usr/bin/env bash
# [events.sources.NAME]: the group, service, category, priority (or impact
# and urgency) per severity and title template of the tickets a source
# opens; bad source tables exit 6 with the store unchanged.
. "$(dirname "$0")/lib.sh"

FIX="$SDESK_SOURCE_DIR/tests/fixtures/alertmanager"
cat >"$TEST_DIR/config.toml" <<'TOML'
[desk]
services = ["web", "storage"]
categories = ["monitoring", "hardware"]
[groups.service-desk]
tier = 1
[groups.ops]
tier = 2
[events.sources.alertmanager]
group = "ops"
service = "storage"
category = "monitoring"
title = "{{labels.alertname}} on {{ labels.instance }} ({{severity}})"
severity = { critical = "P2", warning = { impact = "low", urgency = "low" } }
[events.sources.nagios]
title = "{{labels.nosuch}}"
TOML
export SDESK_CONFIG="$TEST_DIR/config.toml"
sd 0 init "$DB"

sd 0 --now 2026-03-01T09:01:00Z event alertmanager "$FIX/firing.json"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.title, .group, .service, .category, .priority] | join("|")' <<<"$out")" \
  "HighDiskUsage on db1:9100 (critical)|ops|storage|monitoring|P2" "configured source"
sd 0 --now 2026-03-02T09:11:00Z event alertmanager "$FIX/flapping-1.json"
sd 0 show 3 --json
expect_eq "$(jq -r '.ticket | [.title, .impact, .urgency, .priority] | join("|")' <<<"$out")" \
  "InstanceFlapping on web1:9100 (warning)|low|low|P4" "impact and urgency per severity"

# An empty rendered title falls back to the summary; unset keys keep the defaults.
sd 0 --now 2026-03-02T09:12:00Z event nagios --type PROBLEM --host web1 --service HTTP --state CRITICAL
sd 0 show 4 --json
expect_eq "$(jq -r '.ticket | [.title, .group, .priority] | join("|")' <<<"$out")" \
  "HTTP on web1 is CRITICAL|service-desk|P1" "empty title: the summary"
# A source without a table: the built-in behaviour.
sd 0 --now 2026-03-02T09:13:00Z event raw --source zbx --key k --action trigger --severity info
sd 0 show 5 --json
expect_eq "$(jq -r '.ticket | [.title, .group, .priority] | join("|")' <<<"$out")" "zbx: k|service-desk|P4" "no table"

sd 0 config
expect_contains "$out" 'events.sources.alertmanager.group = "ops"' "config shows sources"

# Bad tables: exit 6, nothing stored.
before=$(store_digest)
bad() { # bad TOML_LINES FRAGMENT WHAT
  printf '[groups.service-desk]\ntier = 1\n[events.sources.s]\n%s\n' "$1" >"$TEST_DIR/bad.toml"
  sd 6 --config "$TEST_DIR/bad.toml" --now 2026-03-03T09:00:00Z event raw --source s --key k --action trigger
  expect_error "$2" "$3"
}
bad 'colour = "red"' "events.sources.s: unknown key 'colour'" "unknown key"
bad 'group = "nobody"' "unknown group 'nobody' (accepted: service-desk)" "unknown group"
bad 'title = "{{labels.x}"' "unclosed '{{'" "unclosed placeholder"
bad 'title = "{{host}}"' "unknown placeholder '{{host}}' (accepted: {{labels.NAME}}" "unknown placeholder"
bad 'severity = { fatal = "P1" }' "unknown key 'fatal'" "unknown severity"
bad 'severity = { critical = "P0" }' 'expected a priority "P1".."P9"' "bad priority"
bad 'severity = { critical = { impact = "high" } }' "missing key 'urgency'" "half a level"
printf '[desk]\nservices = ["web"]\n[events.sources.s]\nservice = "mail"\n' >"$TEST_DIR/bad.toml"
sd 6 --config "$TEST_DIR/bad.toml" event list
expect_error "unknown service 'mail' (accepted: web)" "unknown service"
[ "$(store_digest)" = "$before" ] || fail "refused configurations changed the store"

finish
