#!/usr/bin/env bash
# `sdesk recurring list` and the [recurring.NAME] configuration (issue 11):
# each recurring ticket with its next and last due time (ISO 8601 with the
# offset of its zone), --json, -q; every key checked at load, a bad one
# refused with one line naming the key and what is accepted (exit 6).
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/recurring.toml" <<'EOF2'
[desk]
categories = ["backup", "network"]
services = ["storage", "vpn"]

[report]
timezone = "America/New_York"

[recurring.restore-test]
schedule = "0 9 1 * *"
timezone = "Europe/Amsterdam"
title = "Monthly backup restore test"
kind = "request"
group = "service-desk"
category = "backup"
service = "storage"
priority = "P3"
description = "Restore last night's backup of one share and compare it."

[recurring.cert-check]
schedule = "30 7 * * mon-fri"
title = "Check expiring certificates"
EOF2
export SDESK_CONFIG="$TEST_DIR/recurring.toml"
sd 0 init "$DB"

# --- list: by name, next and last due in the schedule's zone -----------------
# SDESK_NOW is Monday 2026-11-02T09:00:00Z.
sd 0 recurring list
expect_eq "$(printf '%s\n' "$out" | head -1 | tr -s ' ')" "NAME SCHEDULE TIMEZONE NEXT LAST TICKET TITLE" "list: header"
expect_eq "$(printf '%s\n' "$out" | sed -n 2p | awk '{print $1, $7, $8, $9, $10}')" \
  "cert-check America/New_York 2026-11-02T07:30:00-05:00 2026-10-30T07:30:00-04:00 -" \
  "list: cert-check in report.timezone (the default), next and last due, each with its offset"
expect_eq "$(printf '%s\n' "$out" | sed -n 3p | awk '{print $1, $7, $8, $9, $10}')" \
  "restore-test Europe/Amsterdam 2026-12-01T09:00:00+01:00 2026-11-01T09:00:00+01:00 -" \
  "list: restore-test in its own zone"

sd 0 recurring list -q
expect_eq "$out" "cert-check
restore-test" "list -q: the names"

sd 0 recurring list --json
expect_eq "$(jq -c '.[1]' <<<"$out")" \
  '{"name":"restore-test","schedule":"0 9 1 * *","timezone":"Europe/Amsterdam","next":"2026-12-01T09:00:00+01:00","last":"2026-11-01T09:00:00+01:00","last_ticket":null,"catch_up":1,"title":"Monthly backup restore test","kind":"request","group":"service-desk","category":"backup","service":"storage","priority":"P3"}' \
  "list --json: every field"
expect_eq "$(jq -r '.[0].next' <<<"$out")" "2026-11-02T07:30:00-05:00" "list --json: next with offset"

# After a tick opened the last occurrence, list names its ticket.
sd 0 tick
sd 0 recurring list --json
expect_eq "$(jq -c '[.[] | .last_ticket]' <<<"$out")" "[1,2]" "list: the ticket the last occurrence opened"

sd 2 recurring list --json -q
expect_error "recurring list: choose one of --json and -q" "list: --json and -q exclude each other"
sd 2 recurring
expect_contains "$err" "sdesk: error: " "recurring: needs a subcommand"

# Without [report] timezone, the process's zone (TZ=UTC here).
cat >"$TEST_DIR/plain.toml" <<'EOF2'
[recurring.weekly]
schedule = "0 6 * * 1"
title = "Weekly review"
EOF2
SDESK_CONFIG="$TEST_DIR/plain.toml" sd 0 recurring list --json
expect_eq "$(jq -r '.[0] | "\(.timezone) \(.next) \(.last)"' <<<"$out")" \
  "UTC 2026-11-09T06:00:00+00:00 2026-11-02T06:00:00+00:00" "list: the local zone by default"

# No recurring tickets: nothing printed.
: >"$TEST_DIR/empty.toml"
SDESK_CONFIG="$TEST_DIR/empty.toml" sd 0 recurring list
expect_eq "$out" "" "list: nothing configured, nothing printed"
SDESK_CONFIG="$TEST_DIR/empty.toml" sd 0 recurring list --json
expect_eq "$out" "[]" "list --json: nothing configured, []"

# --- every key is checked at load (exit 6, store unchanged) ------------------
before=$(store_digest)
bad() { # bad EXPECTED-FRAGMENT WHAT TOML-LINES...
  local fragment=$1 what=$2
  shift 2
  printf '%s\n' "[recurring.x]" "$@" >"$TEST_DIR/bad.toml"
  SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 recurring list
  expect_error "$fragment" "$what"
  SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 tick
  expect_error "$fragment" "$what (tick)"
}
accepted="(accepted: five fields 'minute hour day-of-month month day-of-week' such as \"0 9 1 * *\"; each *, N, A-B, */S, A-B/S or a comma list of these; months jan-dec, weekdays sun-sat or 0-7)"
bad "bad.toml:2: recurring.x.schedule: day of month: '32' is outside 1-31 $accepted" "schedule: out of range" \
  'schedule = "0 9 32 * *"' 'title = "T"'
bad "recurring.x.schedule: '@daily' has 1 fields, not 5 $accepted" "schedule: macros are refused" \
  'schedule = "@daily"' 'title = "T"'
bad "recurring.x.schedule: '0 0 9 1 * *' has 6 fields, not 5" "schedule: six fields" \
  'schedule = "0 0 9 1 * *"' 'title = "T"'
bad "recurring.x.schedule: day of week: 'monday' is not a number or a name" "schedule: bad name" \
  'schedule = "0 9 * * monday"' 'title = "T"'
bad "recurring.x.schedule: '0 9 31 2 *' is never due" "schedule: never due" \
  'schedule = "0 9 31 2 *"' 'title = "T"'
bad "recurring.x.schedule: expected a string, got 5" "schedule: not a string" \
  'schedule = 5' 'title = "T"'
bad "recurring.x: missing key 'schedule'" "schedule: required" 'title = "T"'
bad "recurring.x: missing key 'title'" "title: required" 'schedule = "0 9 1 * *"'
bad "recurring.x.timezone: unknown time zone 'Mars/Olympus' (accepted: an IANA name" "timezone: unknown" \
  'schedule = "0 9 1 * *"' 'title = "T"' 'timezone = "Mars/Olympus"'
bad "recurring.x.kind: unknown 'incidnet' (did you mean" "kind: unknown" \
  'schedule = "0 9 1 * *"' 'title = "T"' 'kind = "incidnet"'
bad "recurring.x.group: unknown 'nobody' (defined: " "group: unknown" \
  'schedule = "0 9 1 * *"' 'title = "T"' 'group = "nobody"'
bad "recurring.x.priority: unknown 'P7' (did you mean 'P1'?) (accepted: P1, P2, P3, P4)" "priority: outside the matrix" \
  'schedule = "0 9 1 * *"' 'title = "T"' 'priority = "P7"'
bad "recurring.x.catch_up: expected a number of occurrences from 1 to 100, got 0" "catch_up: at least 1" \
  'schedule = "0 9 1 * *"' 'title = "T"' 'catch_up = 0'
bad "recurring.x: unknown key 'shedule' (did you mean 'schedule'?)" "unknown key" \
  'shedule = "0 9 1 * *"' 'title = "T"'
printf '%s\n' '[desk]' 'categories = ["backup"]' '[recurring.x]' 'schedule = "0 9 1 * *"' 'title = "T"' \
  'category = "netwrok"' >"$TEST_DIR/bad.toml"
SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 recurring list
expect_error "recurring.x.category: unknown 'netwrok' (desk.categories: backup)" "category: not listed"
printf '%s\n' '[recurring."bad name"]' 'schedule = "0 9 1 * *"' 'title = "T"' >"$TEST_DIR/bad.toml"
SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 recurring list
expect_error "bad name (use letters, digits" "name: checked"
long=$(printf 'n%.0s' $(seq 226))
printf '%s\n' "[recurring.$long]" 'schedule = "0 9 1 * *"' 'title = "T"' >"$TEST_DIR/bad.toml"
SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 recurring list
expect_error "recurring.$long: a name of 226 bytes is too long (accepted: at most 225)" "name: fits the ref"
expect_eq "$(store_digest)" "$before" "bad configuration: store unchanged"

# The longest name works: its occurrence's ref fits.
long=$(printf 'n%.0s' $(seq 225))
printf '%s\n' "[recurring.$long]" 'schedule = "0 9 1 * *"' 'title = "T"' >"$TEST_DIR/long.toml"
SDESK_CONFIG="$TEST_DIR/long.toml" sd 0 tick
expect_contains "$out" "recurring: $long due 2026-11-01T09:00:00+00:00: opened ticket 3" "the longest name: opened"

finish
