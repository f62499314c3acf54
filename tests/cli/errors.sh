#!/usr/bin/env bash
# Bad input: one-line errors naming what was wrong and what is accepted, the
# documented exit codes, and a store left exactly as it was.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
sd 0 open "Mail bounces" -q
sd 0 assign 1 alice
before=$(store_digest)

# Usage errors: exit 2.
sd 2 open "x" --kind incidnet
expect_error "--kind: unknown value 'incidnet' (did you mean 'incident'?) (accepted: incident, request, change, problem)" "bad kind"
sd 2 open "x" --impact severe
expect_error "--impact: unknown value 'severe'" "bad impact"
sd 2 open "x" --priority P7
expect_error "--priority: bad value 'P7' (accepted: P1 to P4)" "bad priority"
sd 2 open "x" --group secnd-line
expect_error "--group: unknown group 'secnd-line' (did you mean 'second-line'?)" "bad group"
sd 2 open ""
expect_error "title: must not be empty" "empty title"
sd 2 open "x" --bogus
expect_error "--bogus" "unknown option"
sd 2 list --created-since 2026-02-30
expect_error "--created-since: bad date/time '2026-02-30' (accepted: YYYY-MM-DD" "bad date"
sd 2 list --sort priorty
expect_error "--sort: unknown field 'priorty' (did you mean 'priority'?)" "bad sort field"
sd 2 list --status opn
expect_error "--status: unknown value 'opn'" "bad status"
sd 2 resolve 1 --code magic
expect_error "--code: unknown value 'magic'" "bad resolution code"
sd 2 resolve 1
expect_error "--code is required" "missing required option"
sd 2 show abc
expect_error "ticket id: bad value 'abc' (accepted: a number such as 42)" "bad id"
sd 2 --now yesterday list
expect_error "--now: bad date/time 'yesterday'" "bad --now"
sd 2
expect_error "A subcommand is required" "no command"
sd 2 frobnicate
expect_error "unknown command 'frobnicate'; see 'sdesk --help'" "unknown command"
sd 2 opne "typo"
expect_error "unknown command 'opne' (did you mean 'open'?)" "mistyped command"
# A usage error names the help of the command that was given, down to a
# command of a command (it named `sdesk event --help` for `event show`).
sd 2 list --bogus
expect_error "(see 'sdesk list --help')" "a command's help"
sd 2 event show
expect_error "source is required (see 'sdesk event show --help')" "a nested command's help"
sd 2 change schedule 1
expect_error "--start is required (see 'sdesk change schedule --help')" "another nested command's help"
sd 2 event
expect_error "(see 'sdesk event --help')" "a command that needs a subcommand"
# CLI11, like getopt, reads `-t=a,b` as the value "=a,b": it stored the tag
# "=a". Nobody means that; the form is refused, naming the two that work.
sd 2 open "x" -t=a,b
expect_error "-t=a,b: a short option's value follows a space, not '=' (accepted: '-t a,b' or '--tag=a,b')" "a short option with '='"
sd 2 export -o=out.jsonl
expect_error "-o=out.jsonl: a short option's value follows a space, not '=' (accepted: '-o out.jsonl' or '--output=out.jsonl')" "another command's short option with '='"
[ ! -e "=out.jsonl" ] && [ ! -e "out.jsonl" ] || fail "export -o=... wrote a file"
sd 2 comment 1 -m=hello
expect_error "The following argument was not expected: -m=hello" "a short option the command lacks: CLI11's message"

# Not found: exit 3. Refused: exit 4.
sd 3 comment 42 "hello"
expect_error "ticket 42 not found" "missing ticket"
sd 4 close 1
expect_error "ticket 1 is assigned; it cannot move to closed" "refused transition"

[ "$(store_digest)" = "$before" ] || fail "a failed command changed the store"

# Config errors: exit 6, naming file, line and key.
printf '[groups.l2]\ntier = 2\nescalate_to = "l3"\n' >"$TEST_DIR/bad.toml"
sd 6 --config "$TEST_DIR/bad.toml" list
expect_error "$TEST_DIR/bad.toml:3: groups.l2: unknown key 'escalate_to' (did you mean 'escalates_to'?)" "unknown config key"
printf '[desk\n' >"$TEST_DIR/broken.toml"
sd 6 --config "$TEST_DIR/broken.toml" list
expect_error "$TEST_DIR/broken.toml:1" "bad TOML"
expect_contains "$err" "bad TOML" "bad TOML message"
sd 6 --config "$TEST_DIR/missing.toml" list
expect_error "missing.toml" "missing config file"
# A config file is read to at most 1 MiB: `--config /dev/zero` (or a
# runaway pipe) read until memory ran out.
{ printf '# '; head -c 2000000 /dev/zero | tr '\0' '#'; printf '\n'; } >"$TEST_DIR/huge.toml"
sd 6 --config "$TEST_DIR/huge.toml" list
expect_error "config file '$TEST_DIR/huge.toml' is larger than 1 MiB (accepted: at most 1048576 bytes)" \
  "an oversized config file"
sd 6 --config <(cat "$TEST_DIR/huge.toml") list
expect_error "is larger than 1 MiB" "an oversized config from a pipe"
printf '[desk]\ncategories = ["vpn"]\n' >"$TEST_DIR/small.toml"
sd 0 --config <(cat "$TEST_DIR/small.toml") config
expect_contains "$out" "vpn" "a config from a pipe is read"

# Store errors: exit 5.
sd 5 --db "$TEST_DIR/nowhere.db" list
expect_error "cannot open store '$TEST_DIR/nowhere.db'" "missing explicit store"
[ ! -e "$TEST_DIR/nowhere.db" ] || fail "an explicitly named missing store was created"
printf 'definitely not a database, just text; padded to look like a file header..........' >"$TEST_DIR/junk.db"
sd 5 --db "$TEST_DIR/junk.db" list
expect_error "corrupt or not an sdesk store" "corrupt store"
sqlite3 "$TEST_DIR/other.db" "CREATE TABLE t(x)"
sd 5 --db "$TEST_DIR/other.db" list
expect_error "not an sdesk store; refusing to touch it" "foreign database"
sqlite3 "$TEST_DIR/newer.db" "PRAGMA application_id=1396986699; PRAGMA user_version=999; CREATE TABLE ticket(id)"
sd 5 --db "$TEST_DIR/newer.db" list
expect_error "newer than this sdesk supports" "newer store"

# A locked store: another process holds the write lock past the timeout.
printf '[store]\nbusy_timeout = "1s"\n' >"$TEST_DIR/fast.toml"
fifo="$TEST_DIR/hold"
mkfifo "$fifo"
(sqlite3 "$DB" >/dev/null 2>&1 <"$fifo") &
holder=$!
exec 3>"$fifo"
printf 'BEGIN IMMEDIATE;\nINSERT INTO ticket_tag VALUES (1, %s);\n' "'held'" >&3
sleep 0.3
sd 5 --config "$TEST_DIR/fast.toml" open "blocked"
expect_error "is locked by another process" "locked store"
printf 'ROLLBACK;\n.quit\n' >&3
exec 3>&-
wait "$holder"
[ "$(store_digest)" = "$before" ] || fail "the locked attempt changed the store"

# main builds the options of the named command only, after skipping global
# options and their values (on a store of its own: the one above must stay
# unchanged). A value that looks like a command must not confuse it.
other="$TEST_DIR/prescan.db"
"$SDESK" --db "$other" init >/dev/null || fail "init $other"
id=$("$SDESK" --as list --db "$other" --now=2026-11-02T10:00:00Z open -q "Values like commands" --color never)
expect_eq "$("$SDESK" --db "$other" show "$id" --json | jq -r '.ticket.requester + " " + .ticket.created')" \
  "list 2026-11-02T10:00:00+00:00" "global options and values before the command"
sd 2 --bogus open "x"
expect_error "--bogus" "unknown option before the command"
sd 2 open --kind
expect_error "--kind" "the chosen command's own options are built"
# What is not a short option with '=' is kept as it was given.
sd 0 open "Equals in a value" -q -t a -d "x -t=b is just text"
id=$out
sd 0 show "$id" --json
expect_eq "$(jq -c '[.ticket.tags, .ticket.description]' <<<"$out")" '[["a"],"x -t=b is just text"]' \
  "a value that merely contains '-t=' is kept"
sd 0 open -q -- "-t=c as a title"
sd 0 show "$out" --json
expect_eq "$(jq -r .ticket.title <<<"$out")" "-t=c as a title" "after --, '-t=' is a word"
finish
