#!/usr/bin/env bash
# Benchmark of `sdesk report` (not a test): a generated store of 1,000,000
# tickets over three years, then
#   - a one-month report by priority        (target: at most 0.5 s),
#   - a one-year report with monthly trend  (target: at most 2 s),
#   - peak resident memory of both          (bounded: never every ticket).
#
#   bench/report.sh [BUILD_DIR]
#
# Environment: TICKETS (1000000), YEARS (3), SEED (1), STORE (the store
# file; generated once and kept, default BUILD_DIR/bench/report-<N>.db),
# RUNS (10). Needs hyperfine and GNU time (/usr/bin/time).
set -euo pipefail

build=${1:-build}
sdesk=$build/sdesk
gen=$build/bench/sdesk_bench_gen
tickets=${TICKETS:-1000000}
years=${YEARS:-3}
store=${STORE:-$build/bench/report-$tickets.db}
runs=${RUNS:-10}

for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "report.sh: $tool is missing" >&2; exit 1; }
done
[[ -x $sdesk && -x $gen ]] || { echo "report.sh: build $sdesk and $gen first" >&2; exit 1; }

# No user or system configuration; a fixed clock just after the generated
# period (the generator ends on 2026-11-01 by default).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config SDESK_SYSTEM_CONFIG=$tmp/none.toml
export TZ=UTC SDESK_NOW=2026-11-01T00:00:00Z
unset SDESK_DB SDESK_CONFIG

if [[ ! -f $store ]]; then
  echo "generating $tickets tickets over $years years into $store ..."
  "$gen" --tickets "$tickets" --years "$years" --seed "${SEED:-1}" "$store"
fi
# A store written by an older sdesk is upgraded on first use (the report
# indexes of schema 3); do that outside the timings, and warm the page cache.
"$sdesk" --db "$store" report --month 2026-10 >/dev/null

month=("$sdesk" --db "$store" report --month 2025-10 --by priority)
last_month=("$sdesk" --db "$store" report --last-month --by priority)
year=("$sdesk" --db "$store" report --year 2025 --by priority --format json)
year_html=("$sdesk" --db "$store" report --year 2025 --by priority --format html)

hyperfine --warmup 2 --runs "$runs" --export-markdown "$tmp/hyperfine.md" \
  -n "month by priority (2025-10)" "${month[*]}" \
  -n "last month by priority (2026-10)" "${last_month[*]}" \
  -n "year with monthly trend (2025, json)" "${year[*]}" \
  -n "year with monthly trend (2025, html)" "${year_html[*]}"
cat "$tmp/hyperfine.md"

echo
echo "Peak resident memory:"
for name in month year; do
  declare -n cmd=$name
  /usr/bin/time -v "${cmd[@]}" >/dev/null 2>"$tmp/time.txt"
  printf '  %-6s %s kB\n' "$name" "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")"
done
