#!/usr/bin/env bash
# Concurrent writers: nothing fails, nothing is lost; writers wait in a
# queue (the kernel lock on desk.db.lock) that readers never join. Speed
# under load is measured by bench/load.sh, not here.
. "$(dirname "$0")/lib.sh"

command -v flock >/dev/null || { echo "flock missing: skipped" >&2; exit 125; }
umask 077
sd 0 init
sd 0 open "before the load" -q

# 16 writers x 20 opens at once: every command succeeds, every ticket is
# stored exactly once.
writers=16
opens=20
mkdir "$TEST_DIR/load"
for w in $(seq 1 "$writers"); do
  (
    for i in $(seq 1 "$opens"); do
      "$SDESK" --db "$DB" open -q "load $w-$i" >/dev/null 2>>"$TEST_DIR/load/stderr-$w"
      echo "$?" >>"$TEST_DIR/load/exit-$w"
    done
  ) &
done
wait
codes=$(cat "$TEST_DIR"/load/exit-* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')
expect_eq "$codes" "0x$((writers * opens)) " "exit codes of $((writers * opens)) concurrent opens"
expect_eq "$(cat "$TEST_DIR"/load/stderr-*)" "" "stderr of the concurrent opens"
expect_eq "$(sqlite3 "$DB" "SELECT count(*), count(DISTINCT title) FROM ticket WHERE title LIKE 'load %'")" \
  "$((writers * opens))|$((writers * opens))" "tickets stored by the concurrent opens"
expect_eq "$(sqlite3 "$DB" "PRAGMA integrity_check")" "ok" "integrity after the load"

# The queue's lock file: next to the store, with the store's mode whatever
# the umask.
lock="$DB.lock"
[ -f "$lock" ] && [ ! -L "$lock" ] || fail "no lock file $lock after writing"
expect_eq "$(stat -c %a "$lock")" "$(stat -c %a "$DB")" "lock file mode (umask 077)"


# A writer that holds the queue past store.busy_timeout: another writer
# gives up with exit 5 and one clear line, changing nothing; readers do not
# queue.
printf '[store]\nbusy_timeout = "1s"\n' >"$TEST_DIR/fast.toml"
fifo="$TEST_DIR/hold"
mkfifo "$fifo"
flock -o "$lock" cat "$fifo" >/dev/null &
holder=$!
exec 3>"$fifo"
for _ in $(seq 1 50); do
  flock -n "$lock" true || break
  sleep 0.1
done
before=$(store_digest)
sd 5 --config "$TEST_DIR/fast.toml" open "queued too long"
expect_error "is locked by another process; gave up waiting after 1000 ms (store.busy_timeout)" \
  "writer behind a held queue"
[ "$(store_digest)" = "$before" ] || fail "the writer that gave up changed the store"
sd 0 --config "$TEST_DIR/fast.toml" list --json
expect_eq "$(printf '%s' "$out" | jq length)" "$((writers * opens + 1))" "a reader while the queue is held"
sd 0 --config "$TEST_DIR/fast.toml" show 1 --json
# With store.busy_timeout = "0s" a writer gives up at once.
printf '[store]\nbusy_timeout = "0s"\n' >"$TEST_DIR/now.toml"
sd 5 --config "$TEST_DIR/now.toml" open "no waiting"
expect_error "gave up waiting after 0 ms" "zero busy_timeout"

# A holder that dies (kill -9) leaves no lock behind.
kill -9 "$holder"
exec 3>&-
wait "$holder" 2>/dev/null
sd 0 --config "$TEST_DIR/fast.toml" open "after the holder died" -q
expect_eq "$out" "$((writers * opens + 2))" "open after the holder was killed"

# A symbolic link in the lock file's place is never followed: writers go
# without the queue, and the link's target is neither created nor changed.
store2="$TEST_DIR/linked/desk.db"
mkdir "$TEST_DIR/linked"
"$SDESK" --db "$store2" init >/dev/null
ln -s "$TEST_DIR/target" "$store2.lock"
"$SDESK" --db "$store2" open -q "through a linked lock" >/dev/null || fail "open beside a linked lock file"
[ ! -e "$TEST_DIR/target" ] || fail "the lock file's symbolic link was followed"
echo "secret" >"$TEST_DIR/target"
chmod 600 "$TEST_DIR/target"
"$SDESK" --db "$store2" open -q "again" >/dev/null || fail "open beside a linked lock file (existing)"
expect_eq "$(cat "$TEST_DIR/target") $(stat -c %a "$TEST_DIR/target")" "secret 600" "link target unchanged"

finish
