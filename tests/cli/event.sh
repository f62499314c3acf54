#!/usr/bin/env bash
# Monitoring events (sdesk event raw): one ticket per (source, key) however
# often it alerts; resolved when the monitor recovers (or only commented
# when a person changed it); reopened within reopen_within, else a new
# ticket linked to the old one; duplicates and late deliveries harmless;
# flapping keeps the ticket open; bad input and a busy store store nothing.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"

raw() { # raw EXIT TIME ARGS...: sdesk event raw at TIME
  local code=$1 when=$2
  shift 2
  sd "$code" --now "$when" event raw "$@"
}

# First trigger opens; repeats append, without a comment unless details change.
raw 0 2026-03-01T09:00:00Z --source prom --key disk-db1 --action trigger --severity critical \
  --summary "disk 91% full on db1" --label host=db1
expect_eq "$out" "created #1 prom disk-db1" "first trigger"
raw 0 2026-03-01T09:01:00Z --source prom --key disk-db1 --action trigger --severity critical \
  --summary "disk 91% full on db1"
expect_eq "$out" "appended #1 prom disk-db1" "repeat"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.priority, .requester, .title] | join(" ")' <<<"$out")" "P1 event:prom disk 91% full on db1" "opened ticket"
expect_eq "$(jq '[.history[] | select(.action == "comment")] | length' <<<"$out")" "0" "no comment for a repeat"
raw 0 2026-03-01T09:02:00Z --source prom --key disk-db1 --action trigger --severity warning --json
expect_eq "$(jq -c '[.outcome, .ticket, .action]' <<<"$out")" '["appended",1,"trigger"]' "json line"
sd 0 show 1 --json
expect_eq "$(jq '[.history[] | select(.action == "comment")] | length' <<<"$out")" "1" "severity change comments"
expect_eq "$(sqlite3 "$DB" "SELECT trigger_count, state FROM alert_key WHERE source = 'prom' AND key = 'disk-db1'")" "3|firing" "count"

# Four concurrent triggers of a new key open one ticket.
for i in 1 2 3 4; do
  "$SDESK" --db "$DB" --now 2026-03-01T09:03:00Z event raw --source prom --key cpu --action trigger >"$TEST_DIR/c$i" 2>&1 &
done
wait
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket WHERE title = 'prom: cpu'")" "1" "concurrent triggers: one ticket"
expect_eq "$(cat "$TEST_DIR"/c[1-4] | sort | uniq -c | awk '{print $1, $2}' | paste -sd,)" "3 appended,1 created" "concurrent outcomes"

# Resolve: resolved with a comment; a repeat and an unknown key change nothing.
raw 0 2026-03-01T10:00:00Z --source prom --key disk-db1 --action resolve
expect_eq "$out" "resolved #1 prom disk-db1" "resolve"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | .status, .resolution_code' <<<"$out" | paste -sd' ')" "resolved fixed" "ticket resolved"
before=$(store_digest)
raw 0 2026-03-01T10:00:30Z --source prom --key disk-db1 --action resolve
expect_eq "$out" "ignored #1 prom disk-db1" "repeated resolve"
raw 0 2026-03-01T10:00:30Z --source prom --key never-seen --action resolve
expect_eq "$out" "ignored - prom never-seen" "unknown key"
raw 0 2026-03-01T10:00:30Z --source prom --key never-seen --action acknowledge
expect_eq "$out" "ignored - prom never-seen" "acknowledge unknown key"
[ "$(store_digest)" = "$before" ] || fail "ignored alerts changed the store"

# Trigger within reopen_within (2h): reopened.
raw 0 2026-03-01T11:00:00Z --source prom --key disk-db1 --action trigger
expect_eq "$out" "reopened #1 prom disk-db1" "reopen"
sd 0 show 1 --json
expect_eq "$(jq -r .ticket.status <<<"$out")" "new" "reopened status"

# A late resolve (older than the stored trigger) is ignored.
before=$(store_digest)
SDESK_NOW=2026-03-01T11:01:00Z raw 0 2026-03-01T10:59:00Z --source prom --key disk-db1 --action resolve
expect_eq "$out" "ignored #1 prom disk-db1" "late resolve"
[ "$(store_digest)" = "$before" ] || fail "a late resolve changed the store"

# A person changed it: the resolve only comments.
sd 0 --now 2026-03-01T11:10:00Z --as bob comment 1 "looking"
raw 0 2026-03-01T11:20:00Z --source prom --key disk-db1 --action resolve
expect_eq "$out" "commented #1 prom disk-db1" "resolve after a person's change"
sd 0 show 1 --json
expect_eq "$(jq -r .ticket.status <<<"$out")" "new" "still open"

# Acknowledge comments on the open ticket.
raw 0 2026-03-01T11:21:00Z --source prom --key disk-db1 --action trigger
raw 0 2026-03-01T11:22:00Z --source prom --key disk-db1 --action acknowledge
expect_eq "$out" "acknowledged #1 prom disk-db1" "acknowledge"

# Resolved by the person, fired again after reopen_within: a new ticket linked to the old.
sd 0 --now 2026-03-01T11:30:00Z --as bob resolve 1 --code fixed
raw 0 2026-03-01T14:00:00Z --source prom --key disk-db1 --action trigger --json
expect_eq "$(jq -c '[.outcome, .ticket, .previous]' <<<"$out")" '["recurred",3,1]' "recurred"
sd 0 show 3 --json
expect_eq "$(jq -c '[.links[] | .type, .target]' <<<"$out")" '["relates-to",1]' "linked to the old ticket"

# Flapping: more than 4 state changes in 30 minutes keep the ticket open, tagged once.
for i in 0 1 2 3 4 5 6; do
  action=trigger
  ((i % 2 == 1)) && action=resolve
  raw 0 "2026-03-02T09:0${i}:00Z" --source nagios --key web1/http --action $action
done
expect_eq "$out" "flapping #4 nagios web1/http" "flapping"
sd 0 show 4 --json
expect_eq "$(jq -c '[.ticket.status, .ticket.tags]' <<<"$out")" '["new",["flapping"]]' "flapping ticket stays open, tagged"
expect_eq "$(jq '[.history[] | select(.note != null and (.note | startswith("flapping")))] | length' <<<"$out")" "1" "commented once"

# Malformed input: exit 2, nothing stored.
before=$(store_digest)
raw 2 2026-03-02T10:00:00Z --source prom --key x --action fire
expect_error "--action: unknown value 'fire' (accepted: trigger, acknowledge, resolve)" "bad action"
raw 2 2026-03-02T10:00:00Z --source prom --key x --action trigger --severity fatal
expect_error "--severity: unknown value 'fatal' (accepted: critical, error, warning, info)" "bad severity"
raw 2 2026-03-02T10:00:00Z --source prom --key x --action trigger --label novalue
expect_error "--label: expected NAME=VALUE, got 'novalue'" "bad label"
raw 2 2026-03-02T10:00:00Z --source prom --key "" --action trigger
expect_error "key: must not be empty" "empty key"
raw 2 2026-03-02T10:00:00Z --source prom --key x --action trigger --summary $'two\nlines'
expect_error "summary" "multi-line summary"
raw 2 2026-03-02T10:00:00Z --key x --action trigger
expect_error "--source is required" "missing source"
[ "$(store_digest)" = "$before" ] || fail "refused events changed the store"

# A busy store: exit 75 (the sender retries), store unchanged.
printf '[store]\nbusy_timeout = "1s"\n' >"$TEST_DIR/fast.toml"
fifo="$TEST_DIR/hold"
mkfifo "$fifo"
(sqlite3 "$DB" >/dev/null 2>&1 <"$fifo") &
holder=$!
exec 3>"$fifo"
printf 'BEGIN IMMEDIATE;\nINSERT INTO ticket_tag VALUES (1, %s);\n' "'held'" >&3
sleep 0.3
raw 75 2026-03-02T10:00:00Z --config "$TEST_DIR/fast.toml" --source prom --key busy --action trigger
expect_error "is locked by another process" "busy store"
printf 'ROLLBACK;\n.quit\n' >&3
exec 3>&-
wait "$holder"
[ "$(store_digest)" = "$before" ] || fail "the busy attempt changed the store"

# [events] thresholds: a shorter reopen_within opens a linked ticket instead.
printf '[events]\nreopen_within = "10m"\nflapping_changes = 2\nflapping_window = "1h"\n' >"$TEST_DIR/events.toml"
sd 0 --config "$TEST_DIR/events.toml" config
expect_contains "$out" 'events.reopen_within = "10m"' "config shows [events]"
raw 0 2026-03-03T09:00:00Z --config "$TEST_DIR/events.toml" --source zbx --key q --action trigger
raw 0 2026-03-03T09:01:00Z --config "$TEST_DIR/events.toml" --source zbx --key q --action resolve
expect_eq "$out" "resolved #5 zbx q" "configured: resolve"
raw 0 2026-03-03T09:20:00Z --config "$TEST_DIR/events.toml" --source zbx --key q --action trigger
expect_eq "$out" "flapping #6 zbx q" "configured: recurred after 10m, and 3 changes > 2 is flapping"
before=$(store_digest)
printf '[events]\nflaping_window = "1h"\n' >"$TEST_DIR/bad.toml"
raw 6 2026-03-03T09:30:00Z --config "$TEST_DIR/bad.toml" --source zbx --key q --action trigger
expect_error "events: unknown key 'flaping_window' (did you mean 'flapping_window'?)" "unknown [events] key"
printf '[events]\nflapping_changes = 0\n' >"$TEST_DIR/bad.toml"
raw 6 2026-03-03T09:30:00Z --config "$TEST_DIR/bad.toml" --source zbx --key q --action trigger
expect_error "expected 1..1000 state changes, got 0" "bad flapping_changes"
[ "$(store_digest)" = "$before" ] || fail "a refused configuration changed the store"

finish
