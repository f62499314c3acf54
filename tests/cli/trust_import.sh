#!/usr/bin/env bash
# Issue 7, section 1: no stored ticket breaks the invariants (docs/invariants.md),
# whatever path wrote it. Import refuses records that would (line, field,
# rule), a closed ticket stays final on re-import, imported events keep their
# actor and time, --skip-invalid --rejects, and `sdesk verify`.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped" >&2; exit 125; }

sd 0 init "$DB"
cat >"$TEST_DIR/good.jsonl" <<'JSON'
{"ref":"G-1","title":"fine","created":"2026-10-01T08:00:00Z"}
{"ref":"G-2","title":"resolved, then closed","created":"2026-10-01T08:00:00Z","status":"closed","resolved":"2026-10-01T10:00:00Z","closed":"2026-10-02T10:00:00Z"}
JSON
sd 0 import "$TEST_DIR/good.jsonl"
before=$(store_digest)

# refuse LINE FIELD RULE JSON: a file of one good line then JSON is refused,
# naming line 2, the field and the rule; the store is unchanged.
refuse() {
  printf '%s\n' '{"ref":"OK-1","title":"fine","created":"2026-10-01T08:00:00Z"}' "$4" >"$TEST_DIR/one.jsonl"
  sd 2 import "$TEST_DIR/one.jsonl"
  expect_error "line $1: field '$2': " "refused record ($3)"
  expect_contains "$err" "(rule $3)" "refused record names the rule ($3)"
  expect_eq "$(store_digest)" "$before" "store unchanged after a refused record ($3)"
}
# Resolved before created (reports would show negative hours).
refuse 2 resolved after-created \
  '{"title":"x","created":"2026-10-01T08:00:00Z","status":"resolved","resolved":"2026-10-01T07:00:00Z"}'
expect_contains "$err" "line 2: field 'resolved': 2026-10-01T07:00:00+00:00 is before created (2026-10-01T08:00:00+00:00)" \
  "resolved before created: the values"
# A closed ticket without a resolution time.
refuse 2 resolved resolved-status '{"title":"x","created":"2026-10-01T08:00:00Z","status":"closed","closed":"2026-10-02T08:00:00Z"}'
# An open ticket with resolution and closing times.
refuse 2 resolved resolved-status \
  '{"title":"x","created":"2026-10-01T08:00:00Z","status":"new","resolved":"2026-10-01T09:00:00Z","closed":"2026-10-01T10:00:00Z"}'
# First response before created, closed before resolved.
refuse 2 first_response after-created '{"title":"x","created":"2026-10-01T08:00:00Z","first_response":"2026-09-30T08:00:00Z"}'
refuse 2 closed closed-after-resolved \
  '{"title":"x","created":"2026-10-01T08:00:00Z","status":"closed","resolved":"2026-10-03T08:00:00Z","closed":"2026-10-02T08:00:00Z"}'
# Events: before created, and a history the lifecycle does not allow.
refuse 2 events history-order \
  '{"title":"x","created":"2026-10-01T08:00:00Z","events":[{"at":"2026-09-01T08:00:00Z","action":"comment","note":"early"}]}'
refuse 2 events history-replay \
  '{"title":"x","created":"2026-10-01T08:00:00Z","resolved":"2026-10-01T09:00:00Z","closed":"2026-10-02T08:00:00Z","events":[{"at":"2026-10-01T09:00:00Z","status":"resolved"},{"at":"2026-10-01T09:30:00Z","status":"in_progress"},{"at":"2026-10-02T08:00:00Z","status":"closed"}]}'

# Re-importing a known ref: a closed ticket is final; a new status must be
# one the lifecycle allows from the stored one.
printf '%s\n' '{"ref":"G-1","title":"fine"}' \
  '{"ref":"G-2","status":"in_progress","events":[{"at":"2026-10-03T08:00:00Z","status":"in_progress","actor":"bob"}]}' >"$TEST_DIR/reopen.jsonl"
sd 2 import "$TEST_DIR/reopen.jsonl"
expect_error "line 2: field 'status': ticket 2 (G-2) is closed; closed is final" "re-import reopening a closed ticket"
expect_contains "$err" "(rule closed-final)" "closed-final names its rule"
printf '%s\n' '{"ref":"G-2","title":"renamed"}' >"$TEST_DIR/rename.jsonl"
sd 2 import "$TEST_DIR/rename.jsonl"
expect_error "line 1: field 'title': ticket 2 (G-2) is closed; closed is final" "re-import changing a closed ticket"
sd 0 import "$TEST_DIR/good.jsonl" --json
expect_eq "$(jq -c '[.created, .updated, .unchanged]' <<<"$out")" "[0,0,2]" "an unchanged closed ticket is no change"
printf '%s\n' '{"ref":"G-1","status":"closed","closed":"2026-10-02T08:00:00Z"}' >"$TEST_DIR/skip.jsonl"
sd 2 import "$TEST_DIR/skip.jsonl"
expect_error "line 1: field 'resolved': missing: a closed ticket has the time it was resolved (rule resolved-status)" \
  "re-import closing an open ticket without a resolution"
expect_eq "$(store_digest)" "$before" "store unchanged after refused re-imports"

# Imported events keep their actor and time: an event older than the stored
# history that it does not hold is refused, never recorded now by the
# importing user; one at the end of the history is added as given.
printf '%s\n' '{"ref":"G-1","events":[{"at":"2026-09-30T08:00:00Z","status":"resolved","actor":"carol"}]}' >"$TEST_DIR/old.jsonl"
sd 2 import "$TEST_DIR/old.jsonl"
expect_error "line 1: field 'events': resolved at 2026-09-30T08:00:00+00:00 is not in the ticket's history and is before its last event (2026-10-01T08:00:00+00:00); history is append-only (rule history-order)" \
  "an event older than the history"
expect_eq "$(store_digest)" "$before" "store unchanged after an old event"
printf '%s\n' '{"ref":"G-1","events":[{"at":"2026-10-01T08:00:00Z","status":"resolved","actor":"carol"}]}' >"$TEST_DIR/same.jsonl"
sd 0 import "$TEST_DIR/same.jsonl"
sd 0 log 1 --json
expect_eq "$(jq -c '[.[] | select(.field == "status") | [.actor, .action, .at, .new]]' <<<"$out")" \
  '[["agent","open","2026-10-01T08:00:00+00:00","new"],["carol","resolve","2026-10-01T08:00:00+00:00","resolved"]]' \
  "an event at the end of the history keeps its actor and time"
sd 0 show 1 --json
expect_eq "$(jq -c '.ticket | [.status, .resolved]' <<<"$out")" '["resolved","2026-10-01T08:00:00+00:00"]' \
  "resolved taken from the event"
printf '%s\n' '{"ref":"G-1","events":[{"at":"2026-10-01T08:00:00Z","status":"resolved","actor":"carol"},{"at":"2026-10-04T08:00:00Z","status":"closed","actor":"dan"}]}' >"$TEST_DIR/close.jsonl"
sd 0 import "$TEST_DIR/close.jsonl"
sd 0 log 1 --json
expect_eq "$(jq -c '[.[] | select(.field == "status") | [.actor, .action, .at]] | last' <<<"$out")" \
  '["dan","close","2026-10-04T08:00:00+00:00"]' "a later event keeps its actor and time"
sd 0 show 1 --json
expect_eq "$(jq -c '.ticket | [.status, .resolved, .closed]' <<<"$out")" \
  '["closed","2026-10-01T08:00:00+00:00","2026-10-04T08:00:00+00:00"]' "closed taken from the event"
before=$(store_digest)

# --skip-invalid --rejects: the valid records are stored, each refused one is
# written with its reason; the summary counts them.
cat >"$TEST_DIR/mixed.jsonl" <<'JSON'
{"ref":"M-1","title":"fine","created":"2026-10-05T08:00:00Z"}
{"ref":"M-2","title":"closed, never resolved","created":"2026-10-05T08:00:00Z","status":"closed","closed":"2026-10-06T08:00:00Z"}
{"ref":"M-3","title":"bad","created":"2026-10-05T08:00:00Z","priority":"P9"}
{"ref":"M-4","title":"broken",

{"ref":"G-2","title":"closed is final"}
{"ref":"M-5","title":"fine too","created":"2026-10-05T08:00:00Z"}
JSON
sd 2 import "$TEST_DIR/mixed.jsonl"
expect_error "line 2: field 'resolved'" "without --skip-invalid: all or nothing"
expect_eq "$(store_digest)" "$before" "all or nothing: store unchanged"
sd 2 import "$TEST_DIR/mixed.jsonl" --skip-invalid
expect_contains "$err" "--skip-invalid requires --rejects" "--skip-invalid needs --rejects"
sd 0 import "$TEST_DIR/mixed.jsonl" --skip-invalid --rejects "$TEST_DIR/rejects.jsonl"
expect_eq "$out" "imported 2 tickets (2 created, 0 updated, 0 unchanged; 4 rejected), 2 history events" "summary with rejects"
expect_eq "$(jq -c '[.line, (.error | test("^line [0-9]+: "))]' "$TEST_DIR/rejects.jsonl" | paste -sd' ')" \
  "[2,true] [3,true] [4,true] [6,true]" "one rejects line per refused record, with its line"
expect_eq "$(jq -r '.text' "$TEST_DIR/rejects.jsonl" | sed -n 2p)" \
  '{"ref":"M-3","title":"bad","created":"2026-10-05T08:00:00Z","priority":"P9"}' "the refused line as it was"
expect_contains "$(jq -r '.error' "$TEST_DIR/rejects.jsonl" | sed -n 1p)" "(rule resolved-status)" "the reason names the rule"
expect_contains "$(jq -r '.error' "$TEST_DIR/rejects.jsonl" | sed -n 4p)" "(rule closed-final)" "closed-final rejected"
expect_eq "$(stat -c %a "$TEST_DIR/rejects.jsonl")" "644" "rejects file mode"
sd 0 list --json
expect_eq "$(jq -c '[.[] | .ref | select(startswith("M-"))]' <<<"$out")" '["M-1","M-5"]' "the valid records stored"
sd 0 import "$TEST_DIR/mixed.jsonl" --skip-invalid --rejects "$TEST_DIR/rejects.jsonl" --json --dry-run
expect_eq "$(jq -c '[.records, .created, .unchanged, .rejected]' <<<"$out")" "[6,0,2,4]" "JSON summary counts rejects"
# The rejects file is never followed through a link it did not create.
ln -s "$TEST_DIR/target" "$TEST_DIR/link.jsonl"
sd 74 import "$TEST_DIR/mixed.jsonl" --skip-invalid --rejects "$TEST_DIR/link.jsonl"
expect_error "--rejects: cannot create '$TEST_DIR/link.jsonl'" "rejects through a symlink"
[ ! -e "$TEST_DIR/target" ] || fail "rejects: the link's target was created"
# The input is never emptied by naming it as the rejects file.
cp "$TEST_DIR/mixed.jsonl" "$TEST_DIR/input.jsonl"
sd 2 import "$TEST_DIR/input.jsonl" --skip-invalid --rejects "$TEST_DIR/input.jsonl"
expect_error "--rejects: '$TEST_DIR/input.jsonl' is the input file" "rejects file = input file"
cmp -s "$TEST_DIR/mixed.jsonl" "$TEST_DIR/input.jsonl" || fail "the input file was changed"
# CSV: the refused record without the header.
printf '%s\n' 'ref,title,created,priority' 'C-1,fine,2026-10-05T08:00:00Z,P2' 'C-2,bad,2026-10-05T08:00:00Z,P7' >"$TEST_DIR/mixed.csv"
sd 0 import "$TEST_DIR/mixed.csv" --skip-invalid --rejects "$TEST_DIR/rejects.jsonl"
expect_eq "$(jq -c '[.line, .text]' "$TEST_DIR/rejects.jsonl")" '[3,"C-2,bad,2026-10-05T08:00:00Z,P7"]' "CSV reject"

# verify: exit 0 when every invariant holds; 1 naming each ticket that breaks
# one (a store changed by hand); -q prints only ids; --json; read-only.
sd 0 verify
expect_eq "$out" "checked 5 tickets: every invariant holds" "verify on a sound store"
sd 0 verify -q
expect_eq "$out" "" "verify -q on a sound store"
sqlite3 "$DB" "UPDATE ticket SET resolved_at = NULL WHERE ref = 'G-2';
  UPDATE ticket SET status = 'in_progress' WHERE ref = 'M-5';
  UPDATE ticket SET first_response_at = created_at - 60 WHERE ref = 'C-1';
  INSERT INTO ticket_event (ticket_id, at, actor, action, note)
    SELECT id, created_at - 60, 'x', 'comment', 'early' FROM ticket WHERE ref = 'M-1';" || fail "sqlite3 corrupting the store"
before=$(store_digest)
sd 1 verify
expect_eq "$(grep -c '^ticket ' <<<"$out")" "4" "verify: one line per broken rule"
expect_contains "$out" "ticket 2 (G-2): resolved: missing: a closed ticket has the time it was resolved (rule resolved-status)" \
  "verify names the ticket, field and rule"
expect_contains "$out" "(M-5): status: the history ends at new, but the status is in_progress (rule history-replay)" "verify: replay"
expect_contains "$out" "(C-1): first_response: " "verify: first response before created"
expect_contains "$out" "(rule after-created)" "verify: after-created"
expect_contains "$out" "(M-1): history: comment at " "verify: an event before created"
expect_eq "$(tail -1 <<<"$out")" "checked 5 tickets: 4 break an invariant" "verify summary"
sd 1 verify -q
ids=$(sqlite3 "$DB" "SELECT id FROM ticket WHERE ref IN ('G-2', 'M-1', 'M-5', 'C-1') ORDER BY id" | paste -sd' ')
expect_eq "$(paste -sd' ' <<<"$out")" "$ids" "verify -q: only the ids"
sd 1 verify --json
expect_eq "$(jq -c '[.checked, .failed, (.tickets | map(.ref)), .tickets[0].violations[0].rule]' <<<"$out")" \
  '[5,4,["G-2","M-1","M-5","C-1"],"resolved-status"]' "verify --json"
expect_eq "$(store_digest)" "$before" "verify writes nothing"

# The shared write path: a command that would break an invariant is refused
# (exit 4) and writes nothing; a rule a stored ticket already broke (above,
# by hand) does not block other changes to it.
sd 0 open "live ticket" -q
live=$out
before=$(store_digest)
sd 4 resolve "$live" --code fixed --now 2026-11-01T09:00:00Z
expect_error "ticket $live: resolved: 2026-11-01T09:00:00+00:00 is before created (2026-11-02T09:00:00+00:00) (rule after-created)" \
  "resolve before created"
sd 4 comment "$live" "from the past" --now 2026-11-01T09:00:00Z
expect_error "ticket $live: history: an event at 2026-11-01T09:00:00+00:00 would be before created" "comment before created"
sd 0 comment "$live" "later" --now 2026-11-02T10:00:00Z
before=$(store_digest)
sd 4 comment "$live" "in between" --now 2026-11-02T09:30:00Z
expect_error "ticket $live: history: an event at 2026-11-02T09:30:00+00:00 would be before its last change (2026-11-02T10:00:00+00:00) (rule history-order)" \
  "comment dated before the last change"
expect_eq "$(store_digest)" "$before" "store unchanged after refused commands"
c1=$(sqlite3 "$DB" "SELECT id FROM ticket WHERE ref = 'C-1'")
sd 0 comment "$c1" "still works" --now 2026-11-03T09:00:00Z

# A ref from an import obeys the rule `open --ref` applies: one line, no
# control characters (it is shown by list, show and sla).
before=$(store_digest)
printf '%s\n' '{"ref":"R-1\nINJECTED","title":"Multi-line ref","created":"2026-10-01T08:00:00Z"}' >"$TEST_DIR/badref.jsonl"
sd 2 import "$TEST_DIR/badref.jsonl"
expect_error "line 1: field 'ref': must not contain control characters or line breaks" "import refuses a multi-line ref"
printf '%s\n' '{"ref":"R-2\u001b[31m","title":"Escape in ref","created":"2026-10-01T08:00:00Z"}' >"$TEST_DIR/escref.jsonl"
sd 2 import "$TEST_DIR/escref.jsonl"
expect_error "line 1: field 'ref': must not contain control characters" "import refuses an escape in a ref"
expect_eq "$(store_digest)" "$before" "store unchanged after refused refs"

# Names obey the rules `open` and `assign` apply: a category, service,
# requester, assignee, group or resolution code is one line, and a blank one
# is none (import took ""
# as none but stored "  ", and stored line breaks).
for field in category service requester assignee group resolution_code; do
  printf '{"title":"Two-line %s","created":"2026-10-01T08:00:00Z","%s":"a\\nb"}\n' "$field" "$field" \
    >"$TEST_DIR/twoline.jsonl"
  sd 2 import "$TEST_DIR/twoline.jsonl"
  expect_error "line 1: field '$field': must be one line" "import refuses a two-line $field"
done
expect_eq "$(store_digest)" "$before" "store unchanged after refused names"
printf '%s\n' '{"ref":"B-1","title":"Blank names","created":"2026-10-01T08:00:00Z","category":"  ","service":" ","assignee":"\t"}' \
  >"$TEST_DIR/blank.jsonl"
sd 0 import "$TEST_DIR/blank.jsonl"
sd 0 list --ref B-1 --json
expect_eq "$(jq -c '.[0] | [.category, .service, .assignee]' <<<"$out")" "[null,null,null]" "import: blank names are none"

finish
