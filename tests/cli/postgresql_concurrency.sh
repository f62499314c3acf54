#!/usr/bin/env bash
# Issue 10, "Concurrency on the server": many sdesk processes writing one
# PostgreSQL store at once.
#  1. WRITERS processes x OPENS `open` each (16 x 500 by default): every
#     command exits 0, every ticket is stored once, ids are 1..N without a
#     gap or a duplicate, `verify` passes.
#  2. Mixed writers on shared tickets: each of MIXED processes, ROUNDS times,
#     opens a ticket, comments on and assigns two tickets every writer
#     shares, comments on the ticket the next writer resolves, and resolves
#     the one it owns; every command exits 0, nothing is lost (comment and
#     assignment counts), every hash chain stays valid (`verify`). This
#     part found that a command which waited for another writer of its
#     ticket was refused (exit 1, rule history-order) when that writer's
#     change was a second later than the clock it read at start
#     (lib/ops/change.cpp, apply_change, now acts at the time it got its turn).
#
# SDESK_CONC_WRITERS, SDESK_CONC_OPENS, SDESK_CONC_MIXED and SDESK_CONC_ROUNDS
# scale it (a quicker run while iterating). Runs on a throw-away server from
# tests/support/pg-server (started here unless SDESK_TEST_PG_URI names one);
# skipped (125) only when the server binaries are missing.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

DB=$SDESK_TEST_PG_URI
WRITERS=${SDESK_CONC_WRITERS:-16}
OPENS=${SDESK_CONC_OPENS:-500}
MIXED=${SDESK_CONC_MIXED:-8}
ROUNDS=${SDESK_CONC_ROUNDS:-40}
unset SDESK_NOW # each command its own time, as in real use

# run_logged LOG ARGS...: runs sdesk on the store; a non-zero exit is one
# line in LOG with the command, its exit code and its stderr.
run_logged() {
  local log=$1
  shift
  local error rc=0
  error=$("$SDESK" --db "$DB" "$@" 2>&1 >/dev/null) || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "exit $rc from sdesk $*: $error" >>"$log"
  fi
}

# check_logs NAME COUNT: every writer's log is empty.
check_logs() {
  local p
  for p in $(seq "$2"); do
    if [ -s "$TEST_DIR/$1-$p.log" ]; then
      fail "$1 writer $p: $(wc -l <"$TEST_DIR/$1-$p.log") failed command(s), first: $(head -1 "$TEST_DIR/$1-$p.log")"
    fi
  done
}

sd 0 init "$DB"

# --- 1. Writers that only open --------------------------------------------------
started=$SECONDS
for p in $(seq "$WRITERS"); do
  (for i in $(seq "$OPENS"); do
    run_logged "$TEST_DIR/open-$p.log" open "writer $p ticket $i" -q
  done) &
done
wait
echo "$WRITERS x $OPENS opens: $((SECONDS - started)) s" >&2
check_logs open "$WRITERS"

total=$((WRITERS * OPENS))
sd 0 list --limit $((total + 10)) --json
expect_eq "$(jq length <<<"$out")" "$total" "every open stored"
expect_eq "$(jq -c '[.[].id] | sort == [range(1; length + 1)]' <<<"$out")" "true" \
  "ids 1..$total, no gap, no duplicate"
expect_eq "$(jq '[.[].title] | unique | length' <<<"$out")" "$total" "each open stored once"
expected_titles=$(for p in $(seq "$WRITERS"); do for i in $(seq "$OPENS"); do
  echo "writer $p ticket $i"; done; done | sort | sha256sum)
expect_eq "$(jq -r '.[].title' <<<"$out" | sort | sha256sum)" "$expected_titles" \
  "the titles are the ones the writers gave"
sd 0 verify

# --- 2. Mixed writers on shared tickets -------------------------------------------
# Two tickets every writer comments on and assigns; one ticket per writer that
# it resolves while the writer before it comments on it.
shared_a=$("$SDESK" --db "$DB" open "shared A" -q)
shared_b=$("$SDESK" --db "$DB" open "shared B" -q)
declare -a owned
for p in $(seq "$MIXED"); do
  owned[p]=$("$SDESK" --db "$DB" open "owned by $p" -q)
done
before=$("$SDESK" --db "$DB" list --limit $((total + 100)) -q | wc -l)

started=$SECONDS
for p in $(seq "$MIXED"); do
  next=$((p % MIXED + 1))
  (for i in $(seq "$ROUNDS"); do
    log=$TEST_DIR/mixed-$p.log
    run_logged "$log" open "mixed $p ticket $i" -q
    run_logged "$log" comment "$shared_a" "writer $p comment $i"
    run_logged "$log" assign "$shared_b" "agent-$p-$i"
    run_logged "$log" comment "${owned[next]}" "writer $p on $next, $i"
    run_logged "$log" assign "$shared_a" "agent-$p-$i"
    run_logged "$log" comment "$shared_b" "writer $p comment $i"
    if [ "$i" -eq "$ROUNDS" ]; then
      run_logged "$log" resolve "${owned[p]}" --code fixed --note "writer $p done"
    fi
  done) &
done
wait
echo "$MIXED x $ROUNDS mixed rounds: $((SECONDS - started)) s" >&2
check_logs mixed "$MIXED"

sd 0 list --limit $((total + 1000)) -q
expect_eq "$(wc -l <<<"$out")" "$((before + MIXED * ROUNDS))" "every mixed open stored"
for t in "$shared_a" "$shared_b"; do
  sd 0 show "$t" --json
  expect_eq "$(jq '.comments | length' <<<"$out")" "$((MIXED * ROUNDS))" "comments on shared ticket $t"
  expect_eq "$(jq '[.history[] | select(.field == "assignee")] | length' <<<"$out")" \
    "$((MIXED * ROUNDS))" "assignments of shared ticket $t (each to a new agent: one event each)"
done
for p in $(seq "$MIXED"); do
  sd 0 show "${owned[p]}" --json
  expect_eq "$(jq -r .ticket.status <<<"$out")" "resolved" "ticket of writer $p resolved"
  expect_eq "$(jq '.comments | length' <<<"$out")" "$ROUNDS" "comments on the ticket of writer $p"
done
sd 0 verify
sd 0 verify --json
expect_eq "$(jq -c '[.checked, .failed, .broken_chains]' <<<"$out")" \
  "[$((total + 2 + MIXED * (ROUNDS + 1))),0,0]" "verify checked every ticket and found no damage"

finish
