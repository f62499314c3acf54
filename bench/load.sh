#!/bin/sh
# Concurrent writers on one store; see "Concurrency under load" in
# bench/README.md.
#
#   bench/load.sh PATH/TO/sdesk [WRITERS [OPENS]]     (default 64 x 60)
#
# Creates a fresh store in a temporary directory, starts WRITERS processes at
# once, each running `sdesk open -q TITLE` OPENS times in a row (a new
# process per ticket, as a monitoring script would), and prints: the number
# of commands, the failures by exit status, the tickets stored against the
# number expected, the latency median, p90, p99 and maximum of one command,
# and each distinct error message with its count. LOAD_RUNS=K repeats the
# whole run K times (a fresh store each time). LOAD_DIR picks the directory
# for the temporary stores (default: $TMPDIR or /tmp); the disk matters, as
# every command waits for its fsyncs. The driver, sdesk_bench_load, comes
# from $LOAD_DRIVER, the build directory of PATH/TO/sdesk, or build/.
set -eu

usage() {
  echo "usage: bench/load.sh PATH/TO/sdesk [WRITERS [OPENS]]" >&2
  exit 2
}
[ $# -ge 1 ] && [ $# -le 3 ] || usage
SDESK=$(realpath "$1")
WRITERS=${2:-64}
OPENS=${3:-60}
RUNS=${LOAD_RUNS:-1}
[ -x "$SDESK" ] || { echo "load.sh: no sdesk binary at '$1'" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "load.sh: sqlite3 is missing" >&2; exit 2; }

# The driver of this binary's build, else of the build next to this script
# (so that an older sdesk, built without it, can be measured too).
BENCH=$(cd "$(dirname "$0")" && pwd)
DRIVER=${LOAD_DRIVER:-}
for candidate in "$(dirname "$SDESK")/bench/sdesk_bench_load" "$BENCH/../build/bench/sdesk_bench_load"; do
  if [ -z "$DRIVER" ] && [ -x "$candidate" ]; then
    DRIVER=$candidate
  fi
done
[ -n "$DRIVER" ] || { echo "load.sh: build sdesk_bench_load first (cmake --build build --target sdesk_bench_load)" >&2; exit 2; }

WORK=$(mktemp -d "${LOAD_DIR:-${TMPDIR:-/tmp}}/sdesk-load.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# A clean environment: no user or system config, UTC, one actor.
mkdir -p "$WORK/home"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data"
export SDESK_SYSTEM_CONFIG="$WORK/home/no-system-config.toml" TZ=UTC LC_ALL=C SDESK_USER=bench
unset SDESK_DB SDESK_CONFIG SDESK_NOW

echo "== $SDESK: $WRITERS writers x $OPENS opens, $RUNS run(s), store in $(dirname "$WORK")"
run=1
while [ "$run" -le "$RUNS" ]; do
  db="$WORK/run-$run/desk.db"
  mkdir -p "$WORK/run-$run"
  "$SDESK" --db "$db" init >/dev/null
  echo "-- run $run, $(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$DRIVER" "$WRITERS" "$OPENS" "$SDESK" --db "$db" open -q "load w{w} n{i}" \
    2>"$WORK/run-$run/stderr"
  stored=$(sqlite3 "$db" "SELECT count(*) FROM ticket")
  distinct=$(sqlite3 "$db" "SELECT count(DISTINCT title) FROM ticket")
  echo "tickets stored $stored of $((WRITERS * OPENS)) expected ($distinct distinct titles)"
  if [ -s "$WORK/run-$run/stderr" ]; then
    echo "errors:"
    sed "s|$WORK/run-$run/||g" "$WORK/run-$run/stderr" | sort | uniq -c | sort -rn | head -5
  fi
  run=$((run + 1))
done
