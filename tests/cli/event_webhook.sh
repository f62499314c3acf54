#!/usr/bin/env bash
# End to end: Alertmanager -> Debian's webhook server -> sdesk, with the
# receiver of examples/alertmanager (hooks.json and sdesk-alertmanager.sh).
# Starts the real webhook on 127.0.0.1 (a free port, a temporary directory)
# and posts the recorded payloads with curl: firing, repeated, resolved
# twice, firing again, then flapping, checking the store after each; a busy
# store answers HTTP 500 (Alertmanager retries), a malformed payload 200.
# Skipped (125) when webhook or curl is missing.
. "$(dirname "$0")/lib.sh"

command -v webhook >/dev/null || { echo "webhook missing: skipped" >&2; exit 125; }
command -v curl >/dev/null || { echo "curl missing: skipped" >&2; exit 125; }

FIX="$SDESK_SOURCE_DIR/tests/fixtures/alertmanager"
EX="$SDESK_SOURCE_DIR/examples/alertmanager"
sd 0 init "$DB"

# The example's hooks.json, pointed at this tree and this test directory.
jq --arg cmd "$EX/sdesk-alertmanager.sh" --arg dir "$TEST_DIR" \
  '.[0]["execute-command"] = $cmd | .[0]["command-working-directory"] = $dir' \
  "$EX/hooks.json" >"$TEST_DIR/hooks.json"
printf '[store]\nbusy_timeout = "1s"\n' >"$TEST_DIR/config.toml"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

webhook_pid=""
stop_webhook() {
  if [ -n "$webhook_pid" ]; then
    kill "$webhook_pid" 2>/dev/null
    wait "$webhook_pid" 2>/dev/null
  fi
  rm -rf "$TEST_DIR"
}
trap stop_webhook EXIT
# The time sdesk handles each alert (resolved and reopened tickets) is fixed;
# the alerts' own times come from the payloads.
SDESK_DB="$DB" SDESK_CONFIG="$TEST_DIR/config.toml" SDESK_NOW=2026-03-01T10:01:00Z \
  webhook -hooks "$TEST_DIR/hooks.json" -ip 127.0.0.1 -port "$port" -verbose >"$TEST_DIR/webhook.log" 2>&1 &
webhook_pid=$!
url="http://127.0.0.1:$port/hooks/alertmanager"
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

post() { # post EXPECTED_HTTP_CODE FILE: sets $out (the response body)
  local code
  code=$(curl -s -o "$TEST_DIR/response" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$2" "$url")
  out=$(cat "$TEST_DIR/response")
  [ "$code" = "$1" ] || fail "POST $(basename "$2"): HTTP $code, expected $1; body: $out"
}
state() { # state KEY: the key's ticket, state and counts
  sqlite3 "$DB" "SELECT ticket_id, state, trigger_count, resolve_count FROM alert_key WHERE key = '$1'"
}
status() { # status ID
  sqlite3 "$DB" "SELECT status FROM ticket WHERE id = $1"
}

post 200 "$FIX/firing.json"
expect_eq "$out" "created #1 alertmanager 1f2e3d4c5b6a7988
created #2 alertmanager 8a9b0c1d2e3f4a5b" "firing"
expect_eq "$(state 1f2e3d4c5b6a7988)" "1|firing|1|0" "firing: stored"

post 200 "$FIX/repeated.json"
expect_eq "$(head -1 <<<"$out")" "appended #1 alertmanager 1f2e3d4c5b6a7988" "repeated"
expect_eq "$(state 1f2e3d4c5b6a7988)" "1|firing|2|0" "repeated: counted"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket")" "2" "repeated: no new ticket"

post 200 "$FIX/resolved.json"
expect_eq "$(head -1 <<<"$out")" "resolved #1 alertmanager 1f2e3d4c5b6a7988" "resolved"
expect_eq "$(status 1)" "resolved" "resolved: ticket"
before=$(sqlite3 "$DB" "SELECT * FROM ticket_event WHERE ticket_id = 1" | sha256sum)
post 200 "$FIX/resolved.json"
expect_eq "$(head -1 <<<"$out")" "ignored #1 alertmanager 1f2e3d4c5b6a7988" "resolved again"
expect_eq "$(state 1f2e3d4c5b6a7988)" "1|resolved|2|1" "resolved again: one resolve"
[ "$(sqlite3 "$DB" "SELECT * FROM ticket_event WHERE ticket_id = 1" | sha256sum)" = "$before" ] ||
  fail "the re-sent resolve changed ticket 1"

post 200 "$FIX/firing-again.json"
expect_eq "$(head -1 <<<"$out")" "reopened #1 alertmanager 1f2e3d4c5b6a7988" "firing again"
expect_eq "$(status 1)" "new" "firing again: reopened"

outcomes=""
for i in 1 2 3 4 5 6; do
  post 200 "$FIX/flapping-$i.json"
  outcomes="$outcomes ${out%% *}"
done
# (sdesk's clock stands still here: the second firing is more than
# reopen_within after the first resolve, hence recurred.)
expect_eq "$outcomes" " created resolved recurred resolved flapping flapping" "flapping"
expect_eq "$(sqlite3 "$DB" "SELECT flapping FROM alert_key WHERE key = 'c0ffee0123456789'")" "1" "flapping: stored"
flapping_ticket=$(sqlite3 "$DB" "SELECT ticket_id FROM alert_key WHERE key = 'c0ffee0123456789'")
expect_eq "$(status "$flapping_ticket")" "new" "flapping: the ticket stays open"

# A malformed payload: answered 200 (resending would not help), nothing stored.
before=$(store_digest)
printf '{"version": "4", "alerts": [' >"$TEST_DIR/cut.json"
post 200 "$TEST_DIR/cut.json"
expect_contains "$out" "sdesk: error: payload: not JSON" "malformed: the error in the response"
[ "$(store_digest)" = "$before" ] || fail "a malformed payload changed the store"

# A busy store: sdesk exits 75, webhook answers 500, so Alertmanager retries.
fifo="$TEST_DIR/hold"
mkfifo "$fifo"
(sqlite3 "$DB" >/dev/null 2>&1 <"$fifo") &
holder=$!
exec 3>"$fifo"
printf 'BEGIN IMMEDIATE;\nINSERT INTO ticket_tag VALUES (1, %s);\n' "'held'" >&3
sleep 0.3
post 500 "$FIX/firing-again.json"
printf 'ROLLBACK;\n.quit\n' >&3
exec 3>&-
wait "$holder"
[ "$(store_digest)" = "$before" ] || fail "the busy attempt changed the store"
post 200 "$FIX/firing-again.json"
expect_eq "$(head -1 <<<"$out")" "appended #1 alertmanager 1f2e3d4c5b6a7988" "the retry is handled"


finish
