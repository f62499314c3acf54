#!/usr/bin/env bash
# A change's outcome (successful, failed, backed_out): the first field added
# through the field table (lib/model/fields.hpp). Imported, shown, in JSON
# and CSV, tracked in history, refused on other record types and with a
# value outside its choices.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
cat >"$TEST_DIR/changes.jsonl" <<'JSON'
{"ref":"CHG1","kind":"change","title":"Upgrade the VPN gateway","created":"2026-11-02T09:00:00Z","outcome":"successful"}
{"ref":"INC1","kind":"incident","title":"VPN down","created":"2026-11-02T09:00:00Z"}
JSON
sd 0 import "$TEST_DIR/changes.jsonl" --now 2026-11-02T10:00:00Z

# JSON: a change has the key, other record types do not.
sd 0 show --ref CHG1 --json
expect_eq "$(jq -r '.ticket.outcome' <<<"$out")" "successful" "show --json: the change's outcome"
sd 0 show --ref INC1 --json
expect_eq "$(jq -c '.ticket | has("outcome")' <<<"$out")" "false" "show --json: an incident has no outcome key"

# show: a line for changes only.
sd 0 show --ref CHG1
expect_contains "$out" "outcome         successful" "show: the outcome line"
sd 0 show --ref INC1
[[ "$out" != *outcome* ]] || fail "show: an incident has no outcome line"

# CSV: a column, empty for other record types; it reads back.
sd 0 export --format csv
# (outcome was the last column until schemas 12 and 13 added the problem
# fields and the change's plan fields after it, as the field-table recipe
# says: found by its name now.)
column=$(head -1 <<<"$out" | tr ',' '\n' | grep -nx outcome | cut -d: -f1)
expect_eq "$(head -1 <<<"$out" | tr ',' '\n' | sed -n "${column:-0}p")" "outcome" "CSV: the outcome column"
expect_eq "$(grep '^1,' <<<"$out" | tr ',' '\n' | sed -n "${column:-0}p")" "successful" "CSV: the change's cell"
printf '%s\n' "$out" >"$TEST_DIR/all.csv"
DB="$TEST_DIR/copy.db" sd 0 init "$TEST_DIR/copy.db"
DB="$TEST_DIR/copy.db" sd 0 import "$TEST_DIR/all.csv"
DB="$TEST_DIR/copy.db" sd 0 show --ref CHG1 --json
expect_eq "$(jq -r '.ticket.outcome' <<<"$out")" "successful" "CSV round trip keeps the outcome"

# History: an update by ref records the change of outcome (an imported
# ticket's history starts with its status events, as for every field).
echo '{"ref":"CHG1","outcome":"backed_out"}' >"$TEST_DIR/update.jsonl"
sd 0 import "$TEST_DIR/update.jsonl" --now 2026-11-03T10:00:00Z
sd 0 show --ref CHG1 --json
expect_eq "$(jq -c '[.history[] | select(.field == "outcome") | [.old, .new]]' <<<"$out")" \
  '[["successful","backed_out"]]' "history: the change of outcome"
sd 0 export
expect_eq "$(jq -r 'select(.ref == "CHG1") | .outcome' <<<"$out")" "backed_out" "export: the outcome"

# Refused: a value outside the choices; an outcome on an incident.
before=$(store_digest)
echo '{"ref":"CHG2","kind":"change","title":"x","outcome":"fine"}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "field 'outcome': unknown value 'fine' (accepted: successful, failed, backed_out)" "a bad outcome"
echo '{"ref":"INC1","outcome":"failed"}' >"$TEST_DIR/bad.jsonl"
sd 2 import "$TEST_DIR/bad.jsonl"
expect_error "outcome" "an outcome on an incident"
expect_contains "$err" "rule field-kind" "an outcome on an incident: the rule"
expect_eq "$(store_digest)" "$before" "refused imports change nothing"

finish
