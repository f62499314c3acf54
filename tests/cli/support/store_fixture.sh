# Sourced by tests/cli/store_copy.sh and postgresql_copy.sh (after lib.sh):
# fill_store STORE fills STORE (a file or a postgresql:// URI, made with
# sdesk init first) through sdesk's commands, with a row in every table a
# store has: tickets with tags, history and links, the outbox and a
# post-commit hook's deliveries, a monitoring key and its history, a
# watcher, an attachment, a received mail, the escalation watch, a
# queued mail, a subscriber and an announcement. The same calls give the same
# rows on every backend (the time is fixed by SDESK_NOW).

# fixture_sd ARGS...: sdesk on $FIXTURE_STORE; a failure fails the test.
fixture_sd() {
  "$SDESK" --db "$FIXTURE_STORE" "$@" >/dev/null 2>"$TEST_DIR/fixture.err" ||
    fail "fixture: sdesk $* failed: $(cat "$TEST_DIR/fixture.err")"
}

fill_store() {
  FIXTURE_STORE=$1
  fixture_sd init "$FIXTURE_STORE"
  fixture_sd open "Printer jammed" --impact high --urgency medium --tag printer,floor2
  fixture_sd open "VPN down" --kind request --tag vpn --ref EXT-7
  fixture_sd open "Disk full" --impact low --urgency low --group second-line
  fixture_sd --now 2026-11-02T10:00:00Z assign 1 bob
  fixture_sd --now 2026-11-02T10:05:00Z comment 1 "toner ordered"
  fixture_sd --now 2026-11-02T11:00:00Z resolve 1 --code fixed --note "new toner"
  fixture_sd --now 2026-11-02T12:00:00Z reopen 1 --reason "jammed again"
  fixture_sd --now 2026-11-02T12:30:00Z escalate 3
  fixture_sd --now 2026-11-02T13:00:00Z link 1 2 --type relates-to
  fixture_sd --now 2026-11-02T13:10:00Z watch 2 carol
  printf 'log line 1\nlog line 2\n' >"$TEST_DIR/fixture.log"
  fixture_sd --now 2026-11-02T13:20:00Z attach 2 "$TEST_DIR/fixture.log"
  fixture_sd --now 2026-11-02T13:30:00Z event raw --source prom --key disk-db1 \
    --action trigger --severity critical --summary "disk 91% full on db1"
  fixture_sd --now 2026-11-02T13:35:00Z event raw --source prom --key disk-db1 --action resolve
  # A post-commit hook: one delivery per action while it is installed.
  local hooks="$XDG_CONFIG_HOME/sdesk/hooks/post-commit.d"
  mkdir -p "$hooks"
  printf '#!/bin/sh\ncat >/dev/null\n' >"$hooks/10-fixture"
  chmod +x "$hooks/10-fixture"
  fixture_sd --now 2026-11-02T14:00:00Z comment 3 "looking into it"
  rm -r "$XDG_CONFIG_HOME/sdesk/hooks"
  # Mail in: a new ticket and its message id.
  cat >"$TEST_DIR/fixture-mail.toml" <<'TOML'
[mail]
address = "helpdesk@example.org"
TOML
  "$SDESK" --db "$FIXTURE_STORE" --config "$TEST_DIR/fixture-mail.toml" \
    --now 2026-11-02T15:00:00Z mail receive <"$FIXTURE_MAIL" >/dev/null 2>"$TEST_DIR/fixture.err" ||
    fail "fixture: mail receive failed: $(cat "$TEST_DIR/fixture.err")"
  # An escalation rule and a tick that fires it: the escalation watch's
  # next checks and its sweep's fingerprint; the tick's mail step writes
  # the mail-in ticket's acknowledgement onto the outgoing queue.
  cat >"$TEST_DIR/fixture-rules.toml" <<'TOML'
[mail]
address = "helpdesk@example.org"
sendmail = ["/bin/true"]

[escalation.rules.half]
at = "50%"
target = "response"
action = "hierarchical"
inform = ["duty-manager"]
TOML
  fixture_sd --config "$TEST_DIR/fixture-rules.toml" --now 2026-11-02T16:00:00Z tick
  # A service's subscriber and an announcement to it.
  fixture_sd --config "$TEST_DIR/fixture-rules.toml" --now 2026-11-02T16:10:00Z subscribe email ops@example.org
  fixture_sd --config "$TEST_DIR/fixture-rules.toml" --now 2026-11-02T16:20:00Z announce --service email \
    --subject "Mail maintenance" --body "Mail is down from 22:00 to 23:00." \
    --from 2026-11-02T22:00:00Z --to 2026-11-02T23:00:00Z
}

FIXTURE_MAIL=${SDESK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}/tests/fixtures/mail/outlook_new.eml

# table_rows FILE TABLE: the rows of TABLE in the SQLite store FILE, each
# value quoted as SQL, sorted: equal output means equal contents.
table_rows() {
  sqlite3 -cmd ".mode quote" "$1" "SELECT * FROM \"$2\"" | LC_ALL=C sort
}

# sqlite_tables FILE: the tables of the SQLite store FILE, sorted, one a line.
sqlite_tables() {
  sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
}
