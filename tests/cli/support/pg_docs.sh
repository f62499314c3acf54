# Sourced (after lib.sh) by the tests that set a server up as
# docs/postgresql.md says (postgresql_setup.sh, postgresql_restricted.sh):
# skips (125) without the PostgreSQL client programs named in PG_TOOLS
# (default psql) or when SDESK_TEST_PG_URI is not pg-server's; then gives
# $page, $bindir, $PG and the functions block, uri and as.

src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
page=$src/docs/postgresql.md
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
for tool in ${PG_TOOLS:-psql}; do
  [ -x "$bindir/$tool" ] || { echo "no $tool: skipped" >&2; exit 125; }
done
PG=$SDESK_TEST_PG_URI
case "$PG" in
  *"/sdesk?"*user=sdesk*) ;;
  *) echo "SDESK_TEST_PG_URI is not pg-server's: skipped" >&2; exit 125 ;;
esac

# block LINE: the code block of docs/postgresql.md that holds the line LINE.
block() {
  awk -v first="$1" '
    /^```/ { if (found) exit; n = 0; delete lines; next }
    { lines[++n] = $0; if ($0 == first) found = 1 }
    found && !printed { for (i = 1; i <= n; i++) print lines[i]; printed = 1; next }
    printed { print }' "$page"
}

# uri DATABASE ROLE: the test server's DATABASE, connecting as ROLE.
uri() {
  local u=${PG/\/sdesk\?//$1?}
  printf '%s' "${u/user=sdesk/user=$2}"
}

# as ROLE DATABASE psql-ARGS...
as() {
  local role=$1 db=$2
  shift 2
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$(uri "$db" "$role")" "$@"
}
