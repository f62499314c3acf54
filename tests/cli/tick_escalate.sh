#!/usr/bin/env bash
# `sdesk tick` (and `escalate --auto`) with escalation rules configured
# (issue 11, speed): a tick with nothing due reads, takes no write lock and
# prints nothing, while every escalation still fires when it did before:
# paused tickets, reopened tickets, rules added later, a policy changed
# after the due times were stored, rules that fired or were reported
# skipped already. Built-in SLA policy (24x7): P1 1h / 4h, P3 8h / 72h.
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/base.toml" <<'EOF2'
[groups.service-desk]
tier = 1
escalates_to = "second-line"

[groups.second-line]
tier = 2

[escalation.rules.half]
at = "50%"
EOF2
cp "$TEST_DIR/base.toml" "$TEST_DIR/tick.toml"
export SDESK_CONFIG="$TEST_DIR/tick.toml"
sd 0 init "$DB"

# Runs `sdesk tick --now NOW` while another program holds the store's write
# lock, with store.busy_timeout 0: it succeeds only if it takes no write lock.
locked_tick()
{
  cp "$SDESK_CONFIG" "$TEST_DIR/locked.toml"
  printf '\n[store]\nbusy_timeout = "0s"\n' >>"$TEST_DIR/locked.toml"
  (echo "BEGIN IMMEDIATE; INSERT INTO outbox SELECT * FROM outbox WHERE 0;"; sleep 2; echo "ROLLBACK;") \
    | sqlite3 "$DB" &
  local locker=$!
  sleep 0.5
  SDESK_CONFIG="$TEST_DIR/locked.toml" sd "$1" tick --now "$2"
  wait "$locker"
}

# #1 P1 running; #2 P1 pending from 09:30 (30 min used, then paused);
# #3 P1 resolved at 10:00 (1h used), reopened at 12:00; #4 P1 in the last
# tier (the functional rule cannot apply); #5 P3 (resolution 72h).
sd 0 open "Running" --impact high --urgency high -q
sd 0 open "Paused" --impact high --urgency high -q
sd 0 pending 2 --reason "waiting for the user" --now 2026-11-02T09:30:00Z
sd 0 open "Reopened" --impact high --urgency high -q
sd 0 resolve 3 --code fixed --now 2026-11-02T10:00:00Z
sd 0 open "Last tier" --impact high --urgency high --group second-line -q
sd 0 open "Slow" -q

# --- nothing due: no write lock, nothing printed, store unchanged ------------
before=$(store_digest)
locked_tick 0 2026-11-02T10:00:00Z
expect_eq "$out" "" "tick with rules, nothing due, lock held elsewhere: succeeds, prints nothing"
expect_eq "$(store_digest)" "$before" "nothing due: store unchanged"

# --- due: fires (and reports the skip) as before -----------------------------
sd 0 tick --now 2026-11-02T11:01:00Z
expect_eq "$out" "escalate: ticket 1: rule half (50% of resolution target): escalated to second-line
escalate: ticket 4: rule half (50% of resolution target): skipped: at the last tier: group 'second-line' escalates to no group" \
  "11:01: the running ticket fires, the last-tier one is reported skipped; paused and resolved ones do not"
locked_tick 0 2026-11-02T11:05:00Z
expect_eq "$out" "" "fired and reported already: no write lock, nothing printed"
sd 0 escalate --auto --now 2026-11-02T11:05:00Z
expect_eq "$out" "" "escalate --auto: the same"

# --- a reopened ticket continues where its clock stopped ---------------------
sd 0 reopen 3 --reason "came back" --now 2026-11-02T12:00:00Z
locked_tick 0 2026-11-02T12:30:00Z
expect_eq "$out" "" "reopened: 1h30 used of 4h, nothing due"
locked_tick 5 2026-11-02T13:01:00Z
expect_contains "$err" "locked" "something due waits for the lock (exit 5)"
sd 0 tick --now 2026-11-02T13:01:00Z
expect_eq "$out" "escalate: ticket 3: rule half (50% of resolution target): escalated to second-line" \
  "reopened: fires at 2h01 used (1h before the resolve, 1h01 since the reopen)"

# --- a paused ticket stays quiet however long it waits -----------------------
locked_tick 0 2026-11-03T09:00:00Z
expect_eq "$out" "" "paused for a day: nothing due, no write lock"

# --- a rule added later fires on every ticket past it, paused ones too ------
cat "$TEST_DIR/base.toml" >"$TEST_DIR/tick.toml"
printf '\n[escalation.rules.early]\nat = "10%%"\naction = "hierarchical"\ninform = ["boss"]\n' >>"$TEST_DIR/tick.toml"
sd 0 tick --now 2026-11-03T09:00:00Z
expect_eq "$out" "escalate: ticket 1: rule early (600% of resolution target): informed boss
escalate: ticket 2: rule early (12% of resolution target): informed boss
escalate: ticket 3: rule early (550% of resolution target): informed boss
escalate: ticket 4: rule early (600% of resolution target): informed boss
escalate: ticket 5: rule early (33% of resolution target): informed boss" \
  "a new rule: fires on every open ticket past 10%, the paused one included"
locked_tick 0 2026-11-03T12:00:00Z
expect_eq "$out" "" "the new rule fired everywhere: nothing due"

# --- a policy changed after the due times were stored ------------------------
# #5's stored resolution due time is 72h after 09:00; the new policy gives P3
# 40h, so at 27h (67%) the 50% rule is past due although nothing was stored.
sd 0 show 5 --json
expect_eq "$(jq -r '.ticket.resolution_due' <<<"$out")" "2026-11-05T09:00:00+00:00" "#5: stored due time under the old policy"
cat "$TEST_DIR/base.toml" >"$TEST_DIR/tick.toml"
printf '\n[escalation.rules.early]\nat = "10%%"\naction = "hierarchical"\ninform = ["boss"]\n' >>"$TEST_DIR/tick.toml"
printf '\n[sla.policies.default]\nresponse = { P1 = "1h", P3 = "8h" }\nresolution = { P1 = "4h", P3 = "40h" }\n' >>"$TEST_DIR/tick.toml"
sd 0 tick --now 2026-11-03T12:00:00Z
expect_eq "$out" "escalate: ticket 5: rule half (67% of resolution target): escalated to second-line" \
  "a shorter goal in the configuration: the rule fires at once"
locked_tick 0 2026-11-03T12:05:00Z
expect_eq "$out" "" "and not again"

finish
