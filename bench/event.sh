#!/bin/sh
# Benchmarks `sdesk event` on a generated store (issue 11's targets, on 1M
# tickets: a repeated trigger for an open key within 1.3x of `open`; an
# Alertmanager payload of 1,000 alerts in at most 0.5 s whole-process).
#
#   bench/event.sh PATH/TO/sdesk STORE
#
# STORE is a store made by sdesk_bench_gen (it gains tickets and keys: use a
# copy). The 1,000-alert payload is tests/fixtures/alertmanager/firing.json's
# first alert repeated with 1,000 instances and fingerprints. Measures, with
# hyperfine: `open` against a repeated trigger of one open key (event raw);
# the payload when its 1,000 keys are open (1,000 appends) and when they are
# new (1,000 tickets opened: a new --source each run). Results in
# bench/out/event-*.{json,md}.
set -eu

[ $# -ge 2 ] || { echo "usage: bench/event.sh PATH/TO/sdesk STORE" >&2; exit 2; }
SDESK=$(realpath "$1")
DB=$(realpath "$2")
for tool in hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "event.sh: '$tool' is missing (scripts/install-deps --bench)" >&2; exit 2; }
done
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/out"
mkdir -p "$OUT/home"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/config" XDG_DATA_HOME="$OUT/home/data"
export SDESK_SYSTEM_CONFIG="$OUT/home/no-system-config.toml" TZ=UTC LC_ALL=C SDESK_USER=agent SDESK_DB="$DB"
unset SDESK_CONFIG SDESK_NOW

PAYLOAD="$OUT/alertmanager-1000.json"
python3 - "$BENCH/../tests/fixtures/alertmanager/firing.json" "$PAYLOAD" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
first = base["alerts"][0]
alerts = []
for i in range(1000):
    a = json.loads(json.dumps(first))
    a["labels"]["instance"] = f"host{i:04d}:9100"
    a["annotations"]["summary"] = f"Disk /var on host{i:04d}:9100 is over 90% full"
    a["fingerprint"] = f"{i:016x}"
    alerts.append(a)
base["alerts"] = alerts
json.dump(base, open(sys.argv[2], "w"), indent=1)
PY

"$SDESK" init "$DB" >/dev/null # migrates a generated store to this sdesk's schema
"$SDESK" event raw --source bench --key disk --action trigger --severity critical --summary "disk full" >/dev/null
"$SDESK" event alertmanager --source bench-open "$PAYLOAD" >/dev/null
hyperfine -N --warmup 3 --runs 40 --export-json "$OUT/event-trigger.json" --export-markdown "$OUT/event-trigger.md" \
  "$SDESK open 'Printer jam' -q" \
  "$SDESK event raw --source bench --key disk --action trigger --severity critical --summary 'disk full'"
hyperfine --warmup 1 --runs 10 --export-json "$OUT/event-payload.json" --export-markdown "$OUT/event-payload.md" \
  "$SDESK event alertmanager --source bench-open $PAYLOAD" \
  "$SDESK event alertmanager --source bench-\$\$ $PAYLOAD"
