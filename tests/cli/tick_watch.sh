#!/usr/bin/env bash
# The escalation watch (migration 18, lib/ops/auto_escalate.hpp): a tick
# looks only at the tickets whose rules can be due, and no ticket is missed
# for it: a priority raised, a clock paused and restarted, a ticket
# imported with old dates, a rule added to the configuration. Built-in SLA
# policy (24x7): P1 resolution 4h, P3 72h; the rule fires past 50%.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped" >&2; exit 125; }

cat >"$TEST_DIR/base.toml" <<'EOF2'
[escalation.rules.half]
at = "50%"
action = "hierarchical"
inform = ["duty-manager"]
EOF2
cp "$TEST_DIR/base.toml" "$TEST_DIR/watch.toml"
export SDESK_CONFIG="$TEST_DIR/watch.toml"
sd 0 init "$DB"

# When the watch next looks at ticket $1 (nothing: no row).
check_at()
{
  sqlite3 "$DB" "SELECT datetime(check_at, 'unixepoch') FROM escalation_watch WHERE ticket_id = $1"
}

# #1 P1 (due after 11:00), #2 P3 (due after 45:00), #3 P1 paused at 09:30.
sd 0 open "Running" --impact high --urgency high -q
sd 0 open "Slow" -q
sd 0 open "Paused" --impact high --urgency high -q
sd 0 pending 3 --reason "waiting for the user" --now 2026-11-02T09:30:00Z

sd 0 tick --now 2026-11-02T11:01:00Z
expect_eq "$out" "escalate: ticket 1: rule half (50% of resolution target): informed duty-manager" \
  "11:01: the running P1 fires"
expect_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM escalation_sweep')" "1" "the tick that wrote recorded its sweep"
expect_eq "$(check_at 1)" "" "#1: its only rule fired, nothing left to watch"
expect_eq "$(check_at 2)" "2026-11-03 21:00:01" "#2: looked at again when 36h can have passed"
expect_eq "$(check_at 3)" "2026-11-02 12:31:01" "#3: paused with 30 min used: not before 1h30 more"

# --- a priority raised makes the ticket due earlier --------------------------
sd 0 update 2 --priority P1 --now 2026-11-02T11:10:00Z
expect_eq "$(check_at 2)" "1970-01-01 00:00:00" "#2 changed: due at once"
sd 0 tick --now 2026-11-02T11:11:00Z
expect_eq "$out" "escalate: ticket 2: rule half (54% of resolution target): informed duty-manager" \
  "#2 raised to P1: fires at the next tick (2h11 of 4h), not two days later"

# --- a clock paused, then restarted -------------------------------------------
sd 0 tick --now 2026-11-02T12:32:00Z
expect_eq "$out" "" "#3 still paused at its check: nothing"
expect_eq "$(check_at 3)" "2026-11-02 12:31:01" "#3: a tick that fires nothing writes nothing: looked at again by the next"
sd 0 start 3 --now 2026-11-02T13:00:00Z
sd 0 tick --now 2026-11-02T14:30:00Z
expect_eq "$out" "" "#3: 30 min before the pause and 1h30 after it: exactly 50%, not past"
sd 0 tick --now 2026-11-02T14:30:01Z
expect_eq "$out" "escalate: ticket 3: rule half (50% of resolution target): informed duty-manager" \
  "#3: fires one second past 50% of its running clock"

# --- a ticket imported with old dates ----------------------------------------
echo '{"ref":"OLD-1","title":"Imported late","created":"2026-11-01T08:00:00Z","priority":"P1"}' >"$TEST_DIR/old.jsonl"
sd 0 import "$TEST_DIR/old.jsonl" --now 2026-11-02T14:31:00Z
sd 0 tick --now 2026-11-02T14:32:00Z
expect_eq "$out" "escalate: ticket 4: rule half (763% of resolution target): informed duty-manager" \
  "an imported ticket opened long ago fires at the next tick"

# --- nothing due: the tick writes nothing --------------------------------------
before=$(store_digest)
sd 0 tick --now 2026-11-02T15:00:00Z
expect_eq "$out" "" "nothing due"
expect_eq "$(store_digest)" "$before" "nothing due: store unchanged"

# --- a rule added to the configuration ---------------------------------------
printf '\n[escalation.rules.most]\nat = "75%%"\naction = "hierarchical"\ninform = ["boss"]\n' >>"$TEST_DIR/watch.toml"
sd 0 tick --now 2026-11-02T15:00:00Z
expect_eq "$out" "escalate: ticket 1: rule most (150% of resolution target): informed boss
escalate: ticket 2: rule most (150% of resolution target): informed boss
escalate: ticket 4: rule most (775% of resolution target): informed boss" \
  "a new rule: every open ticket is looked at once, and fires where it is past due (#3: 2h30 used, 62%)"
sd 0 tick --now 2026-11-02T15:00:00Z
expect_eq "$out" "" "and not again"

finish
