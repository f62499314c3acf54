#!/bin/sh
# Benchmarks sdesk's everyday commands on realistic stores; see bench/README.md.
#
#   bench/run.sh PATH/TO/sdesk [--big]
#
# Builds (once) stores of 1,000 and 100,000 tickets under bench/out/ (and
# 1,000,000 with --big) with sdesk_bench_gen, then measures wall time with
# hyperfine and peak RSS with GNU time. Every measurement runs on a fresh copy
# of its store, so the generated stores never change. Results: bench/out/*.json,
# *.md and *.csv from hyperfine, bench/out/summary.md for the whole run.
set -eu

usage() {
  echo "usage: bench/run.sh PATH/TO/sdesk [--big]" >&2
  exit 2
}
[ $# -ge 1 ] || usage
SDESK=$(realpath "$1")
BIG=0
case "${2:-}" in
  "") ;;
  --big) BIG=1 ;;
  *) usage ;;
esac
[ -x "$SDESK" ] || { echo "run.sh: no sdesk binary at '$1'" >&2; exit 2; }
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is missing (scripts/install-deps --bench)" >&2; exit 2; }
done

BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/out"
BUILD=$(dirname "$SDESK")
GEN="$BUILD/bench/sdesk_bench_gen"
BASELINE="$BUILD/bench/sdesk_bench_baseline"
if [ ! -x "$GEN" ] || [ ! -x "$BASELINE" ]; then
  cmake --build "$BUILD" --target sdesk_bench_gen sdesk_bench_baseline
fi

WARMUP=${BENCH_WARMUP:-5}
RUNS=${BENCH_RUNS:-50}
RSS_RUNS=${BENCH_RSS_RUNS:-10}
SEED=1
END=2026-11-01

# A clean environment: no user or system config, UTC, the default actor.
mkdir -p "$OUT/home" "$OUT/work"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/config" XDG_DATA_HOME="$OUT/home/data"
export SDESK_SYSTEM_CONFIG="$OUT/home/no-system-config.toml" TZ=UTC LC_ALL=C
unset SDESK_DB SDESK_CONFIG SDESK_NOW SDESK_USER

# store NAME TICKETS: the path of a generated store, created if missing or
# older than the generator.
store() {
  db="$OUT/store-$1.db"
  if [ ! -f "$db" ] || [ -n "$(find "$GEN" -newer "$db")" ]; then
    echo "== generating $db ($2 tickets)" >&2
    rm -f "$db" "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
    "$GEN" --tickets "$2" --years 3 --seed "$SEED" --end "$END" "$db.tmp" >"$OUT/gen-$1.txt"
    sed -i 's/\.tmp: /: /' "$OUT/gen-$1.txt"
    cat "$OUT/gen-$1.txt" >&2
    mv "$db.tmp" "$db"
  fi
  echo "$db"
}

# fresh SOURCE: a private copy of a store, flushed to disk so that writing
# the copy back does not land in the measured fsyncs.
fresh() {
  rm -f "$OUT/work/desk.db" "$OUT/work/desk.db-wal" "$OUT/work/desk.db-shm"
  cp "$1" "$OUT/work/desk.db"
  sync
  echo "$OUT/work/desk.db"
}

# measure NAME COMMAND [hyperfine options...]: wall time of COMMAND (one
# string, split into words by hyperfine and run without a shell); results in
# $OUT/NAME.{json,md,csv}.
measure() {
  name=$1
  command=$2
  shift 2
  echo "== $name: $command" >&2
  hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --command-name "$name" \
    --export-json "$OUT/$name.json" --export-markdown "$OUT/$name.md" --export-csv "$OUT/$name.csv" \
    "$@" "$command" >&2
}

# rss NAME COMMAND...: peak resident set size (KiB) of COMMAND over
# $RSS_RUNS runs, as "median max".
rss() {
  name=$1
  shift
  for _ in $(seq "$RSS_RUNS"); do
    /usr/bin/time -f "%M" -o "$OUT/rss.tmp" "$@" >/dev/null
    cat "$OUT/rss.tmp"
  done | sort -n | awk -v name="$name" '{ v[NR] = $1 } END { print name, v[int((NR + 1) / 2)], v[NR] }' \
    >>"$OUT/rss.txt"
}

# fsync_probe: the mean time of one synchronous 4 KiB write in $OUT/work, in
# ms; commits wait for such writes, so it puts the write figures in context.
fsync_probe() {
  dd if=/dev/zero of="$OUT/work/probe" bs=4k count=100 oflag=dsync 2>&1 |
    awk '/copied/ { printf "%.2f", $(NF - 3) * 1000 / 100 }'
  rm -f "$OUT/work/probe"
}

SMALL=$(store 1k 1000)
MAIN=$(store 100k 100000)
[ "$BIG" -eq 1 ] && LARGE=$(store 1m 1000000)

rm -f "$OUT"/*.csv "$OUT"/*.json "$OUT"/*.md "$OUT/rss.txt"
FSYNC_BEFORE=$(fsync_probe)

# Context: an empty process, sdesk without a store, and a C program that
# opens a WAL store and inserts one row (the floor for a write command).
measure true true
measure sdesk-version "$SDESK --version"
rm -f "$OUT/work/baseline.db"*
"$BASELINE" "$OUT/work/baseline.db"
sync
measure baseline-insert "$BASELINE $OUT/work/baseline.db"

# The commands on the 100k store. Ids: a ticket from the middle of the
# period (a typical closed ticket with its whole history), and the two most
# recent open ones (assign and comment need an open ticket).
N=100000
SHOW_ID=$((N / 2))
db=$(fresh "$MAIN")
OPEN_IDS=$("$SDESK" --db "$db" list --open --sort -id --limit 2 -q)
ASSIGN_ID=$(echo "$OPEN_IDS" | sed -n 1p)
COMMENT_ID=$(echo "$OPEN_IDS" | sed -n 2p)

TITLE="Printer on floor 3 not working"
db=$(fresh "$MAIN")
measure open "$SDESK --db $db open -q '$TITLE' --category printer"
db=$(fresh "$MAIN")
measure show "$SDESK --db $db show $SHOW_ID"
db=$(fresh "$MAIN")
measure list-open "$SDESK --db $db list --open --limit 50"
# Each run assigns an agent; the prepare step routes the ticket back to the
# queue first (clearing the assignee), so every measured run writes.
db=$(fresh "$MAIN")
measure assign "$SDESK --db $db assign $ASSIGN_ID amara -q" \
  --prepare "$SDESK --db $db assign $ASSIGN_ID --group service-desk -q"
db=$(fresh "$MAIN")
measure comment "$SDESK --db $db comment $COMMENT_ID 'Called the user, reproduced the issue.' -q"

# Peak memory must not grow with the number of tickets.
for size in 1k 100k ${LARGE:+1m}; do
  case $size in 1k) src=$SMALL n=1000 ;; 100k) src=$MAIN n=100000 ;; 1m) src=$LARGE n=1000000 ;; esac
  db=$(fresh "$src")
  rss "open@$size" "$SDESK" --db "$db" open -q "$TITLE" --category printer
  rss "show@$size" "$SDESK" --db "$db" show $((n / 2))
  rss "list-open@$size" "$SDESK" --db "$db" list --open --limit 50
done
FSYNC_AFTER=$(fsync_probe)
rm -f "$OUT/rss.tmp" "$OUT/work/desk.db"*

# The summary: hyperfine's CSV is in seconds.
{
  echo "# sdesk benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?'), hyperfine $(hyperfine --version | cut -d' ' -f2), $(basename "$SDESK") $("$SDESK" --version)"
  echo "- store: $(cat "$OUT/gen-100k.txt")"
  echo "- one synchronous 4 KiB write (dd oflag=dsync): $FSYNC_BEFORE ms before, $FSYNC_AFTER ms after"
  echo "- $WARMUP warm-up runs, $RUNS measured runs, no shell (hyperfine -N)"
  echo
  echo "| command | median | mean ± σ | min | max | user | system |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for name in true sdesk-version baseline-insert open show list-open assign comment; do
    awk -F, -v name="$name" 'NR == 2 {
      printf "| %s | %.2f ms | %.2f ± %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n",
        name, $4 * 1000, $2 * 1000, $3 * 1000, $7 * 1000, $8 * 1000, $5 * 1000, $6 * 1000 }' "$OUT/$name.csv"
  done
  echo
  echo "| peak RSS ($RSS_RUNS runs) | median | max |"
  echo "|---|---:|---:|"
  awk '{ printf "| %s | %d KiB | %d KiB |\n", $1, $2, $3 }' "$OUT/rss.txt"
} >"$OUT/summary.md"
cat "$OUT/summary.md"
