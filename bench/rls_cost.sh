#!/usr/bin/env bash
# Cost of the row-level security of migration 18 (docs/postgresql.md,
# "Restricted tickets"): the same commands on a 3,000-ticket store as the
# superuser (not subject to the policies) and as a plain agent role
# (subject to them); median wall time of 15 runs each, in microseconds.
#
#   tests/support/pg-server bash bench/rls_cost.sh     (SDESK: the binary; default build/sdesk)
set -u
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  echo "run it under tests/support/pg-server" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
S=${SDESK:-build/sdesk}
PG=$SDESK_TEST_PG_URI
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export SDESK_NOW=2026-12-01T00:00:00Z TZ=UTC HOME="$work" SDESK_SYSTEM_CONFIG="$work/none.toml"
unset SDESK_USER
"$bindir/psql" -X -q "$PG" -c "CREATE ROLE agent LOGIN; GRANT ALL ON SCHEMA public TO agent;"
$S --db "$PG" init "$PG" >/dev/null
for i in $(seq 1 3000); do
  printf '{"title":"t%d","created":"2026-%02d-1%dT08:00:00Z","status":"resolved","resolved":"2026-%02d-1%dT10:00:00Z","events":[{"at":"2026-%02d-1%dT09:00:00Z","actor":"x","action":"comment","note":"c"}]}\n' $i $((i%10+1)) $((i%9)) $((i%10+1)) $((i%9)) $((i%10+1)) $((i%9))
done > "$work/in.jsonl"
$S --db "$PG" import "$work/in.jsonl" >/dev/null || echo import failed
"$bindir/psql" -X -q "$PG" -c "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO agent;"
AG=${PG/user=sdesk/user=agent}
t() { # URI ARGS: median wall ms of 15 runs
  local uri=$1; shift
  for r in $(seq 15); do
    s=$(date +%s%N); $S --db "$uri" "$@" >/dev/null || echo "fail $*" >&2; e=$(date +%s%N); echo $(( (e-s)/1000 ))
  done | sort -n | sed -n 8p
}
for cmd in "show 1" "list --open --limit 50" "list --limit 50" "report --year 2026 --format json" "verify"; do
  echo "$cmd: superuser $(t "$PG" $cmd) us, agent $(t "$AG" $cmd) us"
done
