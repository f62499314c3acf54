#!/usr/bin/env bash
# The store is never damaged or misreported: init follows no symbolic link
# and checks before it changes a mode; only init turns a file into a store;
# init checks integrity; an unusable store is reported by its real cause.
. "$(dirname "$0")/lib.sh"

# sha256 of a file's bytes (a damaged or foreign file has no .dump).
file_digest() {
  sha256sum <"$1"
}

# mode, owner, group and bytes of a file, to show that nothing changed.
file_state() {
  printf '%s %s\n' "$(stat -c '%a %u:%g %h %F' "$1")" "$(file_digest "$1")"
}

# --- 1. init never follows a link, and checks before it changes anything ---
victim="$TEST_DIR/victim"
printf 'root:secret-hash:19000:0:99999:7:::\n' >"$victim"
chmod 600 "$victim"
before_victim=$(file_state "$victim")
srv="$TEST_DIR/srv/sdesk"
shared="$srv/desk.db"
sd 0 init "$shared" --shared

# The store replaced by a link to another file: refused, the target untouched.
mv "$shared" "$TEST_DIR/moved.db"
ln -s "$victim" "$shared"
sd 5 init "$shared" --shared
expect_error "'$shared' is a symbolic link" "init --shared on a linked store"
expect_eq "$(file_state "$victim")" "$before_victim" "link target after init --shared"
[ -L "$shared" ] || fail "the link itself was replaced"
if getent group nogroup >/dev/null && [ "$(id -u)" -eq 0 ]; then
  sd 5 init "$shared" --shared --group nogroup
  expect_error "symbolic link" "init --shared --group on a linked store"
  expect_eq "$(file_state "$victim")" "$before_victim" "link target after init --shared --group"
fi
# Without --shared too: init never follows the store's link.
sd 5 init "$shared"
expect_error "symbolic link" "init on a linked store"
expect_eq "$(file_state "$victim")" "$before_victim" "link target after init"

# A dangling link: init does not create its target.
ln -s "$TEST_DIR/planted.db" "$TEST_DIR/dangling.db"
sd 5 init "$TEST_DIR/dangling.db"
expect_error "symbolic link" "init on a dangling link"
[ ! -e "$TEST_DIR/planted.db" ] || fail "init created the target of a dangling link"

# A hard link to another file: refused (init --shared would change that file).
rm "$shared"
ln "$victim" "$shared"
sd 5 init "$shared" --shared
expect_error "hard links" "init --shared on a hard-linked store"
rm "$shared"
expect_eq "$(file_state "$victim")" "$before_victim" "hard-link target after init --shared"

# A link planted as the -wal or -shm file: refused, the target untouched.
mv "$TEST_DIR/moved.db" "$shared"
for suffix in wal shm; do
  ln -s "$victim" "$shared-$suffix"
  sd 5 init "$shared" --shared
  expect_error "'$shared-$suffix' is a symbolic link" "init --shared with a linked -$suffix"
  expect_eq "$(file_state "$victim")" "$before_victim" "-$suffix link target"
  rm "$shared-$suffix"
done
sd 0 init "$shared" --shared
expect_contains "$out" "checked shared store" "init --shared after the links are gone"

# The store's directory replaced by a link: its target keeps its mode.
mkdir -m 755 "$TEST_DIR/elsewhere"
ln -s "$TEST_DIR/elsewhere" "$TEST_DIR/linkdir"
sd 5 init "$TEST_DIR/linkdir/desk.db" --shared
expect_error "'$TEST_DIR/linkdir' is a symbolic link" "init --shared in a linked directory"
expect_eq "$(stat -c %a "$TEST_DIR/elsewhere")" "755" "linked directory's target mode"
[ ! -e "$TEST_DIR/elsewhere/desk.db" ] || fail "init --shared created a store through a linked directory"

# Every command: a store named through a link is refused (the link, not the
# store, may be what someone else planted); a link above it is followed.
sd 0 init "$DB"
sd 0 open "a ticket" -q
ln -s "$DB" "$TEST_DIR/alias.db"
before=$(store_digest)
out=$("$SDESK" --db "$TEST_DIR/alias.db" list 2>"$TEST_DIR/stderr"); rc=$?; err=$(cat "$TEST_DIR/stderr")
expect_eq "$rc" "5" "list through a linked store: exit"
expect_error "'$TEST_DIR/alias.db' is a symbolic link" "list through a linked store"
ln -s "$TEST_DIR" "$TEST_DIR/dirlink"
out=$("$SDESK" --db "$TEST_DIR/dirlink/desk.db" list -q 2>&1); rc=$?
expect_eq "$rc:$out" "0:1" "a store under a linked directory"
expect_eq "$(store_digest)" "$before" "store after the link refusals"

# --- 2. Only init turns a file into a store -------------------------------
: >"$TEST_DIR/empty.db"
for args in "list" "open x -q" "show 1"; do
  # shellcheck disable=SC2086
  out=$("$SDESK" --db "$TEST_DIR/empty.db" $args 2>"$TEST_DIR/stderr"); rc=$?; err=$(cat "$TEST_DIR/stderr")
  expect_eq "$rc" "5" "$args on an empty file: exit"
  expect_error "'$TEST_DIR/empty.db' is empty, not an sdesk store (create one with 'sdesk init')" "$args on an empty file"
  expect_eq "$(stat -c %s "$TEST_DIR/empty.db")" "0" "$args left the empty file empty"
done
[ ! -e "$TEST_DIR/empty.db-wal" ] || fail "a -wal file was created next to an empty file"
printf 'hello, I am a text file, long enough to look like a header to SQLite........\n' >"$TEST_DIR/text.db"
text_before=$(file_digest "$TEST_DIR/text.db")
for args in "list" "init $TEST_DIR/text.db"; do
  # shellcheck disable=SC2086
  out=$("$SDESK" --db "$TEST_DIR/text.db" $args 2>"$TEST_DIR/stderr"); rc=$?; err=$(cat "$TEST_DIR/stderr")
  expect_eq "$rc" "5" "$args on a text file: exit"
  expect_error "not an sdesk store" "$args on a text file"
  expect_eq "$(file_digest "$TEST_DIR/text.db")" "$text_before" "$args left the text file unchanged"
done
sqlite3 "$TEST_DIR/foreign.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
foreign_before=$(sqlite3 "$TEST_DIR/foreign.db" .dump | sha256sum)
for args in "list" "init $TEST_DIR/foreign.db" "init $TEST_DIR/foreign.db --shared"; do
  # shellcheck disable=SC2086
  out=$("$SDESK" --db "$TEST_DIR/foreign.db" $args 2>"$TEST_DIR/stderr"); rc=$?; err=$(cat "$TEST_DIR/stderr")
  expect_eq "$rc" "5" "$args on a foreign database: exit"
  expect_error "not an sdesk store; refusing to touch it" "$args on a foreign database"
  expect_eq "$(sqlite3 "$TEST_DIR/foreign.db" .dump | sha256sum)" "$foreign_before" "$args left the foreign database unchanged"
done
expect_eq "$(stat -c %a "$TEST_DIR/foreign.db")" "644" "init --shared left the foreign database's mode"
expect_eq "$(stat -c %a "$TEST_DIR")" "700" "init --shared left the foreign database's directory"
# init, and only init, makes a store of an empty file (as from mktemp).
sd 0 init "$TEST_DIR/empty.db"
expect_contains "$out" "created store at $TEST_DIR/empty.db" "init on an empty file"
out=$("$SDESK" --db "$TEST_DIR/empty.db" list -q 2>&1); rc=$?
expect_eq "$rc:$out" "0:" "the initialised empty file is a store"

# --- 3. init checks the integrity of an existing store --------------------
big="$TEST_DIR/big.db"
sd 0 init "$big"
sqlite3 "$big" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO ticket (kind, title, description, status, impact, urgency, priority, created_at, updated_at)
  SELECT 'incident', 'ticket ' || i, printf('%.200c', 'd'), 'new', 2, 2, 3, i, i FROM n"
size=$(stat -c %s "$big")
[ "$size" -gt 65536 ] || fail "the store for the integrity test is too small ($size bytes)"
printf 'x%.0s' $(seq 8192) | dd of="$big" bs=4096 seek=$((size / 4096 / 2)) conv=notrunc status=none
big_before=$(file_digest "$big")
sd 5 init "$big"
expect_error "store '$big' is damaged" "init on a damaged store"
expect_contains "$err" "restore it from a backup" "init on a damaged store: what to do"
expect_eq "$(file_digest "$big")" "$big_before" "init left the damaged store as it was"
sd 0 init "$DB"
expect_contains "$out" "checked store at $DB" "init on a sound store"

# --- 4. Permission problems name the file ---------------------------------
missing="$TEST_DIR/nowhere/desk.db"
sd 5 --db "$missing" list
expect_error "cannot open store '$missing': it does not exist (create one with 'sdesk init')" "missing store"

# A -wal planted as a link: SQLite refuses it, and sdesk says why.
ln -s "$victim" "$DB-wal"
sd 5 list
expect_error "'$DB-wal' is a symbolic link" "list with a linked -wal"
rm "$DB-wal"
expect_eq "$(file_state "$victim")" "$before_victim" "-wal link target after list"

# Root passes every permission check: run sdesk as an unprivileged user.
unpriv=()
if [ "$(id -u)" -ne 0 ]; then
  unpriv=(env)
elif command -v setpriv >/dev/null; then
  unpriv=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "${#unpriv[@]}" -gt 0 ] && ! "${unpriv[@]}" "$SDESK" --version >/dev/null 2>&1; then
  unpriv=() # the binary is not reachable for that user (a private build directory)
fi
if [ "${#unpriv[@]}" -eq 0 ]; then
  echo "NOTICE: no way to run sdesk as an unprivileged user (setpriv); permission tests skipped"
else
  perm="$TEST_DIR/perm"
  mkdir "$perm"
  chmod 755 "$TEST_DIR"
  "$SDESK" init "$perm/desk.db" >/dev/null
  "$SDESK" --db "$perm/desk.db" open "a ticket" -q >/dev/null
  owner=$(id -u)
  [ "$owner" -eq 0 ] && chown -R 65534:65534 "$perm"
  # usd EXPECTED_EXIT ARGS...: sd as the unprivileged user, on the perm store.
  usd() {
    local expected=$1
    shift
    out=$(cd "$perm" && HOME="$perm" XDG_CONFIG_HOME="$perm" "${unpriv[@]}" "$SDESK" --db "$perm/desk.db" "$@" 2>"$perm/stderr")
    rc=$?
    err=$(cat "$perm/stderr")
    rm -f "$perm/stderr"
    [ "$rc" -eq "$expected" ] || fail "sdesk $* (unprivileged) exited $rc, expected $expected; stderr: $err"
  }
  usd 0 list -q
  expect_eq "$out" "1" "the unprivileged user reads the store"
  perm_before=$(file_digest "$perm/desk.db")

  chmod 000 "$perm/desk.db"
  usd 5 list
  expect_error "cannot open store '$perm/desk.db': permission denied: '$perm/desk.db'" "unreadable store"
  chmod 444 "$perm/desk.db"
  usd 5 open "another" -q
  expect_error "permission denied: '$perm/desk.db'" "read-only store"
  chmod 600 "$perm/desk.db"

  # -wal and -shm left read-only (chmod 444) while another process holds
  # the store open, so that they stay: reading still works, writing fails.
  # They must belong to another user: SQLite restores the mode of an empty
  # -wal it owns. So this part needs root.
  if [ "$owner" -ne 0 ]; then
    echo "NOTICE: not root: the read-only -wal/-shm test is skipped"
  else
    mkfifo "$TEST_DIR/hold.fifo"
    "${unpriv[@]}" sqlite3 "$perm/desk.db" <"$TEST_DIR/hold.fifo" >/dev/null 2>&1 &
    holder=$!
    exec 4>"$TEST_DIR/hold.fifo"
    echo "SELECT count(*) FROM ticket;" >&4
    for _ in $(seq 50); do
      [ -e "$perm/desk.db-shm" ] && break
      sleep 0.1
    done
    chown 0:0 "$perm/desk.db-wal" "$perm/desk.db-shm"
    chmod 444 "$perm/desk.db-wal" "$perm/desk.db-shm"
    usd 5 open "another" -q
    expect_error "permission denied: '$perm/desk.db-wal'" "read-only -wal"
    chmod 666 "$perm/desk.db-wal"
    usd 5 open "another" -q
    expect_error "permission denied: '$perm/desk.db-shm'" "read-only -shm"
    chmod 666 "$perm/desk.db-shm"
    exec 4>&-
    wait "$holder"
    # The sqlite3 shell leaves them behind; the WAL is empty (it only read).
    [ ! -s "$perm/desk.db-wal" ] || fail "the holder left a non-empty WAL"
    rm -f "$perm/desk.db-wal" "$perm/desk.db-shm"
  fi

  # The directory: SQLite creates -wal and -shm next to the store.
  chmod 555 "$perm"
  usd 5 list
  expect_error "permission denied: directory '$perm'" "read-only store directory"
  chmod 755 "$perm"
  usd 0 list -q
  expect_eq "$out" "1" "the store works again once the modes are right"
  expect_eq "$(file_digest "$perm/desk.db")" "$perm_before" "the permission failures changed nothing"
fi
finish
