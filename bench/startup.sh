#!/usr/bin/env bash
# Start-up of one write and two reads, before and after a change, against
# the C floor (issue 8, "Speed"); see bench/README.md. Not a test.
#
#   bench/startup.sh OLD_SDESK NEW_SDESK STORE [ROUNDS]
#
# Runs, alternately (sdesk_bench_alternate: medians, ratio to the last):
#   1. `open -q TITLE --category printer` with OLD and NEW on STORE, and
#      sdesk_bench_baseline (open a WAL store, insert one row) on a store of
#      its own: the floor;
#   2. `show N/2` and `list --open --limit 50`, OLD against NEW;
#   3. `--version`, OLD against NEW.
# STORE gains a ticket per `open`: use a copy. ROUNDS defaults to 60.
set -euo pipefail

[[ $# -ge 3 ]] || { echo "usage: bench/startup.sh OLD_SDESK NEW_SDESK STORE [ROUNDS]" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
store=$(realpath "$3")
rounds=${4:-60}
bench=$(dirname "$(realpath "$0")")/../build/bench
bench=${BENCH_BIN:-$bench}
for tool in "$old" "$new" "$bench/sdesk_bench_alternate" "$bench/sdesk_bench_baseline"; do
  [[ -x $tool ]] || { echo "startup.sh: $tool is missing (build the bench tools: ninja -C build)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config SDESK_SYSTEM_CONFIG=$work/none.toml
export TZ=UTC LC_ALL=C SDESK_USER=bench USER=bench
unset SDESK_DB SDESK_CONFIG SDESK_NOW

middle=$(( $("$new" --db "$store" list --limit 1 --sort -id -q) / 2 ))
alternate=("$bench/sdesk_bench_alternate" "$rounds")
"$bench/sdesk_bench_baseline" "$work/baseline.db"
echo "# $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds"
echo "## open: old, new, the C floor"
title="Printer on floor 3 not working"
"${alternate[@]}" "$old" --db "$store" open -q "$title" --category printer -- \
  "$new" --db "$store" open -q "$title" --category printer -- \
  "$bench/sdesk_bench_baseline" "$work/baseline.db"
echo "## show $middle: old, new"
"${alternate[@]}" "$old" --db "$store" show "$middle" -- "$new" --db "$store" show "$middle"
echo "## list --open --limit 50: old, new"
"${alternate[@]}" "$old" --db "$store" list --open --limit 50 -- "$new" --db "$store" list --open --limit 50
echo "## --version: old, new"
"${alternate[@]}" "$old" --version -- "$new" --version
