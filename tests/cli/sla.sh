#!/usr/bin/env bash
# SLA: due times on open, pauses, show states, `sla`, `sla explain`,
# `escalate --auto`, and bad SLA configuration. Every expected time below is
# worked out by hand; the office calendar is Europe/Amsterdam, which is
# UTC+1 in November (08:00 local = 07:00Z).
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/site.toml" <<'EOF'
[calendars.office]
timezone = "Europe/Amsterdam"
mon = "08:00-12:00, 13:00-17:00"
tue = "08:00-12:00, 13:00-17:00"
wed = "08:00-12:00, 13:00-17:00"
thu = "08:00-12:00, 13:00-17:00"
fri = "08:00-12:00, 13:00-17:00"
holidays = ["2026-12-25"]

[sla.policies.standard]
calendar = "office"
response = { P1 = "30m", P2 = "1h", P3 = "4h", P4 = "8h" }
resolution = { P1 = "4h", P2 = "8h", P3 = "16h", P4 = "40h" }

[sla.policies.vpn]
services = ["vpn"]
response = { P1 = "15m" }
resolution = { P1 = "2h" }

[escalation.rules.warn]
at = "80%"

[escalation.rules.breach]
at = "100%"
action = "hierarchical"
inform = ["service-manager"]
EOF
export SDESK_CONFIG="$TEST_DIR/site.toml"

sd 0 init "$DB"

# --- Due times when a ticket is opened -----------------------------------
# #1 P3 on Monday 09:00Z (10:00 local). Response 4h: 10-12 and 13-15 local,
# so 14:00Z. Resolution 16h: Monday 6h, Tuesday 8h, Wednesday 08-10 local.
sd 0 open "Printer jammed" --json
expect_eq "$(jq -r '.sla_policy, .response_due, .resolution_due' <<<"$out" | paste -sd' ')" \
  "standard 2026-11-02T14:00:00+00:00 2026-11-04T09:00:00+00:00" "open: due times on the office calendar"
# #2 P2 on Saturday evening: the clock starts Monday 08:00 local (07:00Z).
sd 0 open "Laptop broken" --impact high --urgency medium --now 2026-11-07T20:00:00Z -q
# #3 P1 for the VPN: the more specific 24x7 policy.
sd 0 open "VPN down" --impact high --urgency high --service vpn -q

sd 0 show 2 --now 2026-11-09T07:30:00Z
expect_contains "$out" "  sla policy      standard  (calendar office)" "show: policy"
expect_contains "$out" "  response due    2026-11-09T08:00:00+00:00  (30m left)" "show: opened outside hours, response"
expect_contains "$out" "  resolution due  2026-11-09T16:00:00+00:00  (7h 30m left)" "show: opened outside hours, resolution"
sd 0 show 3 --now 2026-11-02T09:30:00Z
expect_contains "$out" "  response due    2026-11-02T09:15:00+00:00  (missed by 15m)" "show: missed"
expect_contains "$out" "  resolution due  2026-11-02T11:00:00+00:00  (1h 30m left)" "show: left"
sd 0 log 1
grep -Eq "open +response_due: \(none\) -> 2026-11-02T14:00:00Z" <<<"$out" || fail "log: due time under open"

# --- sla: breached or at risk --------------------------------------------
# At 10:45Z: #3 used 1h45 (response 700%, resolution 87%); #1 used 1h45 of
# its 4h response (43%); #2 has not started.
sd 0 sla --now 2026-11-02T10:45:00Z --json
expect_eq "$(jq -r '[.[] | "\(.id):\(.target):\(.percent):\(.state)"] | join(" ")' <<<"$out")" \
  "3:response:700:missed" "sla --json: the breached ticket"
sd 0 sla --now 2026-11-02T10:45:00Z --at-risk 40%
expect_eq "$(awk 'NR > 1 { print $1 }' <<<"$out" | paste -sd' ')" "3 1" "sla --at-risk 40%: most used first"
expect_contains "$out" "700%  missed by 1h 30m" "sla: text row"
sd 0 sla --now 2026-11-02T10:45:00Z --at-risk 40% --service vpn
expect_eq "$(awk 'NR > 1 { print $1 }' <<<"$out" | paste -sd' ')" "3" "sla: filters"
sd 2 sla --at-risk lots
expect_error "--at-risk: bad percentage 'lots'" "sla: bad percentage"
# -q: the ids alone, in the table's order, for a script (`sla -q | xargs ...`).
sd 0 sla --now 2026-11-02T10:45:00Z --at-risk 40% -q
expect_eq "$(paste -sd' ' <<<"$out")" "3 1" "sla -q: ids, most used first"
sd 0 sla --now 2026-11-02T10:45:00Z --at-risk 99% --quiet
expect_eq "$out" "3" "sla --quiet: only what the threshold lists"
sd 2 sla --json -q
expect_error "sla: choose one of --json and -q" "sla: --json and -q exclude each other"

# --- Pending pauses the clock; the history records the moves -------------
sd 0 pending 1 --reason "waiting for the user" --now 2026-11-02T10:00:00Z
sd 0 show 1 --now 2026-11-02T16:00:00Z
expect_contains "$out" "  response due    -  (paused, 3h 00m left)" "show: paused"
# Back on Tuesday 09:00 local: 3h of response left -> 12:00 local; 15h of
# resolution left -> Tuesday 7h, Wednesday 8h -> 17:00 local.
sd 0 start 1 --now 2026-11-03T08:00:00Z
sd 0 log 1
grep -Eq "pending +response_due: 2026-11-02T14:00:00Z -> \(none\)" <<<"$out" || fail "log: pending clears the due time"
grep -Eq "start +response_due: \(none\) -> 2026-11-03T11:00:00Z" <<<"$out" || fail "log: start sets it again"
grep -Eq "start +resolution_due: \(none\) -> 2026-11-04T16:00:00Z" <<<"$out" || fail "log: resolution due moved"
# First response Tuesday 10:30 local: 1h on Monday + 1h30 = 2h30 of 4h.
sd 0 comment 1 "on my way" --as alice --now 2026-11-03T09:30:00Z
sd 0 show 1 --now 2026-11-03T12:00:00Z
expect_contains "$out" "  response due    2026-11-03T11:00:00+00:00  (met, 1h 30m to spare)" "show: met"
sd 0 show 1 --now 2026-11-03T12:00:00Z --json
expect_eq "$(jq -r '.sla.policy, .sla.response.state, .sla.response.used_seconds, .sla.resolution.due, .sla.resolution.seconds_left' <<<"$out" | paste -sd' ')" \
  "standard met 9000 2026-11-04T16:00:00+00:00 43200" "show --json: sla"
expect_eq "$(jq -r '.ticket.response_business_seconds' <<<"$out")" "9000" "show --json: the ticket keeps its fields"

# --- sla explain ---------------------------------------------------------
sd 0 sla explain 1 --now 2026-11-03T12:00:00Z
expect_contains "$out" "  policy      standard  (calendar office, time zone Europe/Amsterdam)" "explain: policy"
expect_contains "$out" "2026-11-02T10:00:00+00:00  2026-11-03T08:00:00+00:00  paused         -        1h 00m  status pending" "explain: paused segment"
sd 0 sla explain 1 --now 2026-11-03T12:00:00Z --json
expect_eq "$(jq -r '[.segments[] | .state + "=" + .rule] | join(";")' <<<"$out")" \
  "running=mon 08:00-12:00;paused=status pending;running=tue 08:00-12:00;outside_hours=outside business hours" \
  "explain --json: segments"
expect_eq "$(jq -r '[.segments[].seconds] | join(",")' <<<"$out")" "3600,0,10800,0" "explain --json: counted time"
sd 3 sla explain 99
expect_error "ticket 99 not found" "explain: missing ticket"

# --- escalate --auto ------------------------------------------------------
# 10:45Z: #3 is at 87% of its resolution target: rule warn fires once.
sd 0 escalate --auto --now 2026-11-02T10:45:00Z
expect_eq "$out" "ticket 3: rule warn (87% of resolution target): escalated to second-line" "auto: warn"
sd 0 escalate --auto --now 2026-11-02T10:45:00Z
expect_eq "$out" "" "auto: the second run does nothing"
sd 0 escalate --auto --now 2026-11-02T11:30:00Z --json
expect_eq "$(jq -c . <<<"$out")" \
  '[{"ticket":3,"rule":"breach","target":"resolution","percent":125,"action":"hierarchical","to":null,"inform":["service-manager"],"skipped":null,"dry_run":false}]' \
  "auto --json: breach"
sd 0 escalate --auto --now 2026-11-02T11:30:00Z --json
expect_eq "$out" "[]" "auto --json: nothing twice"
sd 0 log 3 --json
expect_eq "$(jq -r '.[-1].action + ": " + .[-1].note' <<<"$out")" \
  "escalate_hierarchical: informed: service-manager; auto: rule breach (125% of resolution target)" "auto: the note"
before=$(store_digest)
sd 0 escalate --auto --now 2026-11-10T12:00:00Z --dry-run
expect_contains "$out" "ticket 1: rule warn (" "dry run: reports"
expect_contains "$out" "would escalate to second-line" "dry run: wording"
expect_eq "$(store_digest)" "$before" "dry run: store unchanged"
sd 2 escalate --auto 3
expect_error "escalate --auto: takes no ID" "auto with an id"
sd 2 escalate
expect_error "name a ticket ID, or use --auto" "escalate without id"
sd 2 escalate 3 --dry-run
expect_error "--dry-run is for --auto" "dry run without --auto"

# --- Bad SLA configuration: exit 6 naming file:line and key --------------
bad() {
  printf '%s\n' "$2" >"$TEST_DIR/$1.toml"
  sd 6 --config "$TEST_DIR/$1.toml" list
  expect_error "$TEST_DIR/$1.toml:$3" "$1"
}
bad unknown-calendar $'[sla.policies.x]\ncalendar = "offce"\nresponse = { P1 = "1h" }' \
  "2: sla.policies.x.calendar: unknown calendar 'offce' (defined: 24x7)"
bad bad-hours $'[calendars.office]\ntimezone = "UTC"\nmon = "8-17"' \
  "3: calendars.office.mon: invalid business hours '8-17'"
bad bad-percent $'[escalation.rules.warn]\nat = "eighty"' \
  "2: escalation.rules.warn.at: expected a percentage"
bad bad-zone $'[calendars.office]\ntimezone = "Europe/Amsterdm"\nmon = "08:00-17:00"' \
  "2: calendars.office.timezone: unknown time zone 'Europe/Amsterdm'"
bad bad-priority $'[sla.policies.x]\nresolution = { P7 = "1h" }' \
  "2: sla.policies.x.resolution.P7: priority P7 is outside the priority matrix (P1..P4)"
finish
