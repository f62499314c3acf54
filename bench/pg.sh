#!/usr/bin/env bash
# Benchmarks sdesk on a PostgreSQL store over loopback (issue 10, "Speed"),
# next to the same commands on SQLite; see bench/README.md. Not a test.
#
#   bench/pg.sh [BUILD_DIR]
#
# Starts a throw-away PostgreSQL server (initdb and pg_ctl, as
# tests/support/pg-server does, but listening on 127.0.0.1 so that every
# command pays a TCP connection over loopback), and stops it at the end. Its
# cluster is kept in $PG_BENCH_DIR (default BUILD_DIR/bench/pg-cluster) so
# that the 1M-ticket store is generated once (niced) and reused; likewise
# the SQLite store ($SQLITE_STORE, default BUILD_DIR/bench/report-<N>.db,
# bench/report.sh's). Both come from sdesk_bench_gen with the same seed, so
# they hold the same tickets (checked: the reports must be identical).
# Then, each pair of commands timed alternately by sdesk_bench_alternate
# (medians, ratio to the second), so that a noisy machine slows both alike:
#   1. `open` against sdesk_bench_pg_floor (connect, insert one row in a
#      transaction, exit; target: within 1.5x), as an agent (no --as) and
#      as a gateway (--as);
#   2. `show` and `list --open --limit 50`, PostgreSQL against SQLite;
#   3. the month and year reports at 1M tickets, PostgreSQL against SQLite
#      (target: within 2x);
#   4. WRITERS concurrent writers x OPENS `open` each on a fresh store, with
#      sdesk_bench_load: PostgreSQL, then SQLite.
#
# Environment: TICKETS (1000000), ROUNDS (31), WRITERS (16), OPENS (100),
# PG_BENCH_PORT (54329), PG_BINDIR (else the newest /usr/lib/postgresql/*).
set -euo pipefail

build=$(realpath "${1:-build}")
sdesk=$build/sdesk
gen=$build/bench/sdesk_bench_gen
floor=$build/bench/sdesk_bench_pg_floor
alternate=$build/bench/sdesk_bench_alternate
load=$build/bench/sdesk_bench_load
tickets=${TICKETS:-1000000}
rounds=${ROUNDS:-31}
writers=${WRITERS:-16}
opens=${OPENS:-100}
port=${PG_BENCH_PORT:-54329}
dir=${PG_BENCH_DIR:-$build/bench/pg-cluster}
sqlite_store=${SQLITE_STORE:-$build/bench/report-$tickets.db}
for tool in "$sdesk" "$gen" "$floor" "$alternate" "$load"; do
  [[ -x $tool ]] || { echo "pg.sh: build $tool first (ninja -C $build)" >&2; exit 2; }
done
bindir=""
for candidate in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin \
  "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"; do
  if [[ -n $candidate && -x $candidate/initdb ]]; then
    bindir=$candidate
    break
  fi
done
[[ -n $bindir ]] || { echo "pg.sh: no PostgreSQL server binaries (install postgresql)" >&2; exit 2; }

# As root the cluster belongs to `postgres` (initdb refuses root).
as=()
if [[ $(id -u) -eq 0 ]]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
  as=(setpriv --reuid="$owner" --regid="$(id -g "$owner")" --clear-groups --)
fi
if [[ ! -d $dir/data ]]; then
  mkdir -p "$dir"
  chmod 0700 "$dir"
  [[ ${#as[@]} -eq 0 ]] || chown "$owner" "$dir"
  (cd "$dir" && "${as[@]}" "$bindir/initdb" -D "$dir/data" -U sdesk --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log")
fi
# A server with the default durability (fsync on): every commit waits for
# its WAL write, as on a real server. TCP on 127.0.0.1 only.
(cd "$dir" && "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100" start >/dev/null)
stop() {
  (cd "$dir" && "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1) || true
  rm -rf "$work"
}
work=$(mktemp -d)
trap stop EXIT
trap 'exit 130' INT TERM
unset PGHOST PGPORT PGDATABASE PGUSER PGSERVICE PGOPTIONS
server=postgresql://sdesk@127.0.0.1:$port
psql=("$bindir/psql" -q -X -h 127.0.0.1 -p "$port" -U sdesk)
has_db() { [[ $("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]; }

# No user or system configuration; the clock just after the generated period.
export HOME=$work XDG_CONFIG_HOME=$work/config SDESK_SYSTEM_CONFIG=$work/none.toml
export TZ=UTC LC_ALL=C SDESK_USER=bench SDESK_NOW=2026-11-01T00:00:00Z
unset SDESK_DB SDESK_CONFIG

# --- The stores, generated once ------------------------------------------------
big=bench$tickets
pg_store=$server/$big
if ! has_db "$big"; then
  echo "== generating $tickets tickets into $pg_store (once; niced)"
  "${psql[@]}" -d postgres -c "CREATE DATABASE $big"
  if ! nice -n 10 "$gen" --tickets "$tickets" --years 3 --seed 1 "$pg_store"; then
    "${psql[@]}" -d postgres -c "DROP DATABASE $big"
    exit 1
  fi
  # The generator's load leaves dead versions of the ticket rows behind
  # (bench/README.md): compact them, then set the visibility map and the
  # statistics, as an administrator would after a bulk load.
  "${psql[@]}" -d "$big" -c "VACUUM FULL ticket" -c "VACUUM ANALYZE"
fi
if [[ ! -f $sqlite_store ]]; then
  echo "== generating $tickets tickets into $sqlite_store (once; niced)"
  nice -n 10 "$gen" --tickets "$tickets" --years 3 --seed 1 "$sqlite_store"
fi
has_db floor || "${psql[@]}" -d postgres -c "CREATE DATABASE floor"
"$floor" --create "$server/floor"

echo "# sdesk on PostgreSQL, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $("$bindir/postgres" --version), over 127.0.0.1:$port; SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
echo "- $tickets tickets: $("$sdesk" --db "$pg_store" list --limit 1 --sort -id -q) in PostgreSQL, $("$sdesk" --db "$sqlite_store" list --limit 1 --sort -id -q) in SQLite; $rounds rounds each"
echo

# --- 2, 3. Reads: PostgreSQL against SQLite ----------------------------------------
show_id=$((tickets / 2))
month=(report --month 2025-10 --by priority)
year=(report --year 2025 --by priority --format json)
for args in "show $show_id" "list --open --limit 50" "${month[*]}" "${year[*]}"; do
  read -r -a words <<<"$args"
  "$sdesk" --db "$pg_store" "${words[@]}" >"$work/pg.out"
  "$sdesk" --db "$sqlite_store" "${words[@]}" >"$work/sqlite.out"
  cmp -s "$work/pg.out" "$work/sqlite.out" || echo "WARNING: '$args' differs between the stores"
  echo "## $args (PostgreSQL, then SQLite)"
  "$alternate" "$rounds" "$sdesk" --db "$pg_store" "${words[@]}" -- "$sdesk" --db "$sqlite_store" "${words[@]}"
done

# --- 1. open against the C floor (writes to the big store: last of the reads) --------
# An agent connects as their own role and names no one (the role is the
# actor); a gateway's role acts for others and names the actor (--as), which
# costs the server one look at the role's memberships (about 1 ms on a new
# connection).
echo "## open on the $tickets-ticket store against the libpq floor: as an agent (the role acts)"
(unset SDESK_USER
 "$alternate" "$rounds" "$sdesk" --db "$pg_store" open -q "Printer on floor 3 not working" \
   --category printer -- "$floor" "$server/floor")
echo "## the same as a gateway (--as bench)"
"$alternate" "$rounds" "$sdesk" --db "$pg_store" --as bench open -q "Printer on floor 3 not working" \
  --category printer -- "$floor" "$server/floor"
echo "## sdesk --version (start-up alone)"
"$alternate" "$rounds" "$sdesk" --version -- "$floor" "$server/floor"

# --- 4. Concurrent writers ------------------------------------------------------------------
unset SDESK_NOW
echo "## $writers writers x $opens open, fresh stores"
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS concurrent" -c "CREATE DATABASE concurrent"
"$sdesk" init "$server/concurrent" >/dev/null
echo "PostgreSQL:"
"$load" "$writers" "$opens" "$sdesk" --db "$server/concurrent" open -q "load w{w} n{i}"
echo "  stored: $("$sdesk" --db "$server/concurrent" list --limit $((writers * opens + 1)) -q | wc -l)"
"$sdesk" init "$work/concurrent.db" >/dev/null
echo "SQLite:"
"$load" "$writers" "$opens" "$sdesk" --db "$work/concurrent.db" open -q "load w{w} n{i}"
echo "  stored: $("$sdesk" --db "$work/concurrent.db" list --limit $((writers * opens + 1)) -q | wc -l)"
