#!/usr/bin/env bash
# sdesk event alertmanager: Alertmanager's webhook payloads (version 4,
# recorded in tests/fixtures/alertmanager): one ticket per alert
# fingerprint (or per --key labels), a payload is one transaction, resolved
# notifications re-sent by Alertmanager or its HA peers are harmless, a
# late firing copy is ignored, flapping keeps the ticket open; a malformed
# payload exits 65 with nothing stored.
. "$(dirname "$0")/lib.sh"

FIX="$SDESK_SOURCE_DIR/tests/fixtures/alertmanager"
sd 0 init "$DB"

am() { # am EXIT TIME FILE [ARGS...]: the payload FILE on standard input
  local code=$1 when=$2 file=$3
  shift 3
  out=$("$SDESK" --db "$DB" --now "$when" event alertmanager "$@" <"$file" 2>"$TEST_DIR/stderr")
  rc=$?
  err=$(cat "$TEST_DIR/stderr")
  [ "$rc" -eq "$code" ] || fail "event alertmanager $file exited $rc, expected $code; stderr: $err"
}

# Firing: one ticket per alert, titled by the summary annotation.
am 0 2026-03-01T09:01:00Z "$FIX/firing.json"
expect_eq "$out" "created #1 alertmanager 1f2e3d4c5b6a7988
created #2 alertmanager 8a9b0c1d2e3f4a5b" "firing"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.priority, .requester, .title] | join("|")' <<<"$out")" \
  "P1|event:alertmanager|Disk /var on db1:9100 is over 90% full" "ticket from the alert"
expect_contains "$(jq -r .ticket.description <<<"$out")" "instance=db1:9100" "labels in the description"

# Repeated (Alertmanager's repeat_interval) and an HA peer's copy: appended, no comment.
am 0 2026-03-01T09:05:00Z "$FIX/repeated.json" --json
expect_eq "$(jq -c '[.outcome, .ticket]' <<<"$out" | paste -sd' ')" '["appended",1] ["appended",2]' "repeated"
am 0 2026-03-01T09:05:01Z "$FIX/repeated.json"
expect_eq "$out" "appended #1 alertmanager 1f2e3d4c5b6a7988
appended #2 alertmanager 8a9b0c1d2e3f4a5b" "HA duplicate"
sd 0 show 1 --json
expect_eq "$(jq '[.history[] | select(.action == "comment")] | length' <<<"$out")" "0" "no comment for repeats"
expect_eq "$(sqlite3 "$DB" "SELECT trigger_count FROM alert_key WHERE key = '1f2e3d4c5b6a7988'")" "3" "counted"

# Resolved: the ticket resolved; re-sent twice: ignored, the store unchanged.
am 0 2026-03-01T10:01:00Z "$FIX/resolved.json"
expect_eq "$out" "resolved #1 alertmanager 1f2e3d4c5b6a7988
appended #2 alertmanager 8a9b0c1d2e3f4a5b" "resolved"
sd 0 show 1 --json
expect_eq "$(jq -r .ticket.status <<<"$out")" "resolved" "ticket resolved"
before=$(sqlite3 "$DB" "SELECT * FROM ticket_event WHERE ticket_id = 1" | sha256sum)
am 0 2026-03-01T10:02:00Z "$FIX/resolved.json"
expect_eq "$(head -1 <<<"$out")" "ignored #1 alertmanager 1f2e3d4c5b6a7988" "resolved again"
am 0 2026-03-01T10:02:30Z "$FIX/resolved.json"
expect_eq "$(head -1 <<<"$out")" "ignored #1 alertmanager 1f2e3d4c5b6a7988" "resolved a third time"
[ "$(sqlite3 "$DB" "SELECT * FROM ticket_event WHERE ticket_id = 1" | sha256sum)" = "$before" ] ||
  fail "re-sent resolves changed ticket 1"

# A late copy of the first firing (older than the resolve): ignored.
am 0 2026-03-01T10:03:00Z "$FIX/late-firing.json"
expect_eq "$out" "ignored #1 alertmanager 1f2e3d4c5b6a7988" "late firing"

# Firing again within reopen_within: reopened.
am 0 2026-03-01T10:31:00Z "$FIX/firing-again.json"
expect_eq "$(head -1 <<<"$out")" "reopened #1 alertmanager 1f2e3d4c5b6a7988" "firing again"
sd 0 show 1 --json
expect_eq "$(jq -r .ticket.status <<<"$out")" "new" "reopened"

# Flapping: more than 4 state changes in 30 minutes keep the ticket open.
outcomes=""
for i in 1 2 3 4 5 6; do
  am 0 "2026-03-02T09:1${i}:00Z" "$FIX/flapping-$i.json"
  outcomes="$outcomes ${out%% *}"
done
expect_eq "$outcomes" " created resolved reopened resolved flapping flapping" "flapping"
sd 0 show 3 --json
expect_eq "$(jq -c '[.ticket.status, .ticket.tags]' <<<"$out")" '["new",["flapping"]]' "flapping ticket open"

# --key labels:NAME,NAME: the key is made of those labels.
am 0 2026-03-03T09:00:00Z "$FIX/firing.json" --source prom --key labels:alertname,instance
expect_eq "$out" "created #4 prom alertname=HighDiskUsage,instance=db1:9100
created #5 prom alertname=HighDiskUsage,instance=db2:9100" "key from labels"
am 0 2026-03-03T09:01:00Z "$FIX/firing.json" --source prom --key labels:alertname
expect_eq "$out" "created #6 prom alertname=HighDiskUsage
appended #6 prom alertname=HighDiskUsage" "two alerts, one key: one ticket"
sd 2 event alertmanager "$FIX/firing.json" --key labels:
expect_error "--key: expected 'fingerprint' or 'labels:NAME,NAME...', got 'labels:'" "bad --key"

# A file argument works like standard input.
sd 0 --now 2026-03-03T09:02:00Z event alertmanager "$FIX/repeated.json" --source prom --key labels:alertname,instance
expect_eq "$(wc -l <<<"$out")" "2" "file argument"

# A malformed payload: exit 65, nothing stored (also when only a later alert is bad).
before=$(store_digest)
printf '{"version":"4","alerts":[' >"$TEST_DIR/cut.json"
am 65 2026-03-04T09:00:00Z "$TEST_DIR/cut.json"
expect_error "payload: not JSON" "truncated payload"
jq '.version = "3"' "$FIX/firing.json" >"$TEST_DIR/v3.json"
am 65 2026-03-04T09:00:00Z "$TEST_DIR/v3.json"
expect_error 'payload: version: expected "4", got "3"' "other version"
jq '.alerts[1].status = "pending"' "$FIX/firing.json" >"$TEST_DIR/status.json"
am 65 2026-03-04T09:00:00Z "$TEST_DIR/status.json"
expect_error 'payload: alerts[1]: status: expected "firing" or "resolved"' "bad status"
jq '.alerts[1].labels.severity = 3' "$FIX/firing.json" >"$TEST_DIR/labels.json"
am 65 2026-03-04T09:00:00Z "$TEST_DIR/labels.json"
expect_error 'payload: alerts[1]: labels: expected an object of strings' "label not a string"
jq '.alerts[1].startsAt = "yesterday"' "$FIX/firing.json" >"$TEST_DIR/time.json"
am 65 2026-03-04T09:00:00Z "$TEST_DIR/time.json"
expect_error 'payload: alerts[1]: startsAt: expected an RFC 3339 time' "bad time"
jq 'del(.alerts[1].fingerprint)' "$FIX/firing.json" >"$TEST_DIR/nofp.json"
am 65 2026-03-04T09:00:00Z "$TEST_DIR/nofp.json"
expect_error 'payload: alerts[1]: no fingerprint' "no fingerprint"
am 65 2026-03-04T09:00:00Z /dev/null
expect_error "payload: not JSON" "empty payload"
[ "$(store_digest)" = "$before" ] || fail "malformed payloads changed the store"

# A payload is one transaction: a refused alert (a multi-line key) stores nothing of the others.
jq '.alerts[1].labels.instance = "a\nb"' "$FIX/firing-again.json" >"$TEST_DIR/twolines.json"
am 2 2026-03-04T09:00:00Z "$TEST_DIR/twolines.json" --source tx --key labels:instance
expect_error "key" "multi-line key"
[ "$(store_digest)" = "$before" ] || fail "a refused payload stored part of it"

finish
