#!/usr/bin/env bash
# Terminal safety and colour rules.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
esc=$(printf '\033')
sd 0 open "evil ${esc}[2J${esc}]0;pwned$(printf '\007') title" -i high -u high -d "line one
line two ${esc}[31mred"

# User text never reaches the terminal with its control characters...
sd 0 list
case "$out" in *"$esc"*) fail "list printed an escape character from user text" ;; esac
expect_contains "$out" "evil ?[2J?]0;pwned? title" "list shows neutralised title"
sd 0 show 1
case "$out" in *"$esc"*) fail "show printed an escape character from user text" ;; esac
expect_contains "$out" "  line two ?[31mred" "show keeps description lines, neutralised"

# ...but JSON carries the exact text, escaped.
sd 0 show 1 --json
expect_eq "$(jq -r .ticket.title <<<"$out")" "evil ${esc}[2J${esc}]0;pwned$(printf '\007') title" "JSON keeps the exact title"

# Colour: never when stdout is not a terminal, always with --color=always,
# never with NO_COLOR (unless forced).
sd 0 list
case "$out" in *"$esc["*) fail "colour on a pipe" ;; esac
sd 0 --color always list
expect_contains "$out" "${esc}[1;31mP1${esc}[0m" "--color always colours P1"
out=$(NO_COLOR=1 "$SDESK" --db "$DB" list)
case "$out" in *"$esc["*) fail "colour with NO_COLOR" ;; esac
sd 2 --color sometimes list
expect_error "--color" "bad --color value"

# A failed write to stdout is an error, not silence.
if [ -w /dev/full ]; then
  "$SDESK" --db "$DB" list >/dev/full 2>"$TEST_DIR/full.err"
  rc=$?
  expect_eq "$rc" "74" "exit code when stdout is full"
  expect_contains "$(cat "$TEST_DIR/full.err")" "write failure on standard output" "stdout full message"
fi
finish
