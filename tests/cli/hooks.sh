#!/usr/bin/env bash
# Hooks (docs/hooks.md): pre-open and pre-change refuse (exit 4, the first
# line of their stderr, store unchanged) or patch fields; post-commit runs
# from the outbox, once per row, retried after a failure; hooks run in name
# order across the system, user and configured directories; files that are
# not executable are listed as ignored; a hook's sdesk cannot write the
# store; --no-hooks and SDESK_NO_HOOKS turn them off.
. "$(dirname "$0")/lib.sh"
export SDESK

SYS="$TEST_DIR/hooks"                 # next to SDESK_SYSTEM_CONFIG
USR="$XDG_CONFIG_HOME/sdesk/hooks"
LOG="$TEST_DIR/hook.log"

# hook DIR EVENT NAME BODY: installs an executable sh script.
hook() {
  mkdir -p "$1/$2.d"
  printf '#!/bin/sh\n%s\n' "$4" >"$1/$2.d/$3"
  chmod +x "$1/$2.d/$3"
}

sd 0 init "$DB"
sd 0 hook list
expect_eq "$out" "" "no hooks: nothing listed"
sd 0 open "Printer jammed" -q

# --- a read never looks for hooks; a write looks once per directory --------
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  strace -f -e trace=openat,open,stat,newfstatat,statx -o "$TEST_DIR/trace" "$SDESK" --db "$DB" show 1 >/dev/null 2>&1
  expect_eq "$(grep -c '/hooks' "$TEST_DIR/trace")" "0" "a read never looks for hooks"
  strace -f -e trace=openat,open,stat,newfstatat,statx -o "$TEST_DIR/trace" "$SDESK" --db "$DB" comment 1 traced >/dev/null 2>&1
  expect_eq "$(grep -c "\"$SYS\"" "$TEST_DIR/trace") $(grep -c "\"$USR\"" "$TEST_DIR/trace")" "1 1" \
    "a write looks in each hooks directory once"
fi

# --- refusal: exit 4, the first line of stderr, nothing stored ------------
hook "$USR" pre-open 50-refuse 'cat >/dev/null; echo "no tickets on Fridays" >&2; echo "second line" >&2; exit 1'
before=$(store_digest)
sd 4 open "Another printer" -q
expect_error "no tickets on Fridays" "a refusing pre-open hook"
expect_eq "$(store_digest)" "$before" "store unchanged after a refusal"
sd 4 open "Another printer" -q
expect_eq "$err" "sdesk: error: no tickets on Fridays" "only the first line"

printf 'echo no interpreter line\n' >"$USR/pre-open.d/60-noexec"
chmod +x "$USR/pre-open.d/60-noexec"
mv "$USR/pre-open.d/50-refuse" "$TEST_DIR/50-refuse"
sd 4 open "Hook cannot start" -q
expect_error "cannot run hook" "a hook that cannot be started refuses"
expect_eq "$(store_digest)" "$before" "store unchanged when a hook cannot start"
rm "$USR/pre-open.d/60-noexec"
mv "$TEST_DIR/50-refuse" "$USR/pre-open.d/50-refuse"

# --- --no-hooks and SDESK_NO_HOOKS ----------------------------------------
sd 0 --no-hooks open "Opened without hooks" -q
expect_eq "$out" "2" "--no-hooks skips the refusing hook"
before=$(store_digest)
sd 4 event raw --source nagios --key web1/http --action trigger --summary "HTTP down"
expect_error "no tickets on Fridays" "sdesk event goes through the hooks too"
expect_eq "$(store_digest)" "$before" "store unchanged after a refused event"
SDESK_NO_HOOKS=1 sd 0 open "Opened without hooks again" -q
expect_eq "$out" "3" "SDESK_NO_HOOKS=1 skips it"
rm "$USR/pre-open.d/50-refuse"

# --- input, and name order across directories ----------------------------
hook "$USR" pre-change 10-a 'cat >"'"$TEST_DIR"'/input.json"; echo a >>"'"$LOG"'"'
hook "$SYS" pre-change 15-sys 'cat >/dev/null; echo sys >>"'"$LOG"'"'
hook "$USR" pre-change 20-b 'cat >/dev/null; echo b >>"'"$LOG"'"'
sd 0 assign 1 --group second-line
expect_eq "$(paste -sd' ' "$LOG")" "a sys b" "hooks run in name order whatever their directory"
input=$(cat "$TEST_DIR/input.json")
expect_eq "$(jq -c '[.api, .event, .actor, .action, .outbox_id, .before.id, .after.group]' <<<"$input")" \
  '[1,"pre-change","agent","assign",null,1,"second-line"]' "pre-change input"
expect_eq "$(jq -c '[.changes[] | select(.field == "group") | .new]' <<<"$input")" '["second-line"]' \
  "input changes"
expect_eq "$(jq -r '.events[0].action' <<<"$input")" "assign" "input events"
rm -r "$USR/pre-change.d" "$SYS"
: >"$LOG"

# --- ignored files ---------------------------------------------------------
hook "$USR" pre-open 30-off 'exit 1'
chmod -x "$USR/pre-open.d/30-off"
hook "$USR" bogus 10-x 'exit 1'
sd 0 hook list --json
expect_eq "$(jq -r '.hooks | length' <<<"$out")" "0" "no active hook"
expect_eq "$(jq -r '.ignored[] | .reason' <<<"$out" | sort | paste -sd'|')" \
  "not executable|unknown event name 'bogus' (accepted: pre-open, pre-change, post-commit)" "ignored, with reasons"
sd 0 hook list
expect_contains "$out" "not executable" "hook list names the ignored files"
sd 0 open "Not refused by a non-executable hook" -q
expect_eq "$out" "4" "an ignored hook does not run"
rm -r "$USR/pre-open.d" "$USR/bogus.d"

# --- patching --------------------------------------------------------------
hook "$USR" pre-open 10-patch 'cat >/dev/null; echo "{\"category\": \"hardware\", \"tags\": [\"auto\"]}"'
sd 0 open "Patched printer" -q
id=$out
sd 0 show "$id" --json
expect_eq "$(jq -c '.ticket | [.category, .tags]' <<<"$out")" '["hardware",["auto"]]' "a pre-open patch is stored"
sd 0 log "$id" --json
expect_contains "$(jq -r '[.[] | .field] | join(",")' <<<"$out")" "category" "the patched field is in the history"
hook "$USR" pre-open 10-patch 'cat >/dev/null; echo "{\"impact\": \"huge\"}"'
before=$(store_digest)
sd 4 open "Badly patched" -q
expect_error "impact" "a bad patch value is refused"
expect_eq "$(store_digest)" "$before" "store unchanged after a bad patch"
hook "$USR" pre-open 10-patch 'cat >/dev/null; echo "{\"status\": \"closed\"}"'
sd 4 open "Patched status" -q
expect_error "cannot patch" "a patch of a field a hook may not set"
expect_eq "$(store_digest)" "$before" "store unchanged after a forbidden patch"
hook "$USR" pre-open 10-patch 'cat >/dev/null; echo "{\"group\": \"nowhere\"}"'
sd 4 open "Patched group" -q
expect_error "nowhere" "a patched group is checked against the configuration"
hook "$USR" pre-open 10-patch 'cat >/dev/null; printf "%s\n" "{\"service\": \"mail\\nrelay\"}"'
sd 4 open "Patched two-line service" -q
expect_error "line 1: field 'service': must be one line" "a patched service is one line, as open's"
expect_eq "$(store_digest)" "$before" "store unchanged after a two-line patch"
hook "$USR" pre-change 10-patch 'cat >/dev/null; echo "{\"urgency\": \"high\", \"impact\": \"high\"}"'
sd 0 comment 1 "urgent now"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket.priority' <<<"$out")" "P1" "a pre-change patch of impact and urgency derives the priority"
rm -r "$USR/pre-open.d" "$USR/pre-change.d"

# --- timeout -----------------------------------------------------------------
printf '[hooks]\ntimeout = "1s"\n' >"$TEST_DIR/hooks.toml"
hook "$USR" pre-open 10-slow 'sleep 5'
before=$(store_digest)
start=$(date +%s)
sd 4 --config "$TEST_DIR/hooks.toml" open "Slow" -q
expect_error "timed out" "a pre-open hook that runs too long refuses"
[ $(( $(date +%s) - start )) -le 4 ] || fail "the slow hook was not killed after its timeout"
expect_eq "$(store_digest)" "$before" "store unchanged after a timeout"
rm -r "$USR/pre-open.d"

# --- the configured directory --------------------------------------------------
printf '[hooks]\ndir = "%s/site-hooks"\n' "$TEST_DIR" >"$TEST_DIR/site.toml"
hook "$TEST_DIR/site-hooks" pre-open 10-site 'cat >/dev/null; echo "site hook says no" >&2; exit 1'
sd 4 --config "$TEST_DIR/site.toml" open "Site" -q
expect_error "site hook says no" "hooks.dir is searched"
sd 0 open "Site dir not configured" -q
rm -r "$TEST_DIR/site-hooks"

# --- the recursion guard ---------------------------------------------------------
hook "$USR" pre-open 10-writes '"$SDESK" comment 1 "from a hook" >/dev/null 2>"'"$TEST_DIR"'/inner.err"; echo $? >"'"$TEST_DIR"'/inner.rc"; "$SDESK" show 1 >/dev/null 2>&1; echo $? >>"'"$TEST_DIR"'/inner.rc"'
sd 0 open "Hook writes" -q
expect_eq "$(paste -sd' ' "$TEST_DIR/inner.rc")" "4 0" "a hook's write is refused, its read works"
expect_contains "$(cat "$TEST_DIR/inner.err")" "a hook cannot write the store it runs for" "the refusal says why"
rm -r "$USR/pre-open.d"

# --- post-commit: once, with the outbox id; every action ---------------------
hook "$USR" post-commit 10-log 'jq -c "[.event, .outbox_id, .action, .after.id]" >>"'"$LOG"'"; echo "$SDESK_OUTBOX_ID" >>"'"$TEST_DIR"'/ids"'
sd 0 comment 1 "post-commit please" --now 2026-11-02T09:30:00Z
sd 0 outbox --json
last=$(jq -r '.[-1].event' <<<"$out")
expect_eq "$(cat "$LOG")" "[\"post-commit\",$last,\"comment\",1]" "post-commit ran once with the outbox id"
expect_eq "$(cat "$TEST_DIR/ids")" "$last" "SDESK_OUTBOX_ID"
sd 0 hook deliver --json --now 2026-11-02T10:30:00Z
expect_eq "$out" '{"delivered":0}' "a delivered row is not delivered again"
sd 0 link 1 2 --type relates-to --now 2026-11-02T09:31:00Z
expect_contains "$(tail -n1 "$LOG")" '"link"' "with post-commit hooks, a link (not notifiable) is queued too"
: >"$LOG"

# --- post-commit retried after a failure -------------------------------------------
hook "$USR" post-commit 10-log 'cat >/dev/null; [ -e "'"$TEST_DIR"'/ok" ] || { echo "receiver down" >&2; exit 1; }; echo ran >>"'"$LOG"'"'
sd 0 comment 1 "fails first" --now 2026-11-02T11:00:00Z
expect_eq "$(cat "$LOG")" "" "the first attempt failed"
touch "$TEST_DIR/ok"
sd 0 hook deliver --json --now 2026-11-02T11:00:30Z
expect_eq "$out" '{"delivered":0}' "not retried before its backoff"
sd 0 hook deliver --json --now 2026-11-02T11:02:00Z
expect_eq "$out" '{"delivered":1}' "retried after its backoff"
expect_eq "$(cat "$LOG")" "ran" "delivered once after the retry"
sd 0 hook deliver --json --now 2026-11-02T12:00:00Z
expect_eq "$out" '{"delivered":0}' "and not again"

# --- sdesk tick retries a failed post-commit hook (its last step) ---------------
rm "$TEST_DIR/ok"
: >"$LOG"
sd 0 comment 1 "fails first, tick retries" --now 2026-11-02T12:10:00Z
touch "$TEST_DIR/ok"
sd 0 tick --json --now 2026-11-02T12:15:00Z
expect_eq "$(jq -c '.steps.hooks' <<<"$out")" '{"count":1,"details":["hooks: 1 post-commit run(s) delivered"]}' \
  "tick delivers a failed post-commit hook"
expect_eq "$(cat "$LOG")" "ran" "the hook ran once, from tick"
sd 0 tick --now 2026-11-02T12:20:00Z
expect_eq "$out" "" "a second tick has nothing left to deliver"

# --- post-commit timeout is retried ----------------------------------------------------
printf '[hooks]\ntimeout = "1s"\n' >"$TEST_DIR/hooks.toml"
hook "$USR" post-commit 10-log 'cat >/dev/null; [ -e "'"$TEST_DIR"'/fast" ] || sleep 5; echo ran >>"'"$LOG"'"'
: >"$LOG"
sd 0 --config "$TEST_DIR/hooks.toml" comment 1 "slow receiver" --now 2026-11-02T13:00:00Z
touch "$TEST_DIR/fast"
sd 0 --config "$TEST_DIR/hooks.toml" hook deliver --json --now 2026-11-02T13:05:00Z
expect_eq "$out" '{"delivered":1}' "a timed-out post-commit is retried"
expect_eq "$(cat "$LOG")" "ran" "the retry ran"

# --- hook test: a dry run ------------------------------------------------------------
hook "$USR" pre-change 10-patch 'cat >/dev/null; echo "{\"category\": \"software\"}"'
before=$(store_digest)
sd 0 hook test pre-change 1 --json
expect_eq "$(jq -c '[.event, .input.event, .input.after.id, .hooks[0].name, .hooks[0].exit, .hooks[0].patch.category]' <<<"$out")" \
  '["pre-change","pre-change",1,"10-patch",0,"software"]' "hook test --json"
sd 0 hook test pre-change 1
expect_contains "$out" "patch: category = software" "hook test shows the answer"
expect_eq "$(store_digest)" "$before" "hook test writes nothing"
sd 2 hook test pre-commit 1
expect_error "unknown event" "hook test with an unknown event"
sd 3 hook test pre-change 99
finish
