#!/usr/bin/env bash
# Hostile input to the parsers ends in a one-line error with a documented
# exit code, never in a crash: deeply nested JSON Lines, and configuration
# text that reached undefined behaviour inside toml++.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
before=$(store_digest)

# A line of 140,000 '[' overflowed the reading thread's stack in RapidJSON's
# recursive parser (SIGSEGV). Now the nesting is capped: exit 2, the line,
# and what a record may be.
{
  printf '%s\n' '{"title":"fine","created":"2026-10-03T08:00:00Z"}'
  head -c 140000 /dev/zero | tr '\0' '['
  printf '\n'
} >"$TEST_DIR/deep.jsonl"
sd 2 import "$TEST_DIR/deep.jsonl"
expect_error "line 2: not valid JSON (nested deeper than 8 levels at column 9; accepted: one ticket object" \
  "deeply nested JSON line"
expect_contains "$err" '"tags" an array of strings, "events" an array of event objects' \
  "deeply nested JSON line: the accepted shape"
# The same, closed, and as objects inside a record.
printf '%s\n' "$(head -c 100000 /dev/zero | tr '\0' '[')$(head -c 100000 /dev/zero | tr '\0' ']')" \
  >"$TEST_DIR/deep-closed.jsonl"
sd 2 import "$TEST_DIR/deep-closed.jsonl"
expect_error "line 1: not valid JSON (nested deeper than 8 levels at column 9;" "deep closed arrays"
python3 -c 'print("{\"title\":" + "{\"a\":" * 50000 + "1" + "}" * 50000 + "}")' >"$TEST_DIR/deep-objects.jsonl"
sd 2 import "$TEST_DIR/deep-objects.jsonl"
expect_error "line 1: not valid JSON (nested deeper than 8 levels at column 45;" "deep objects"
# Nesting within the cap still gets the error that names the field.
printf '%s\n' '{"title":"x","created":"2026-10-03","events":[{"at":{"$date":"2026-10-03"}}]}' \
  >"$TEST_DIR/shallow.jsonl"
sd 2 import "$TEST_DIR/shallow.jsonl"
expect_error "line 1: field 'events[0].at': expected a string or null" "nesting within the cap"
expect_eq "$(store_digest)" "$before" "store unchanged after nested JSON"

# toml++ 3.3 asks whether a non-ASCII character after a key is white space;
# for U+00A1-U+0499, U+2C5E-U+3057 and U+FB26-U+FEFE its lookup reaches
# __builtin_unreachable() (undefined behaviour: a UBSan build aborts; a
# Release build happened to carry on to toml++'s "expected '='" error).
# Refused, with a message of sdesk's, before toml++ sees the text.
printf '[desk]\ncategories\xcb\x9b = ["a"]\n' >"$TEST_DIR/ogonek.toml"
sd 6 --config "$TEST_DIR/ogonek.toml" list
expect_error "$TEST_DIR/ogonek.toml:2:11: bad TOML: U+02DB outside a quoted string or comment" "U+02DB in a key"
expect_contains "$err" "(bare keys are ASCII letters, digits, '_' and '-'; quote other keys)" \
  "U+02DB in a key: what is accepted"
printf 'x\xcc\x80 = 1\n' >"$TEST_DIR/grave.toml"
sd 6 --config "$TEST_DIR/grave.toml" list
expect_error "$TEST_DIR/grave.toml:1:2: bad TOML: U+0300 outside a quoted string or comment" "U+0300 in a key"
# After a line-ending backslash of a multi-line string, toml++ asks the same
# of the first character of the next line.
printf '[groups.l1]\nemail = """a\\\n  \xc3\xa9"""\n' >"$TEST_DIR/continued.toml"
sd 6 --config "$TEST_DIR/continued.toml" list
expect_error "$TEST_DIR/continued.toml:3:3: bad TOML: U+00E9 first on a line continued by a backslash" \
  "U+00E9 after a line-ending backslash"
# The same characters inside strings and comments are fine.
printf '# caf\xc3\xa9 \xcb\x9b\n[desk] # \xcc\x80\ncategories = ["caf\xc3\xa9", "x\xcc\x80"]\n' >"$TEST_DIR/fine.toml"
sd 0 --config "$TEST_DIR/fine.toml" config
expect_contains "$out" 'desk.categories = ["café", "x̀"]' "non-ASCII inside strings"

finish
