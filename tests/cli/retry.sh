#!/bin/bash
# A script can retry safely (issue 7, section 2): `open --ref` is idempotent,
# also under concurrency; a command whose change committed but whose output
# was lost says what it committed; read errors on standard input are errors.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"

# count_tickets: how many tickets the store holds.
count_tickets() {
  "$SDESK" --db "$DB" list -q | wc -l | tr -d ' '
}

# --- open --ref: the first call creates, a repeat prints the same ticket ----
sd 0 open 'Disk full on db1' --ref nagios-db1-disk -i high
expect_eq "$out" "opened ticket 1 (incident, P2, group service-desk)" "open --ref creates"
sd 0 open 'Disk full on db1' --ref nagios-db1-disk --json
expect_eq "$(jq -r '.existed' <<<"$out")" "true" "repeat --json: existed"
expect_eq "$(jq -r '.id' <<<"$out")" "1" "repeat --json: the same id"
expect_eq "$(jq -r '.ref' <<<"$out")" "nagios-db1-disk" "repeat --json: the ref"
before=$(store_digest)
sd 0 open 'Disk full on db1, again' --ref nagios-db1-disk -i low -t other -q
expect_eq "$out" "1" "repeat -q prints the existing id"
[ -z "$err" ] || fail "repeat -q: stderr not empty: [$err]"
sd 0 open 'Disk full on db1' --ref nagios-db1-disk
expect_contains "$out" "ticket 1 already exists for ref 'nagios-db1-disk'" "repeat text names the ticket"
expect_contains "$out" "P2" "repeat text shows the existing priority"
expect_eq "$(store_digest)" "$before" "a repeated open --ref changes nothing"
expect_eq "$(count_tickets)" "1" "one ticket after repeats"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket.title' <<<"$out")" "Disk full on db1" "the existing title is kept"
expect_eq "$(jq -r '.ticket.priority' <<<"$out")" "P2" "the existing priority is kept"

# A new ticket with --ref says existed: false; without --ref too.
sd 0 open 'Printer offline' --ref nagios-printer --json
expect_eq "$(jq -r '.existed' <<<"$out")" "false" "new --json: existed false"
expect_eq "$(jq -r '.id' <<<"$out")" "2" "new --json: a new id"
sd 0 open 'No ref' --json
expect_eq "$(jq -r '.existed' <<<"$out")" "false" "open --json without --ref: existed false"
expect_eq "$(jq -r '.ref' <<<"$out")" "null" "open without --ref: ref null"

# A closed ticket keeps its ref: a repeat prints it and opens nothing.
sd 0 resolve 2 --code fixed
sd 0 close 2
sd 0 open 'Printer offline' --ref nagios-printer -q
expect_eq "$out" "2" "repeat on a closed ticket prints it"
expect_eq "$(count_tickets)" "3" "nothing opened for a closed ticket's ref"

# --- Bad refs: exit 2, nothing stored -----------------------------------------
before=$(store_digest)
sd 2 open 'x' --ref ''
expect_error "--ref" "empty ref"
sd 2 open 'x' --ref "$(printf 'a\nb')"
expect_error "--ref" "multi-line ref"
sd 2 open 'x' --ref "$(printf '%0300d' 0)"
expect_error "--ref" "ref too long"
sd 0 open 'x' --ref "$(printf '%0255d' 0)" -q
expect_eq "$out" "4" "a 255-byte ref is accepted"
sd 0 list --ref "$(printf '%0255d' 0)" -q
expect_eq "$out" "4" "list finds the 255-byte ref"

# --- list --ref and show --ref ------------------------------------------------
sd 0 list --ref nagios-db1-disk -q
expect_eq "$out" "1" "list --ref finds the ticket"
sd 0 list --ref nagios-db1-disk --ref nagios-printer -q
expect_eq "$(tr '\n' ' ' <<<"$out")" "1 2 " "list --ref, repeated: either"
sd 0 list --ref no-such-ref -q
expect_eq "$out" "" "list --ref: nothing matched"
sd 0 show --ref nagios-db1-disk
expect_contains "$out" "#1 Disk full on db1" "show --ref shows the ticket"
sd 0 show --ref nagios-printer --json
expect_eq "$(jq -r '.ticket.id' <<<"$out")" "2" "show --ref --json"
sd 3 show --ref no-such-ref
expect_error "no-such-ref" "show --ref: unknown ref"
sd 2 show 1 --ref nagios-db1-disk
expect_error "--ref" "show: both an id and --ref"
sd 2 show
expect_error "ID" "show: neither an id nor --ref"

# --- Four to eight monitoring scripts open the same ref at once: one ticket --
for round in 1 2 3; do
  ref="race-$round"
  pids=()
  for i in 1 2 3 4 5 6 7 8; do
    "$SDESK" --db "$DB" open "Alert $round from script $i" --ref "$ref" -q \
      >"$TEST_DIR/race.$i.out" 2>"$TEST_DIR/race.$i.err" &
    pids+=($!)
  done
  for i in 1 2 3 4 5 6 7 8; do
    wait "${pids[$((i - 1))]}"
    code=$?
    expect_eq "$code" "0" "race $round: script $i exit code ($(cat "$TEST_DIR/race.$i.err"))"
  done
  ids=$(cat "$TEST_DIR"/race.*.out | sort -u)
  expect_eq "$(wc -l <<<"$ids" | tr -d ' ')" "1" "race $round: every script got the same id [$ids]"
  sd 0 list --ref "$ref" -q
  expect_eq "$out" "$ids" "race $round: exactly one ticket with the ref"
done

# --- The change committed, the output did not: say what committed -----------
if [ -w /dev/full ]; then
  tickets=$(count_tickets)
  "$SDESK" --db "$DB" open 'Lost output' -q >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  full_err=$(cat "$TEST_DIR/full.err")
  expect_eq "$rc" "74" "open > /dev/full: exit code"
  expect_eq "$(count_tickets)" "$((tickets + 1))" "open > /dev/full: the ticket was created"
  id=$("$SDESK" --db "$DB" list -q | tail -n 1)
  expect_eq "$full_err" \
    "sdesk: error: ticket $id was created, but there was a write failure on standard output: No space left on device" \
    "open > /dev/full: one line naming the ticket"

  "$SDESK" --db "$DB" comment "$id" 'a comment nobody saw printed' >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  expect_eq "$rc" "74" "comment > /dev/full: exit code"
  expect_eq "$(cat "$TEST_DIR/full.err")" \
    "sdesk: error: ticket $id was changed (comment), but there was a write failure on standard output: No space left on device" \
    "comment > /dev/full: one line naming the change"
  sd 0 show "$id" --json
  expect_eq "$(jq -r '.comments[0].text' <<<"$out")" "a comment nobody saw printed" "the comment was stored"

  "$SDESK" --db "$DB" assign "$id" bob --json >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  expect_eq "$rc" "74" "assign > /dev/full: exit code"
  expect_contains "$(cat "$TEST_DIR/full.err")" "ticket $id was changed (assign), but " "assign > /dev/full"

  # A repeat of open --ref into a full disk committed nothing: no claim.
  "$SDESK" --db "$DB" open 'Disk full on db1' --ref nagios-db1-disk -q >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  expect_eq "$rc" "74" "repeated open --ref > /dev/full: exit code"
  expect_eq "$(cat "$TEST_DIR/full.err")" \
    "sdesk: error: write failure on standard output: No space left on device" \
    "repeated open --ref > /dev/full: nothing was created"

  # A large listing that fails while being written: one line, not two.
  sd 0 update 1 -d "$(printf 'x%.0s' $(seq 1 9000))"
  "$SDESK" --db "$DB" list --json >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  expect_eq "$rc" "74" "list --json > /dev/full: exit code"
  expect_eq "$(cat "$TEST_DIR/full.err")" \
    "sdesk: error: write failure on standard output: No space left on device" \
    "list --json > /dev/full: one error line"
  for i in $(seq 1 60); do
    "$SDESK" --db "$DB" open "Filler ticket $i with a title long enough to fill a page of output" -q >/dev/null
  done
  "$SDESK" --db "$DB" list >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  expect_eq "$rc" "74" "list > /dev/full: exit code"
  expect_eq "$(wc -l <"$TEST_DIR/full.err" | tr -d ' ')" "1" "list > /dev/full: one error line [$(cat "$TEST_DIR/full.err")]"
fi

# --- Read errors on standard input: exit 74, nothing stored ------------------
# sd_stdin EXPECTED REDIRECTION ARGS...: like sd, with standard input
# redirected ('dir': from a directory, 'closed': closed).
sd_stdin() {
  local expected=$1 how=$2
  shift 2
  if [ "$how" = dir ]; then
    out=$("$SDESK" --db "$DB" "$@" 2>"$TEST_DIR/stderr" </)
  else
    out=$("$SDESK" --db "$DB" "$@" 2>"$TEST_DIR/stderr" <&-)
  fi
  rc=$?
  err=$(cat "$TEST_DIR/stderr")
  [ "$rc" -eq "$expected" ] || fail "sdesk $* (stdin $how) exited $rc, expected $expected; stderr: $err"
}

before=$(store_digest)
for how in dir closed; do
  sd_stdin 74 "$how" open 'From stdin' -d -
  expect_error "standard input" "open -d - (stdin $how)"
  sd_stdin 74 "$how" comment 1 -
  expect_error "standard input" "comment - (stdin $how)"
  sd_stdin 74 "$how" update 1 -d -
  expect_error "standard input" "update -d - (stdin $how)"
  sd_stdin 74 "$how" import -
  expect_error "standard input" "import - (stdin $how)"
done
expect_eq "$(store_digest)" "$before" "stdin read errors change nothing"

# Reading standard input still works.
sd 0 comment 1 - <<<"from a pipe"
sd 0 show 1 --json
expect_eq "$(jq -r '.comments[-1].text' <<<"$out")" "from a pipe" "comment - reads stdin"

finish
