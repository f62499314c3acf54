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

finish
