#!/usr/bin/env bash
# Mail out (docs/sdesk-mail.md, "MAIL OUT"), end to end with a fake sendmail
# that keeps every message it is given: notifications from the outbox sent
# by `tick` and `mail flush` (and right after the commit with mail.deliver
# = "commit"); the headers of every message; threading both ways (a reply to
# a notification lands on its ticket through `mail receive`, the next
# notification answers the reply); internal comments stay inside; no mail
# answers automatic mail or sdesk's own; a failing sendmail leaves the
# message queued, retried with backoff; the hourly limit defers; hostile
# titles inject no header; escalation and an SLA warning reach the group;
# a flush and a tick at once send each message once.
#
# SDESK_TEST_MAIL_STORE names the store to use instead of a SQLite file
# (tests/cli/postgresql_mail_out.sh runs this script on PostgreSQL).
. "$(dirname "$0")/lib.sh"
src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DB=${SDESK_TEST_MAIL_STORE:-$DB}

sd 0 init "$DB"
mkdir -p "$TEST_DIR/sent"
cat >"$TEST_DIR/sendmail" <<'SH'
#!/bin/sh
# A fake sendmail: keeps message N as sent/N.eml, its arguments as
# sent/N.args; exits with the number in ./exit (0 without it); sleeps
# ./delay seconds first when that file exists.
dir=${0%/*}
[ -f "$dir/delay" ] && sleep "$(cat "$dir/delay")"
lock="$dir/lock"
while ! mkdir "$lock" 2>/dev/null; do sleep 0.01; done
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" >"$dir/count"
rmdir "$lock"
cat >"$dir/sent/$n.eml"
echo "$*" >"$dir/sent/$n.args"
code=$(cat "$dir/exit" 2>/dev/null || echo 0)
[ "$code" = 0 ] || echo "mailbox unavailable" >&2
exit "$code"
SH
chmod +x "$TEST_DIR/sendmail"
cat >"$TEST_DIR/mail.toml" <<TOML
[mail]
address = "helpdesk@example.org"
sendmail = ["$TEST_DIR/sendmail", "-oi", "-t"]
hourly_limit = 6

[agents.agent]
groups = ["service-desk"]
[agents.alice]
email = "alice@example.org"
groups = ["service-desk", "second-line"]

[groups.service-desk]
email = "sd@example.org"
escalates_to = "second-line"
[groups.second-line]
tier = 2
email = "l2@example.org"

[escalation.rules.half]
at = "50%"
target = "resolution"
action = "notify"
groups = ["second-line"]
TOML
export SDESK_CONFIG="$TEST_DIR/mail.toml"

sent_count() { cat "$TEST_DIR/count" 2>/dev/null || echo 0; }
# header N NAME: the value of header NAME of sent message N (unfolded).
header() {
  awk -v name="$2" 'BEGIN { IGNORECASE = 1 }
    /^$/ { exit }
    /^[ \t]/ { if (found) { sub(/^[ \t]+/, " "); value = value $0 }; next }
    { if (found) exit; if (tolower(substr($0, 1, length(name) + 1)) == tolower(name) ":") { found = 1; value = substr($0, length(name) + 3) } }
    END { print value }' "$TEST_DIR/sent/$1.eml"
}
receive() { # receive EXIT: sdesk mail receive < $TEST_DIR/in.eml
  out=$("$SDESK" --db "$DB" mail receive <"$TEST_DIR/in.eml" 2>"$TEST_DIR/stderr")
  rc=$?
  err=$(cat "$TEST_DIR/stderr")
  [ "$rc" -eq "$1" ] || fail "mail receive exited $rc, expected $1; stderr: $err"
}

# --- Open: the requester's acknowledgement, after the tick -------------------
sd 0 open "Printer jammed" --requester ann@example.org -q
sd 0 mail outbox --json
expect_eq "$(jq -c '[.[] | [.id, .ticket, .kind, .state]]' <<<"$out")" '[[null,1,"notify:open","waiting"]]' \
  "outbox: the notification waits for the tick"
expect_eq "$(sent_count)" "0" "nothing sent before the tick"
sd 0 tick --json
expect_eq "$(jq -c '.steps.mail' <<<"$out")" '{"count":1,"details":["mail 1 to ann@example.org: sent"]}' "tick's mail step"
expect_eq "$(sent_count)" "1" "one message"
expect_eq "$(cat "$TEST_DIR/sent/1.args")" "-oi -t" "the sendmail command's arguments"
expect_eq "$(header 1 From)" "helpdesk@example.org" "From: mail.address"
expect_eq "$(header 1 To)" "ann@example.org" "To: the requester"
expect_eq "$(header 1 Subject)" "[sdesk #1] Printer jammed" "Subject: the tag first"
expect_eq "$(header 1 Auto-Submitted)" "auto-generated" "Auto-Submitted"
expect_eq "$(header 1 X-Sdesk-Loop)" "helpdesk@example.org" "the loop header"
ack_id=$(header 1 Message-ID)
expect_contains "$ack_id" "<sdesk.1." "a stable Message-ID on the desk's domain"
expect_contains "$ack_id" "@example.org>" "a stable Message-ID on the desk's domain"
expect_eq "$(header 1 In-Reply-To)" "" "the first message of a thread answers nothing"
expect_contains "$(cat "$TEST_DIR/sent/1.eml")" "your request has been recorded as ticket [sdesk #1]" "the open template"
sd 0 mail outbox
expect_eq "$out" "" "outbox empty once sent"
sd 0 tick --json
expect_eq "$(jq -c '.steps.mail.count' <<<"$out")" "0" "sent once"

# --- A reply to the notification lands on the ticket; the answer threads ----
cat >"$TEST_DIR/in.eml" <<EOF
From: Ann Example <ann@example.org>
To: helpdesk@example.org
Subject: Re: your ticket
Message-ID: <reply-1@mail.example.org>
In-Reply-To: $ack_id
References: $ack_id
Date: Mon, 02 Nov 2026 09:05:00 +0000

It is still jammed.
EOF
receive 0
expect_eq "$out" "appended #1 (matched #1 by In-Reply-To)" "a reply to sdesk's notification threads back"
sd 0 mail flush
expect_eq "$out" "" "the requester's own reply is not mailed back to her"
sd 0 comment 1 "A technician is on the way."
sd 0 mail flush
expect_eq "$out" "mail 2 to ann@example.org: sent" "flush sends the comment"
expect_eq "$(header 2 In-Reply-To)" "<reply-1@mail.example.org>" "the answer answers the reply"
expect_eq "$(header 2 References)" "$ack_id <reply-1@mail.example.org>" "References: the thread's first and newest"
expect_contains "$(cat "$TEST_DIR/sent/2.eml")" "A technician is on the way." "the comment's text"

# --- Internal comments stay inside --------------------------------------------
sd 0 open "VPN drops" --requester bob@example.net -q
sd 0 mail flush
expect_eq "$(sent_count)" "3" "bob's acknowledgement"
sd 0 comment 2 "checking the concentrator logs" --internal
sd 0 mail flush
expect_eq "$(sent_count)" "3" "an internal comment mails no one"
sd 0 show 2 --json
expect_eq "$(jq -r '.ticket.first_response' <<<"$out")" "null" "an internal comment is no first response"
expect_eq "$(jq -r '[.history[] | select(.action == "comment")][0].data.internal' <<<"$out")" "true" \
  "an internal comment's data"

# --- No mail answers automatic mail ------------------------------------------
for shape in "Auto-Submitted: auto-replied" "Precedence: bulk" "X-Sdesk-Loop: helpdesk@example.org" "Return-Path: <>"; do
  cat >"$TEST_DIR/in.eml" <<EOF
From: ann@example.org
To: helpdesk@example.org
Subject: Automatic reply: [sdesk #1] Printer jammed
Message-ID: <auto-$RANDOM@mail.example.org>
In-Reply-To: $ack_id
$shape

I am out of the office.
EOF
  receive 0
  expect_contains "$out" "dropped #1" "automatic mail ($shape) is dropped"
done
cat >"$TEST_DIR/in.eml" <<EOF
From: MAILER-DAEMON@mail.example.org
To: helpdesk@example.org
Subject: Undelivered Mail Returned to Sender

The mail system could not deliver.
EOF
receive 0
expect_contains "$out" "dropped -" "a bounce from mailer-daemon is dropped"
before=$(sent_count)
sd 0 mail flush
expect_eq "$(sent_count)" "$before" "nothing answers automatic mail"

# --- A failing sendmail: queued, the reason shown, retried with backoff ------
echo 75 >"$TEST_DIR/exit"
sd 0 comment 1 "The fuser is replaced."
sd 0 mail flush
expect_eq "$out" "mail 4 to ann@example.org: failed: the sendmail command exited with status 75: mailbox unavailable" \
  "a failure is reported"
sd 0 mail outbox --json
expect_eq "$(jq -c '[.[] | [.id, .state, .attempts, .next_attempt, .last_error]]' <<<"$out")" \
  '[[4,"failed",1,"2026-11-02T09:01:00Z","the sendmail command exited with status 75: mailbox unavailable"]]' \
  "outbox: failed, why, and the next try a minute later"
sd 0 mail outbox -q
expect_eq "$out" "4" "outbox -q: the queue ids"
rm "$TEST_DIR/exit"
sd 0 mail flush
expect_eq "$out" "" "not retried before its time"
sd 0 mail flush --json --now 2026-11-02T09:01:00Z
expect_eq "$(jq -c '[.sent, .failed, .deferred]' <<<"$out")" "[1,0,0]" "retried and sent when due"
expect_contains "$(cat "$TEST_DIR/sent/$(sent_count).eml")" "The fuser is replaced." "the same message, sent"

# --- Header injection through ticket text ---------------------------------------
sd 2 open $'Evil\r\nBcc: victim@example.net' --requester carol@example.org -q
expect_error "title: must be a single line" "a title with CR LF is refused"
sd 2 open "Evil" --requester $'carol@example.org\r\nBcc: victim@example.net' -q
expect_error "must be a single line" "a requester with CR LF is refused"
# What the single-line rule lets through (a vertical tab, a form feed, an
# escape) becomes a space in the header; an address with one is not mailed.
sd 0 open $'Evil\vBcc: victim@example.net\fCc: other@example.net\e' --requester carol@example.org -q
sd 0 open "Evil twin" --requester $'mallory@example.org\vBcc: victim@example.net' -q
sd 0 mail flush
expect_eq "$(wc -l <<<"$out")" "1" "one message: the requester with a vertical tab is not mailed"
n=$(sent_count)
expect_eq "$(header "$n" To)" "carol@example.org" "the hostile title's acknowledgement"
expect_contains "$(header "$n" Subject)" "[sdesk #3] Evil Bcc: victim@example.net Cc: other@example.net" \
  "control characters in a title are spaces"
expect_eq "$(grep -c -i -E '^(Bcc|Cc):' "$TEST_DIR/sent/$n.eml")" "0" "no header injected through a title"
b64=$(printf 'Hello\r\nBcc: victim@example.net' | base64 -w0)
cat >"$TEST_DIR/in.eml" <<EOF
From: dave@example.org
To: helpdesk@example.org
Subject: =?UTF-8?B?$b64?=
Message-ID: <evil-1@mail.example.org>

Hi.
EOF
receive 0
sd 0 mail flush
n=$(sent_count)
expect_eq "$(header "$n" To)" "dave@example.org" "the acknowledgement of a hostile subject"
expect_eq "$(grep -c -i '^Bcc:' "$TEST_DIR/sent/$n.eml")" "0" "an encoded CR LF in a subject injects no header"
sd 2 watch 1 $'eve@example.org\nBcc: x@example.net'

# --- Non-ASCII subjects are RFC 2047 -------------------------------------------
sd 0 open "Drucker im 3. OG – kaputt" --requester erik@example.org -q
sd 0 mail flush
n=$(sent_count)
expect_contains "$(header "$n" Subject)" "=?UTF-8?B?" "a non-ASCII subject is encoded"
expect_eq "$(LC_ALL=C grep -c -P '[\x80-\xff]' "$TEST_DIR/sent/$n.eml")" "0" "the message is ASCII"

# --- Watchers hear every public change; assignment; escalation ---------------
sd 0 watch 2 frank@example.org
sd 0 start 2
sd 0 mail flush
expect_contains "$out" "to frank@example.org: sent" "a watcher hears of start"
expect_eq "$(wc -l <<<"$out")" "1" "only the watcher (the requester hears of no start)"
sd 0 assign 2 alice
sd 0 mail flush
expect_contains "$out" "to alice@example.org: sent" "the assignee hears of the assignment"
expect_contains "$out" "to frank@example.org: sent" "so do watchers"
sd 0 escalate 2 --reason "needs the network team"
sd 0 mail flush
expect_contains "$out" "to l2@example.org: sent" "escalation tells the new group's mailbox"
n=$(sent_count)
expect_contains "$(cat "$TEST_DIR/sent/$n.eml")" "needs the network team" "the escalation's reason"

# --- Resolve: the note and how to reopen --------------------------------------
sd 0 resolve 1 --code fixed --note "Replaced the fuser unit."
sd 0 mail flush
n=$(sent_count)
expect_contains "$(cat "$TEST_DIR/sent/$n.eml")" "Replaced the fuser unit." "resolve: the note"
expect_contains "$(cat "$TEST_DIR/sent/$n.eml")" "reply to this message within 14d" "resolve: how to reopen"

# --- The hourly limit defers, never drops ------------------------------------
# Ticket 2's comments go to its requester bob@example.net (1 message this
# hour so far) and its watcher frank@example.org (3): with 6 an hour, bob
# gets 5 of 7 and frank 3; the other 6 wait.
for i in 1 2 3 4 5 6 7; do sd 0 comment 2 "update $i"; done
sd 0 mail flush --json
expect_eq "$(jq -c '[.queued, .sent, .deferred, .failed]' <<<"$out")" "[14,8,6,0]" "the hourly limit"
sd 0 mail outbox --json
expect_eq "$(jq -c '[.[] | .state] | unique' <<<"$out")" '["deferred"]' "outbox: deferred"
expect_contains "$(jq -r '.[0].last_error' <<<"$out")" "mail.hourly_limit 6" "outbox: why"
sd 0 mail flush --json --now 2026-11-02T11:00:00Z
expect_eq "$(jq -c '.sent' <<<"$out")" "6" "sent once the hour has room"

# --- mail.deliver = "commit" ---------------------------------------------------
cp "$TEST_DIR/mail.toml" "$TEST_DIR/commit.toml"
sed -i 's/^hourly_limit = 6/hourly_limit = 100\ndeliver = "commit"/' "$TEST_DIR/commit.toml"
before=$(sent_count)
SDESK_CONFIG="$TEST_DIR/commit.toml" sd 0 open "Monitor flickers" --requester gina@example.org -q
expect_eq "$(sent_count)" "$((before + 1))" "deliver = commit: sent right after the command"
SDESK_CONFIG="$TEST_DIR/commit.toml" sd 0 list -q
expect_eq "$(sent_count)" "$((before + 1))" "a read command sends nothing"

# --- A flush and a tick at once send each message once --------------------------
for i in 1 2 3 4; do sd 0 open "Batch $i" --requester "user$i@example.org" -q; done
echo 0.2 >"$TEST_DIR/delay"
before=$(sent_count)
"$SDESK" --db "$DB" mail flush >/dev/null 2>"$TEST_DIR/flush.err" &
flusher=$!
"$SDESK" --db "$DB" tick >/dev/null 2>"$TEST_DIR/tick.err" || fail "concurrent tick failed: $(cat "$TEST_DIR/tick.err")"
wait "$flusher" || fail "concurrent flush failed: $(cat "$TEST_DIR/flush.err")"
rm "$TEST_DIR/delay"
expect_eq "$(sent_count)" "$((before + 4))" "four messages, each sent once"
sd 0 mail outbox
expect_eq "$out" "" "nothing left"

# --- An SLA warning reaches the group (rule half, action notify) ---------------
sd 0 tick --json --now 2026-11-03T23:00:00Z
expect_eq "$(jq -r '.steps.escalate.details[]' <<<"$out")" \
  "escalate: ticket 2: rule half (52% of resolution target): recorded sla_warning" "the notify rule records a warning"
expect_contains "$(jq -r '.steps.mail.details[]' <<<"$out")" "to l2@example.org: sent" "the SLA warning reaches the group"
n=$(sent_count)
expect_contains "$(cat "$TEST_DIR/sent/$n.eml")" "has used 52% of its resolution target" "the sla_warning template"
sd 0 show 2 --json
expect_eq "$(jq -r '[.history[] | select(.action == "sla_warning")][0].data.rule' <<<"$out")" "half" \
  "the sla_warning event names its rule"
sd 0 tick --json --now 2026-11-03T23:30:00Z
expect_eq "$(jq -c '[.steps.escalate.count, .steps.mail.count]' <<<"$out")" "[0,0]" "a rule fires once"

# --- Errors ------------------------------------------------------------------
sd 2 mail outbox --json -q
expect_error "choose one of --json and -q" "outbox --json -q"
: >"$TEST_DIR/empty.toml"
SDESK_CONFIG="$TEST_DIR/empty.toml" sd 6 mail flush
expect_error "mail.address is not set" "flush without mail.address"
sed 's/^hourly_limit = 6/hourly_limit = 0/' "$TEST_DIR/mail.toml" >"$TEST_DIR/bad.toml"
SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 mail outbox
expect_error "mail.hourly_limit" "a bad hourly_limit"
sed 's/^hourly_limit = 6/deliver = "now"/' "$TEST_DIR/mail.toml" >"$TEST_DIR/bad.toml"
SDESK_CONFIG="$TEST_DIR/bad.toml" sd 6 mail outbox
expect_error "expected \"tick\" or \"commit\"" "a bad deliver"

finish
