#!/bin/sh
# Benchmarks `sdesk store copy` both ways (issue 10): a generated SQLite
# store copied onto a throw-away PostgreSQL server (tests/support/pg-server),
# and that PostgreSQL store copied back into a new SQLite file. Whole
# process, one run each (wall, user and system time, peak RSS with GNU
# time); each copy is verified by the command itself (part of its time),
# and the round trip's checkpoint is compared with the original's.
#
#   bench/copy.sh PATH/TO/sdesk STORE
#
# STORE is a store made by sdesk_bench_gen (read only: copied from).
# Results in bench/out/copy-*.txt.
set -eu

[ $# -ge 2 ] || { echo "usage: bench/copy.sh PATH/TO/sdesk STORE" >&2; exit 2; }
SDESK=$(realpath "$1")
DB=$(realpath "$2")
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/out"

if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$BENCH/../tests/support/pg-server" sh "$0" "$@"
fi
mkdir -p "$OUT/home"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/config" XDG_DATA_HOME="$OUT/home/data"
export SDESK_SYSTEM_CONFIG="$OUT/home/no-system-config.toml" TZ=UTC LC_ALL=C
unset SDESK_CONFIG SDESK_NOW SDESK_DB

BACK="$OUT/copy-back.db"
rm -f "$BACK" "$BACK-wal" "$BACK-shm"
measure() { # measure NAME ARGS...: runs sdesk ARGS under GNU time into copy-NAME.txt
  name=$1
  shift
  /usr/bin/time -f "wall %e s  user %U s  sys %S s  peak RSS %M KiB" -o "$OUT/copy-$name.time" \
    "$SDESK" "$@" >"$OUT/copy-$name.txt"
  cat "$OUT/copy-$name.txt" "$OUT/copy-$name.time"
}
echo "== SQLite -> PostgreSQL"
measure to-pg store copy "$DB" "$SDESK_TEST_PG_URI"
echo "== PostgreSQL -> SQLite"
measure to-sqlite store copy "$SDESK_TEST_PG_URI" "$BACK"
echo "== the original's checkpoint"
"$SDESK" --db "$DB" verify --digest
