#!/usr/bin/env bash
# Where the store is, how it is created, and file modes.
. "$(dirname "$0")/lib.sh"

# The default location is created on first use, private to the user.
out=$("$SDESK" open "First ticket" -q 2>&1)
expect_eq "$out" "1" "open on a fresh machine"
default="$XDG_DATA_HOME/sdesk/desk.db"
[ -f "$default" ] || fail "default store not created at $default"
expect_eq "$(stat -c %a "$default")" "600" "default store file mode"
expect_eq "$(stat -c %a "$(dirname "$default")")" "700" "default store directory mode"
expect_eq "$(sqlite3 "$default" 'PRAGMA journal_mode')" "wal" "WAL mode"

# Precedence: --db over SDESK_DB over store.path over the default.
sd 0 init "$DB"
sd 0 open "in explicit store" -q
mkdir -p "$XDG_CONFIG_HOME/sdesk"
"$SDESK" init "$TEST_DIR/configured.db" >/dev/null
printf '[store]\npath = "%s"\n' "$TEST_DIR/configured.db" >"$XDG_CONFIG_HOME/sdesk/config.toml"
"$SDESK" open "in configured store" -q >/dev/null
expect_eq "$(sqlite3 "$TEST_DIR/configured.db" 'SELECT title FROM ticket')" "in configured store" "store.path"
"$SDESK" init "$TEST_DIR/env.db" >/dev/null
SDESK_DB="$TEST_DIR/env.db" "$SDESK" open "in env store" -q >/dev/null
expect_eq "$(sqlite3 "$TEST_DIR/env.db" 'SELECT title FROM ticket')" "in env store" "SDESK_DB over store.path"
SDESK_DB="$TEST_DIR/env.db" "$SDESK" --db "$DB" open "flag wins" -q >/dev/null
expect_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM ticket')" "2" "--db over SDESK_DB"
expect_eq "$(sqlite3 "$TEST_DIR/env.db" 'SELECT count(*) FROM ticket')" "1" "SDESK_DB untouched"
rm "$XDG_CONFIG_HOME/sdesk/config.toml"

# init is idempotent and says so; --json for scripts.
sd 0 init "$DB" --json
expect_eq "$(jq -r '.created, .schema_version' <<<"$out" | paste -sd' ')" "false 22" "init again"

# A shared store: setgid group-writable directory, group-writable files,
# including the WAL files SQLite creates while it is in use.
shared="$TEST_DIR/srv/sdesk/desk.db"
sd 0 init "$shared" --shared
expect_eq "$(stat -c %a "$shared")" "660" "shared store file mode"
expect_eq "$(stat -c %a "$(dirname "$shared")")" "2770" "shared store directory mode"
(umask 077 && "$SDESK" --db "$shared" open "under a strict umask" -q >/dev/null)
exec 3< <(sqlite3 "$shared" "BEGIN; SELECT count(*) FROM ticket;" ".shell sleep 1" 2>/dev/null)
sleep 0.3
if [ -f "$shared-wal" ]; then
  expect_eq "$(stat -c %a "$shared-wal")" "660" "WAL file mode under umask 077"
fi
exec 3<&-
if getent group nogroup >/dev/null && [ "$(id -u)" -eq 0 ]; then
  sd 0 init "$TEST_DIR/grp/desk.db" --shared --group nogroup
  expect_eq "$(stat -c %G "$TEST_DIR/grp/desk.db")" "nogroup" "--group sets the file group"
  expect_eq "$(stat -c %G "$TEST_DIR/grp")" "nogroup" "--group sets the directory group"
fi
sd 2 init "$TEST_DIR/x/desk.db" --shared --group no-such-group-here
expect_error "--group: no such group 'no-such-group-here'" "unknown group"
sd 2 init "$TEST_DIR/y/desk.db" --group nogroup
expect_error "--group: only for a shared store (add --shared)" "--group without --shared"
mkdir -p "$TEST_DIR/open" && chmod 1777 "$TEST_DIR/open"
sd 2 init "$TEST_DIR/open/desk.db" --shared
expect_error "refusing to share a store in the world-writable directory" "shared store in /tmp-like dir"
expect_eq "$(stat -c %a "$TEST_DIR/open")" "1777" "world-writable directory left alone"
deep="$TEST_DIR/a/b/c/desk.db"
sd 0 init "$deep" --shared
expect_eq "$(stat -c %a "$TEST_DIR/a/b")" "755" "missing parents of a shared store"
expect_eq "$(stat -c %a "$TEST_DIR/a/b/c")" "2770" "the shared store's own directory"
finish
