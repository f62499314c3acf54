#!/usr/bin/env bash
# import and export: round trip, updates by ref, all-or-nothing errors, CSV
# with --map, --tz, --dry-run, --json, filters and --output.
. "$(dirname "$0")/lib.sh"

DB2="$TEST_DIR/copy.db"
# sd2 EXPECTED_EXIT ARGS...: like sd, on the second store.
sd2() {
  local saved=$DB
  DB=$DB2
  sd "$@"
  DB=$saved
}
without_ids() { jq -S 'map(del(.id, .updated))'; }

# A desk with some history: reassignment, pending, reopen, comments, tags.
sd 0 init "$DB"
sd 0 open "Printer on floor 3 jammed" -c hardware -t printer,floor3 --requester bob
sd 0 assign 1 alice --now 2026-11-02T09:05:00Z
sd 0 comment 1 "Ordered a fuser" --as alice --now 2026-11-02T09:15:00Z
sd 0 pending 1 --reason "waiting for the part" --now 2026-11-02T10:00:00Z
sd 0 start 1 --as alice --now 2026-11-03T08:00:00Z
sd 0 resolve 1 --code fixed --note "fuser replaced" --now 2026-11-03T10:00:00Z
sd 0 reopen 1 --reason "jams again" --now 2026-11-03T11:00:00Z
sd 0 resolve 1 --code workaround --now 2026-11-04T10:00:00Z
sd 0 close 1 --now 2026-11-09T10:00:00Z
sd 0 open "VPN down" --impact high --urgency high -d $'Since Monday,\n"all" users'
sd 0 escalate 2 --reason "network team" --now 2026-11-02T09:30:00Z
sd 0 open "New laptop" --kind request --impact low --urgency low --requester "Bo, Jr."

# Export -> import into an empty store: the same tickets, history and report.
sd 0 export
expect_eq "$(wc -l <<<"$out" | tr -d ' ')" "3" "export: one line per ticket"
printf '%s\n' "$out" >"$TEST_DIR/all.jsonl"
expect_eq "$(jq -c '[.events[] | .status // .action]' <<<"$(head -1 "$TEST_DIR/all.jsonl")")" \
  '["new","assigned","comment","pending","in_progress","resolved","assigned","resolved","closed"]' \
  "export: status changes and comments"
expect_eq "$(jq -c '[.events[] | .status // .action]' <<<"$(sed -n 2p "$TEST_DIR/all.jsonl")")" \
  '["new","escalate"]' "export: escalations"
sd2 0 init "$DB2"
# A failed load into an empty store (it runs with a rollback journal, not the
# WAL): nothing stored, and the store is back in WAL mode.
sed -n 1p "$TEST_DIR/all.jsonl" >"$TEST_DIR/half.jsonl"
printf '%s\n' '{"title":"no time"}' >>"$TEST_DIR/half.jsonl"
sd2 2 import "$TEST_DIR/half.jsonl"
expect_eq "$(sqlite3 "$DB2" 'SELECT count(*) FROM ticket; PRAGMA journal_mode' | paste -sd' ')" "0 wal" \
  "failed load into an empty store: nothing kept, WAL mode again"
sd2 0 import "$TEST_DIR/all.jsonl"
expect_eq "$(sqlite3 "$DB2" 'PRAGMA journal_mode')" "wal" "WAL mode again after a load into an empty store"
expect_eq "$(sqlite3 "$DB2" 'PRAGMA foreign_key_check' | wc -l | tr -d ' ')" "0" "every imported event has its ticket"
expect_eq "$out" "imported 3 tickets (3 created, 0 updated, 0 unchanged), 12 history events" "import summary"
expect_eq "$(stat -c %s "$DB2-wal" 2>/dev/null || echo 0)" "0" "no WAL left behind by an import"
expect_eq "$("$SDESK" --db "$DB2" list --json | without_ids)" "$("$SDESK" --db "$DB" list --json | without_ids)" \
  "round trip: list --json"
expect_eq "$("$SDESK" --db "$DB2" export | jq -c 'del(.id, .updated)')" "$(jq -c 'del(.id, .updated)' "$TEST_DIR/all.jsonl")" \
  "round trip: export, status history included"
expect_eq "$("$SDESK" --db "$DB2" report --month 2026-11 --json)" "$("$SDESK" --db "$DB" report --month 2026-11 --json)" \
  "round trip: the monthly report"
sd2 0 log 1
expect_contains "$out" "reopen   status: resolved -> assigned  (jams again)" "imported reopen, with its note"
sd2 0 show 1 --json
expect_eq "$(jq -c '.comments | map([.author, .text])' <<<"$out")" '[["alice","Ordered a fuser"]]' "imported comment"

# References: a second import of the same refs updates, never duplicates.
cat >"$TEST_DIR/refs.jsonl" <<'JSON'
{"ref":"INC-1","title":"Disk full on fileserver","created":"2026-10-01T08:00:00Z","priority":"P2","group":"storage"}
{"ref":"INC-2","title":"Badge reader broken","created":"2026-10-02T08:00:00Z","status":"closed","resolved":"2026-10-02T09:00:00Z","closed":"2026-10-07T09:00:00Z","resolution_code":"fixed"}
JSON
sd 0 import "$TEST_DIR/refs.jsonl" --json
expect_eq "$(jq -c '[.created, .updated, .unchanged]' <<<"$out")" "[2,0,0]" "first import of refs"
sd 0 import "$TEST_DIR/refs.jsonl" --json
expect_eq "$(jq -c '[.created, .updated, .unchanged, .events]' <<<"$out")" "[0,0,2,0]" "same refs again: unchanged"
printf '%s\n' '{"ref":"INC-1","priority":"P1","status":"resolved","resolved":"2026-10-01T12:00:00Z"}' |
  "$SDESK" --db "$DB" import - --json >"$TEST_DIR/out" 2>&1
expect_eq "$(jq -c '[.created, .updated]' "$TEST_DIR/out")" "[0,1]" "a changed record updates"
sd 0 list --json
expect_eq "$(jq '[.[] | select(.ref == "INC-1")] | length' <<<"$out")" "1" "no duplicate"
expect_eq "$(jq -r '.[] | select(.ref == "INC-1") | [.priority, .status, .resolved, .group] | join(" ")' <<<"$out")" \
  "P1 resolved 2026-10-01T12:00:00+00:00 storage" "updated fields, others kept"
sd 0 log 4
expect_contains "$out" "import   priority: P2 -> P1" "update recorded under import"
expect_contains "$out" "resolve  status: new -> resolved" "new status change recorded under its verb"

# All or nothing: a bad line in the middle changes nothing; the error names
# the line and the field.
before=$(store_digest)
cat >"$TEST_DIR/bad.jsonl" <<'JSON'
{"ref":"B-1","title":"fine","created":"2026-10-03T08:00:00Z"}
{"ref":"B-2","title":"fine too","created":"2026-10-03T08:00:00Z"}
{"ref":"B-3","title":"bad","created":"2026-10-03T08:00:00Z","priority":"P9"}
{"ref":"B-4","title":"never read","created":"2026-10-03T08:00:00Z"}
JSON
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "line 3: field 'priority': bad value 'P9' (accepted: P1 to P4)" "bad value mid-file"
expect_eq "$(store_digest)" "$before" "store unchanged after a bad value"
printf '%s\n' '{"title":"x","created":"2026-10-03"}' '{"title":"y",' >"$TEST_DIR/broken.jsonl"
sd 2 import "$TEST_DIR/broken.jsonl"
expect_error "line 2: not valid JSON" "broken JSON"
printf '%s\n' '{"title":"x","created":"2026-10-03","asignee":"bob"}' >"$TEST_DIR/typo.jsonl"
sd 2 import "$TEST_DIR/typo.jsonl"
expect_error "line 1: unknown field 'asignee' (did you mean 'assignee'?)" "unknown field"
printf '%s\n' '{"title":"x"}' >"$TEST_DIR/nocreated.jsonl"
sd 2 import "$TEST_DIR/nocreated.jsonl"
expect_error "line 1: field 'created': missing (a new ticket needs the time it was opened)" "created missing"
expect_eq "$(store_digest)" "$before" "store unchanged after every error"
sd 74 import "$TEST_DIR/none.jsonl"
expect_error "cannot open '$TEST_DIR/none.jsonl'" "missing file"
sd 2 import "$TEST_DIR/bad.jsonl" --format xml
expect_error "--format: unknown format 'xml' (accepted: jsonl, csv)" "unknown format"

# --dry-run checks everything and writes nothing.
sd 0 import "$TEST_DIR/bad.jsonl" --dry-run --map priority=
expect_eq "$out" "dry run: would import 4 tickets (4 created, 0 updated, 0 unchanged), 4 history events; nothing written" "dry run"
expect_eq "$(store_digest)" "$before" "dry run writes nothing"

# CSV: quoting, --map to rename and skip columns, --tz for times without an
# offset (09:30 in Berlin in winter is 08:30 UTC), empty cells.
cat >"$TEST_DIR/legacy.csv" <<'CSV'
Number,Summary,Opened,Prio,State,Team,Location,Fixed
L-1,"Outlook crashes, again",2026-01-15 09:30,P2,new,desk,Room 4,
L-2,"Say ""cheese"" camera",2026-07-15T09:30:00Z,P3,closed,,,2026-07-15T09:30:00Z
CSV
sd 2 import "$TEST_DIR/legacy.csv"
expect_error "line 1: unknown field 'Number'" "CSV without --map"
sd 0 import "$TEST_DIR/legacy.csv" --tz Europe/Berlin --map Number=ref --map Summary=title \
  --map Opened=created --map Prio=priority --map State=status --map Team=group --map Location= --map Fixed=resolved
expect_eq "$out" "imported 2 tickets (2 created, 0 updated, 0 unchanged), 4 history events" "CSV import"
sd 0 list --json --priority P2,P3 --created-until 2026-08-01
expect_eq "$(jq -c '[.[] | select(.ref | startswith("L-")) | [.ref, .title, .created, .group, .status, .closed]]' <<<"$out")" \
  '[["L-1","Outlook crashes, again","2026-01-15T08:30:00+00:00","desk","new",null],["L-2","Say \"cheese\" camera","2026-07-15T09:30:00+00:00",null,"closed","2026-07-15T09:30:00+00:00"]]' \
  "CSV fields, --tz, empty cells"
sd 2 import "$TEST_DIR/legacy.csv" --tz Mars/Olympus
expect_error "--tz: unknown time zone 'Mars/Olympus'" "unknown zone"

# Export: the filters of list, CSV by option or file name, --output.
sd 0 export --status closed --format csv
expect_eq "$(head -1 <<<"$out")" "$("$SDESK" --db "$DB" list --csv | head -1)" "CSV export header = list --csv"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f2 | paste -sd' ')" " INC-2 L-2" "CSV export filtered to closed"
sd 0 export --output "$TEST_DIR/out.csv" --group storage
expect_eq "$out" "exported 1 ticket to $TEST_DIR/out.csv" "export --output"
expect_eq "$(cut -d, -f2 "$TEST_DIR/out.csv" | paste -sd' ')" "ref INC-1" "CSV by file name"
sd 2 export --format yaml
expect_error "--format: unknown format 'yaml' (accepted: jsonl, csv)" "export format"
sd 74 export --output "$TEST_DIR/no/such/dir/x.jsonl"
expect_error "--output: cannot create" "export to a missing directory"
# The CSV export imports back (the derived columns are ignored).
sd2 0 import "$TEST_DIR/out.csv"
expect_eq "$out" "imported 1 ticket (1 created, 0 updated, 0 unchanged), 2 history events" "CSV export imports"
finish
