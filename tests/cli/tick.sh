#!/usr/bin/env bash
# `sdesk tick` (issue 11): the one periodic command. It applies the
# escalation rules, opens each due recurring ticket exactly once (by
# occurrence), catches up at most `catch_up` missed occurrences, prints
# nothing when nothing happened, a JSON summary with --json, and two ticks
# at once never do the same work twice.
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/tick.toml" <<'EOF2'
[groups.service-desk]
tier = 1
escalates_to = "second-line"

[groups.second-line]
tier = 2

[escalation.rules.p1-warn]
at = "80%"
target = "response"
priorities = ["P1"]

[recurring.restore-test]
schedule = "0 9 1 * *"
timezone = "Europe/Amsterdam"
title = "Monthly backup restore test"
kind = "request"
priority = "P3"
EOF2
export SDESK_CONFIG="$TEST_DIR/tick.toml"
sd 0 init "$DB"

# --- the first tick opens the due occurrence, as sdesk-tick ------------------
# 1 December 09:00 in Amsterdam is 08:00Z.
unset SDESK_USER
sd 0 tick --now 2026-12-01T08:00:00Z
expect_eq "$out" "recurring: restore-test due 2026-12-01T09:00:00+01:00: opened ticket 1" "first tick: opens the occurrence"
expect_eq "$err" "" "first tick: nothing on stderr"
export SDESK_USER=agent
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | "\(.title)|\(.kind)|\(.priority)|\(.ref)|\(.requester)|\(.created)"' <<<"$out")" \
  "Monthly backup restore test|request|P3|recurring:restore-test@2026-12-01T08:00:00Z|sdesk-tick|2026-12-01T08:00:00+00:00" \
  "the recurring ticket: its fields, its occurrence's ref, opened by sdesk-tick"
sd 0 log 1 --json
expect_eq "$(jq -r '[.[].actor] | unique | join(",")' <<<"$out")" "sdesk-tick" "history: the actor is sdesk-tick"
sd 0 outbox --json
expect_eq "$(jq -r '[.[] | select(.ticket == 1) | .kind] | join(",")' <<<"$out")" "open" "outbox: the open is queued"

# --- a second tick at the same time opens nothing, prints nothing -----------
before=$(store_digest)
sd 0 tick --now 2026-12-01T08:00:00Z
expect_eq "$out" "" "second tick: nothing to do, nothing printed"
expect_eq "$err" "" "second tick: nothing on stderr"
sd 0 tick --now 2026-12-20T08:00:00Z
expect_eq "$out" "" "tick later in the month: nothing new"
expect_eq "$(store_digest)" "$before" "ticks with nothing to do: store unchanged"

# --- nothing due: no write lock taken ----------------------------------------
# Another program holds the store's write lock (a long import, say): a tick
# with nothing due still succeeds at once instead of failing after
# store.busy_timeout. (With escalation rules configured too: see
# tick_escalate.sh.)
sed '/^\[escalation/,/^$/d' "$TEST_DIR/tick.toml" >"$TEST_DIR/locked.toml"
printf '[store]\nbusy_timeout = "0s"\n' >>"$TEST_DIR/locked.toml"
(echo "BEGIN IMMEDIATE; INSERT INTO outbox SELECT * FROM outbox WHERE 0;"; sleep 3; echo "ROLLBACK;") | sqlite3 "$DB" &
locker=$!
sleep 0.5
SDESK_CONFIG="$TEST_DIR/locked.toml" sd 0 tick --now 2026-12-20T08:00:00Z
expect_eq "$out" "" "tick while another program writes: nothing due, nothing printed"
SDESK_CONFIG="$TEST_DIR/locked.toml" sd 5 tick --now 2027-01-01T08:00:00Z
expect_contains "$err" "locked" "tick while another program writes: something due waits for the lock (exit 5)"
wait "$locker"

# --- --json: a summary per step ---------------------------------------------
sd 0 tick --json --now 2026-12-20T08:00:00Z
expect_eq "$out" '{"at":"2026-12-20T08:00:00Z","total":0,"steps":{"escalate":{"count":0,"details":[]},"recurring":{"count":0,"details":[]},"alerts":{"count":0,"details":[]},"hooks":{"count":0,"details":[]},"mail":{"count":0,"details":[]}}}' \
  "tick --json: nothing to do"
sd 0 tick --json --now 2027-01-01T08:00:00Z
expect_eq "$(jq -c '[.total, .steps.recurring.count, .steps.escalate.count]' <<<"$out")" "[1,1,0]" "tick --json: counts"
expect_eq "$(jq -r '.steps.recurring.details[0]' <<<"$out")" \
  "recurring: restore-test due 2027-01-01T09:00:00+01:00: opened ticket 2" "tick --json: details"

# --- missed occurrences: at most catch_up of them ----------------------------
# The tick did not run for February, March and April: catch_up = 2 opens
# March and April only.
sed -i 's/^priority = "P3"$/priority = "P3"\ncatch_up = 2/' "$TEST_DIR/tick.toml"
sd 0 tick --now 2027-02-01T08:00:00Z
expect_eq "$out" "recurring: restore-test due 2027-02-01T09:00:00+01:00: opened ticket 3" \
  "catch_up 2: the occurrence before was opened, only the new one is"
sd 0 tick --now 2027-05-01T06:30:00Z
expect_eq "$out" "recurring: restore-test due 2027-03-01T09:00:00+01:00: opened ticket 4
recurring: restore-test due 2027-04-01T09:00:00+02:00: opened ticket 5" \
  "three missed (March, April, May 09:00 not yet): the last two due are opened, oldest first"
sd 0 tick --now 2027-06-05T08:00:00Z
expect_eq "$out" "recurring: restore-test due 2027-05-01T09:00:00+02:00: opened ticket 6
recurring: restore-test due 2027-06-01T09:00:00+02:00: opened ticket 7" \
  "two missed: both opened"
sd 0 tick --now 2027-06-05T08:00:00Z
expect_eq "$out" "" "and then nothing"

# --- escalation rules: applied once, as escalate --auto does -----------------
sd 0 open "VPN down for everyone" --priority P1 -q --now 2027-06-05T08:00:00Z
id=$out
sd 0 tick --now 2027-06-05T08:47:00Z
expect_eq "$out" "" "78% of the P1 response target (1h) used: the 80% rule waits"
sd 0 tick --now 2027-06-05T08:49:00Z
expect_eq "$out" "escalate: ticket $id: rule p1-warn (81% of response target): escalated to second-line" \
  "tick applies a rule once it is due"
sd 0 show "$id" --json
expect_eq "$(jq -r '.ticket.group' <<<"$out")" "second-line" "escalated ticket: its group"
sd 0 tick --now 2027-06-05T08:55:00Z
expect_eq "$out" "" "a rule fires once"

# --- two ticks at once do not do the same work twice -------------------------
cat >"$TEST_DIR/often.toml" <<'EOF2'
[recurring.every-minute]
schedule = "* * * * *"
title = "Tick race"
catch_up = 5
EOF2
export SDESK_CONFIG="$TEST_DIR/often.toml"
count_refs() {
  "$SDESK" --db "$DB" list --json | jq '[.[] | select(.title == "Tick race")] | length'
}
for minute in 10 20 30 40 50; do
  now="2027-06-05T09:${minute}:00Z"
  for i in 1 2 3 4; do
    "$SDESK" --db "$DB" tick --now "$now" >"$TEST_DIR/tick.$i" 2>"$TEST_DIR/tick.$i.err" &
  done
  wait
  opened=$(cat "$TEST_DIR"/tick.[1-4] | grep -c "opened ticket")
  expect_eq "$opened" "5" "4 concurrent ticks at $now: 5 occurrences opened once in all"
  for i in 1 2 3 4; do
    expect_eq "$(cat "$TEST_DIR/tick.$i.err")" "" "concurrent tick $i at $now: no error"
  done
done
expect_eq "$(count_refs)" "25" "concurrent ticks: one ticket per occurrence"
sd 0 list --json
expect_eq "$(jq '[.[] | select(.title == "Tick race") | .ref] | unique | length' <<<"$out")" "25" \
  "concurrent ticks: every occurrence's ref once"

# Escalation rules too: four ticks at once escalate each ticket once.
export SDESK_CONFIG="$TEST_DIR/tick.toml"
for i in 1 2 3 4 5; do
  sd 0 open "Outage $i" --priority P1 -q --now 2027-06-05T10:00:00Z
done
for i in 1 2 3 4; do
  "$SDESK" --db "$DB" tick --now 2027-06-05T10:50:00Z >"$TEST_DIR/tick.$i" 2>"$TEST_DIR/tick.$i.err" &
done
wait
expect_eq "$(cat "$TEST_DIR"/tick.[1-4] | grep -c "rule p1-warn")" "5" "4 concurrent ticks: 5 tickets escalated once in all"
expect_eq "$(cat "$TEST_DIR"/tick.[1-4].err)" "" "4 concurrent ticks: no error"
sd 0 list --json --priority P1
expect_eq "$(jq '[.[] | select(.title | startswith("Outage"))] | length' <<<"$out")" "5" "the five outages"
for id in $(jq -r '.[] | select(.title | startswith("Outage")) | .id' <<<"$out"); do
  sd 0 log "$id" --json
  expect_eq "$(jq '[.[] | select(.action == "escalate" and .field == "group")] | length' <<<"$out")" "1" \
    "ticket $id: one escalation"
done

sd 0 verify
finish
