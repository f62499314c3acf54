# Sourced by every tests/cli/*.sh: an isolated world for one test script, and
# small assertions. $SDESK is the binary under test (set by ctest).
set -u

if [ -z "${SDESK:-}" ] || [ ! -x "$SDESK" ]; then
  echo "SDESK must name the sdesk binary" >&2
  exit 1
fi
command -v jq >/dev/null || { echo "jq missing: skipped" >&2; exit 125; }

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sdesk-cli.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
export HOME="$TEST_DIR/home" XDG_CONFIG_HOME="$TEST_DIR/home/.config" XDG_DATA_HOME="$TEST_DIR/home/.local/share"
export TZ=UTC SDESK_USER=agent SDESK_NOW=2026-11-02T09:00:00Z SDESK_SYSTEM_CONFIG="$TEST_DIR/none.toml"
unset SDESK_DB SDESK_CONFIG NO_COLOR
mkdir -p "$HOME"
cd "$TEST_DIR" || exit 1
DB="$TEST_DIR/desk.db"
FAILURES=0

fail() {
  echo "FAIL: $*" >&2
  FAILURES=$((FAILURES + 1))
}

# sd EXPECTED_EXIT ARGS...: runs sdesk on $DB; sets $out, $err and $rc.
sd() {
  local expected=$1
  shift
  out=$("$SDESK" --db "$DB" "$@" 2>"$TEST_DIR/stderr")
  rc=$?
  err=$(cat "$TEST_DIR/stderr")
  if [ "$rc" -ne "$expected" ]; then
    fail "sdesk $* exited $rc, expected $expected; stderr: $err"
  fi
  if [ "$rc" -gt 128 ]; then
    fail "sdesk $* crashed (exit $rc)"
  fi
  return 0
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
  [ "$1" = "$2" ] || fail "$3: got [$1], expected [$2]"
}

# expect_contains TEXT FRAGMENT WHAT
expect_contains() {
  case "$1" in
    *"$2"*) ;;
    *) fail "$3: [$1] does not contain [$2]" ;;
  esac
}

# expect_error FRAGMENT WHAT: the last command printed one line on stderr,
# in the 'sdesk: error: ' form, containing FRAGMENT; nothing on stdout.
expect_error() {
  expect_contains "$err" "sdesk: error: " "$2 (error prefix)"
  expect_contains "$err" "$1" "$2"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "$2: error is not one line: [$err]"
  [ -z "$out" ] || fail "$2: stdout not empty on error: [$out]"
}

# A digest of the whole store, to show a failed command changed nothing.
store_digest() {
  sqlite3 "$DB" .dump | sha256sum
}

finish() {
  if [ "$FAILURES" -gt 0 ]; then
    echo "$FAILURES failure(s)" >&2
    exit 1
  fi
  echo "ok"
  exit 0
}
