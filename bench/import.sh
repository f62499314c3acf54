#!/bin/sh
# Benchmarks `sdesk import` of 1,000,000 tickets from JSON Lines into an
# empty store (target: at most 15 s on the 2-core build machine).
#
#   bench/import.sh PATH/TO/sdesk [TICKETS]
#
# Generates (once) bench/out/import-TICKETS.jsonl with bench/gen_jsonl.py
# (realistic tickets with their status changes: about 4.5 history events
# each), then measures one import with GNU time -v (wall, CPU, peak RSS) and
# three with hyperfine, each into a new empty store. Results:
# bench/out/import-TICKETS.{time.txt,json,md}.
set -eu

[ $# -ge 1 ] || { echo "usage: bench/import.sh PATH/TO/sdesk [TICKETS]" >&2; exit 2; }
SDESK=$(realpath "$1")
TICKETS=${2:-1000000}
[ -x "$SDESK" ] || { echo "import.sh: no sdesk binary at '$1'" >&2; exit 2; }
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "import.sh: '$tool' is missing (scripts/install-deps --bench)" >&2; exit 2; }
done

BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/out"
mkdir -p "$OUT/home"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/config" XDG_DATA_HOME="$OUT/home/data"
export SDESK_SYSTEM_CONFIG="$OUT/home/no-system-config.toml" TZ=UTC LC_ALL=C SDESK_USER=importer
unset SDESK_DB SDESK_CONFIG SDESK_NOW

INPUT="$OUT/import-$TICKETS.jsonl"
if [ ! -f "$INPUT" ] || [ "$BENCH/gen_jsonl.py" -nt "$INPUT" ]; then
  echo "== generating $INPUT" >&2
  python3 "$BENCH/gen_jsonl.py" "$TICKETS" 1 >"$INPUT.tmp"
  mv "$INPUT.tmp" "$INPUT"
fi
echo "== input: $(wc -c <"$INPUT") bytes, $TICKETS tickets" >&2

DB="$OUT/import-$TICKETS.db"
fresh() { rm -f "$DB" "$DB-wal" "$DB-shm" && "$SDESK" --db "$DB" init "$DB" >/dev/null; }

echo "== /usr/bin/time -v sdesk import" >&2
fresh
/usr/bin/time -v "$SDESK" --db "$DB" import "$INPUT" 2>"$OUT/import-$TICKETS.time.txt"
grep -E 'Elapsed|User time|System time|Maximum resident' "$OUT/import-$TICKETS.time.txt"
echo "store: $(wc -c <"$DB") bytes"

echo "== hyperfine" >&2
hyperfine --runs 3 --prepare "rm -f '$DB' '$DB-wal' '$DB-shm' && '$SDESK' --db '$DB' init '$DB' >/dev/null" \
  --export-json "$OUT/import-$TICKETS.json" --export-markdown "$OUT/import-$TICKETS.md" \
  "'$SDESK' --db '$DB' import '$INPUT'"
rm -f "$DB" "$DB-wal" "$DB-shm"
