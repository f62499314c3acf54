#!/usr/bin/env bash
# Issue 10, "Who did what": open --restricted GROUP and update --restricted
# GROUP|none on a SQLite store. The field is checked against the configured
# groups, shown, in JSON, export and import, tracked in history; a SQLite
# store hides nothing (whoever reads the file reads every ticket), and --as
# names anyone, as before. (PostgreSQL's row-level security:
# tests/cli/postgresql_restricted.sh.)
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped" >&2; exit 125; }

mkdir -p "$XDG_CONFIG_HOME/sdesk"
cat >"$XDG_CONFIG_HOME/sdesk/config.toml" <<'TOML'
[groups.service-desk]
tier = 1
[groups.security]
tier = 2
TOML

sd 0 init "$DB"
sd 0 open "Phishing mail to finance" --restricted security -q
expect_eq "$out" "1" "open --restricted"
sd 0 open "Printer jammed" -q

# show, JSON, list: the field is there, and on SQLite nothing is hidden.
sd 0 show 1
expect_contains "$out" "  restricted to   security" "show: the restricted line"
sd 0 show 2
[[ "$out" != *"restricted to"* ]] || fail "show: no restricted line on an unrestricted ticket"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket.restricted' <<<"$out")" "security" "show --json: restricted"
expect_eq "$(jq -r '[.history[] | select(.field == "restricted")][0] | "\(.action) \(.new)"' <<<"$out")" \
  "open security" "history: the open event of the field"
sd 0 list --json
expect_eq "$(jq -c '[.[].id]' <<<"$out")" "[1,2]" "list: a SQLite store hides no restricted ticket"
expect_eq "$(jq -c '[.[].restricted]' <<<"$out")" '["security",null]' "list --json: restricted"
expect_eq "$(sqlite3 "$DB" "SELECT title FROM ticket WHERE restricted = 'security'")" \
  "Phishing mail to finance" "whoever reads the file reads it"

# A group that is not configured: exit 2, naming the option and the groups.
before=$(store_digest)
sd 2 open "x" --restricted nosuch
expect_error "--restricted: unknown group 'nosuch'" "open --restricted with an unknown group"
expect_contains "$err" "security" "the error lists the groups"
expect_eq "$(store_digest)" "$before" "store unchanged after a refused open"
sd 2 update 1 --restricted nosuch
expect_error "--restricted: unknown group 'nosuch'" "update --restricted with an unknown group"
expect_eq "$(store_digest)" "$before" "store unchanged after a refused update"

# update --restricted none lifts it, GROUP sets it; each change is in history.
sd 0 update 1 --restricted none --json
expect_eq "$(jq -r '.restricted' <<<"$out")" "null" "update --restricted none"
sd 0 update 2 --restricted security --json
expect_eq "$(jq -r '.restricted' <<<"$out")" "security" "update --restricted GROUP"
sd 0 log 1 --json
expect_eq "$(jq -r '[.[] | select(.action == "update" and .field == "restricted")][0] | "\(.old) \(.new)"' <<<"$out")" \
  "security null" "history: the restriction lifted"
sd 0 update 1 --restricted none
sd 0 log 1 --json
expect_eq "$(jq '[.[] | select(.field == "restricted")] | length' <<<"$out")" "2" \
  "an update to the current value records nothing"

# Export and import keep it.
sd 0 export
expect_eq "$(jq -sc '[.[] | .restricted]' <<<"$out")" '[null,"security"]' "export: restricted"
printf '%s\n' "$out" >"$TEST_DIR/export.jsonl"
DB="$TEST_DIR/copy.db" sd 0 init "$TEST_DIR/copy.db"
DB="$TEST_DIR/copy.db" sd 0 import "$TEST_DIR/export.jsonl"
DB="$TEST_DIR/copy.db" sd 0 show 2 --json
expect_eq "$(jq -r '.ticket.restricted' <<<"$out")" "security" "import: restricted"

# On SQLite --as and SDESK_USER name anyone (no logins to check them against).
sd 0 --as mallory comment 2 "seen"
sd 0 log 2 --json
expect_eq "$(jq -r '.[-1].actor' <<<"$out")" "mallory" "SQLite: --as names anyone"
SDESK_USER=trent sd 0 comment 2 "seen too"
sd 0 log 2 --json
expect_eq "$(jq -r '.[-1].actor' <<<"$out")" "trent" "SQLite: SDESK_USER names anyone"
sd 0 verify

finish
