#!/usr/bin/env bash
# sdesk mail receive on hand-written messages of the shapes real mail has
# (tests/fixtures/mail): new tickets, replies threaded by In-Reply-To,
# References, plus address and subject tag; redeliveries change nothing;
# strangers and forwards open linked tickets; automatic mail never opens or
# reopens; resolved tickets reopen within mail.reopen_within; unreadable mail
# is quarantined (0600 in 0700); a busy or missing store exits 75.
. "$(dirname "$0")/lib.sh"
src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
mails=$src/tests/fixtures/mail

sd 0 init "$DB"
cat >"$TEST_DIR/mail.toml" <<'TOML'
[mail]
address = "helpdesk@example.org"
quarantine = "QUARANTINE"
cc_become_watchers = true
reopen_within = "3d"
max_attachment = "1KB"

[agents.alice]
email = "alice@example.org"
TOML
sed -i "s|QUARANTINE|$TEST_DIR/quarantine|" "$TEST_DIR/mail.toml"
cfg=(--config "$TEST_DIR/mail.toml")

receive() { # receive EXIT FIXTURE [ARGS...]: sdesk mail receive < FIXTURE
  local code=$1 file=$2
  shift 2
  out=$("$SDESK" --db "$DB" "${cfg[@]}" mail receive "$@" <"$mails/$file" 2>"$TEST_DIR/stderr")
  rc=$?
  err=$(cat "$TEST_DIR/stderr")
  [ "$rc" -eq "$code" ] || fail "mail receive < $file exited $rc, expected $code; stderr: $err"
}
history() { # history ID: the ticket's history as "actor action" lines
  sd 0 show "$1" --json
  jq -r '.history[] | select(.field == null or .action != "open") | "\(.actor) \(.action)"' <<<"$out" | uniq
}

# Outlook, new: a ticket for the sender; the title, text and attachment decoded.
receive 0 outlook_new.eml --json
expect_eq "$(jq -c '[.outcome, .ticket, .attachments]' <<<"$out")" '["created",1,1]' "outlook: created"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket.title' <<<"$out")" "Drucker im 3. OG druckt nicht mehr – dringend" "outlook: title (=96 as Windows-1252)"
expect_eq "$(jq -r '.ticket.requester' <<<"$out")" "juergen.mueller@example.com" "outlook: requester, lower case"
expect_contains "$(jq -r '.ticket.description' <<<"$out")" "seit heute früh nichts mehr" "outlook: QP ISO-8859-1 text"
expect_eq "$(jq -r '.watchers | join(",")' <<<"$out")" "anna.schmidt@example.com" "outlook: Cc became a watcher"
sd 0 attachment list 1 --json
expect_eq "$(jq -r '.[0].name' <<<"$out")" "Fehlerprotokoll März.txt" "outlook: RFC 2231 name"
sd 0 show 1 --json
expect_eq "$(jq -c '[.history[] | select(.action == "attach") | .data.attachments[] | [.name, .size]]' <<<"$out")" '[["Fehlerprotokoll März.txt",50]]' "outlook: the attachment in the history"
expect_eq "$(sqlite3 "$DB" "SELECT ticket_id, direction FROM mail_message")" "1|in" "outlook: message id stored"

# A redelivery changes nothing.
before=$(store_digest)
receive 0 outlook_new.eml
expect_eq "$out" "duplicate #1 (Message-ID AM0PR07MB4321A1B2C3D4E5F6@AM0PR07MB4321.eurprd07.prod.outlook.com was received before)" "redelivery"
[ "$(store_digest)" = "$before" ] || fail "a redelivery changed the store"

# Outlook reply by In-Reply-To: a comment by the requester, Windows-1252 text.
receive 0 outlook_reply.eml
expect_eq "$out" "appended #1 (matched #1 by In-Reply-To)" "outlook reply"
sd 0 show 1 --json
expect_contains "$(jq -r '[.history[] | select(.action == "comment")][0].note' <<<"$out")" "89,90 € gekostet – bitte „schnell“ tauschen" "cp1252 comment"
expect_eq "$(jq -c '[.history[] | select(.action == "comment")][0].data | [.via, .from, .internal]' <<<"$out")" '["mail","juergen.mueller@example.com",false]' "comment data"

# Gmail reply from the Cc'd watcher, by In-Reply-To (the reply's id is stored).
receive 0 gmail_reply.eml
expect_eq "$out" "appended #1 (matched #1 by In-Reply-To)" "gmail reply from a watcher"

# Thunderbird: unknown References, matched by the subject tag.
receive 0 thunderbird_reply.eml
expect_eq "$out" "appended #1 (matched #1 by subject tag)" "thunderbird by tag"

# Apple Mail from a stranger who knows the thread: a new ticket linked to #1.
receive 0 apple_mail_reply.eml --json
expect_eq "$(jq -c '[.outcome, .ticket, .previous]' <<<"$out")" '["linked",2,1]' "stranger: linked"
sd 0 show 2 --json
expect_eq "$(jq -r '.ticket.requester + " " + .ticket.title' <<<"$out")" "mallory@example.net Drucker im 3. OG druckt nicht mehr" "stranger's ticket"
expect_eq "$(jq -c '[.links[] | [.type, .target]]' <<<"$out")" '[["relates-to",1]]' "stranger: link"
sd 0 show 1 --json
expect_eq "$(jq '[.history[] | select(.action == "comment" and .actor == "mallory@example.net")] | length' <<<"$out")" "0" "stranger wrote nothing into #1"

# A forward by a watcher that matches only through References: linked.
receive 0 forward.eml
expect_eq "$out" "linked #3 (a forward that matches #1 only through References)" "forward"

# Plus address; an agent (by [agents] email) may write into any ticket.
receive 0 plus_address.eml
expect_eq "$out" "appended #1 (matched #1 by plus address)" "plus address"
sed 's/^From: .*/From: Alice <ALICE@example.org>/; s/plus-address-0001/plus-address-agent/' "$mails/plus_address.eml" >"$TEST_DIR/agent.eml"
out=$("$SDESK" --db "$DB" "${cfg[@]}" mail receive <"$TEST_DIR/agent.eml")
expect_eq "$out" "appended #1 (matched #1 by plus address)" "agent by plus address"
sd 0 show 1 --json
expect_eq "$(jq -r '[.history[] | select(.action == "comment")][-1].actor' <<<"$out")" "alice" "agent recorded by name"

# Automatic mail: dropped; nothing in the history, no ticket.
count=$(sqlite3 "$DB" "SELECT count(*) FROM ticket_event")
receive 0 auto_reply.eml
expect_eq "$out" "dropped #1 (automatic mail (Auto-Submitted: auto-replied))" "auto-reply"
receive 0 bounce_dsn.eml
expect_eq "$out" "dropped - (automatic mail (Auto-Submitted: auto-replied))" "bounce"
receive 0 list_bulk.eml
expect_eq "$out" "dropped - (automatic mail (Precedence: bulk))" "bulk"
sed 's/^Auto-Submitted: .*/X-Was: auto/; s/^Return-Path: <>/Return-Path: <mailer-daemon@mx.example.org>/; s/20261130090000/20261130090001/' \
  "$mails/bounce_dsn.eml" >"$TEST_DIR/daemon.eml"
out=$("$SDESK" --db "$DB" "${cfg[@]}" mail receive <"$TEST_DIR/daemon.eml")
expect_eq "$out" "dropped - (automatic mail (from mailer-daemon))" "from mailer-daemon"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket_event")" "$count" "automatic mail wrote no history"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM ticket")" "3" "automatic mail opened no ticket"
receive 0 auto_reply.eml
expect_eq "$out" "duplicate #1 (Message-ID AM0PR07MB4321OOF0001@AM0PR07MB4321.eurprd07.prod.outlook.com was received before)" "auto-reply redelivered"

# New tickets from HTML-only, 8-bit ISO-8859-1, broken MIME; --group.
receive 0 html_only.eml --group second-line
expect_eq "$out" "created #4" "html only"
sd 0 show 4 --json
expect_eq "$(jq -r '.ticket.group + " " + .ticket.title' <<<"$out")" "second-line VPN łączy się tylko na 5 minut" "html: group, RFC 2047 base64 title"
expect_contains "$(jq -r '.ticket.description' <<<"$out")" "the VPN drops after 5 minutes & I have to reconnect – since Monday." "html: text"
receive 0 latin1_8bit.eml
sd 0 show 5 --json
expect_eq "$(jq -r '.ticket.description' <<<"$out")" "Bonjour, ma boîte aux lettres est pleine depuis la mise à jour. À bientôt." "8-bit latin1"
receive 0 broken_mime.eml
expect_eq "$out" "created #6" "broken mime"
sd 0 show 6 --json
expect_eq "$(jq -r '.ticket.title' <<<"$out")" "broken mime laptop" "broken mime: title"

# Over mail.max_attachment: not kept, and the text says so.
python3 - "$mails/outlook_new.eml" >"$TEST_DIR/big.eml" <<'PY'
import sys, base64
raw = open(sys.argv[1], 'rb').read().decode('latin-1')
raw = raw.replace('AM0PR07MB4321A1B2C3D4E5F6@', 'big-attachment@')
head, _, rest = raw.partition('Content-Transfer-Encoding: base64\r\n\r\n')
body, _, tail = rest.partition('\r\n--_004_')
sys.stdout.write(head + 'Content-Transfer-Encoding: base64\r\n\r\n' + base64.encodebytes(b'x' * 2000).decode().replace('\n', '\r\n') + '\r\n--_004_' + tail)
PY
out=$("$SDESK" --db "$DB" "${cfg[@]}" mail receive --json <"$TEST_DIR/big.eml")
expect_eq "$(jq -c '[.outcome, .attachments, .attachments_skipped]' <<<"$out")" '["created",0,1]' "over the cap"
id=$(jq -r .ticket <<<"$out")
sd 0 show "$id" --json
expect_contains "$(jq -r '.ticket.description' <<<"$out")" "(2000 bytes) not kept: over mail.max_attachment, 1000 bytes" "cap noted"

# Resolved: a reply within reopen_within reopens; after it, a linked ticket.
sd 0 resolve 4 --code fixed --note "new VPN profile"
sed 's/html-only-0001/html-only-reply-1/; s/^Subject: .*/Subject: Re: [sdesk #4] VPN/' "$mails/html_only.eml" >"$TEST_DIR/r1.eml"
out=$("$SDESK" --db "$DB" "${cfg[@]}" --now 2026-11-04T09:00:00Z mail receive <"$TEST_DIR/r1.eml")
expect_eq "$out" "reopened #4 (matched #4 by subject tag)" "reply reopens"
sd 0 show 4 --json
expect_eq "$(jq -r '.ticket.status' <<<"$out")" "new" "reopened status"
sd 0 --now 2026-11-05T09:00:00Z resolve 4 --code fixed --note "again"
sed 's/html-only-0001/html-only-reply-2/; s/^Subject: .*/Subject: Re: [sdesk #4] VPN/' "$mails/html_only.eml" >"$TEST_DIR/r2.eml"
out=$("$SDESK" --db "$DB" "${cfg[@]}" --now 2026-11-09T09:00:00Z mail receive <"$TEST_DIR/r2.eml")
expect_contains "$out" "linked #" "late reply"
expect_contains "$out" "(#4 was resolved more than mail.reopen_within ago)" "late reply: why"

# --action comment: recorded as internal; --ticket wins over the headers.
receive 0 cp1252_as_latin1.eml --ticket 5 --action comment
expect_eq "$out" "appended #5 (matched #5 by --ticket)" "--ticket"
sd 0 show 5 --json
expect_eq "$(jq -c '[.history[] | select(.action == "comment")][-1].data.internal' <<<"$out")" "true" "internal"
expect_contains "$(jq -r '[.history[] | select(.action == "comment")][-1].note' <<<"$out")" "“paper jam” – the repair quote is 120 €" "cp1252 labelled latin1"
receive 3 list_bulk.eml --ticket 99
expect_error "ticket 99 not found" "unknown --ticket"
receive 2 html_only.eml --action shout
expect_error "--action: unknown value 'shout' (accepted: reply, comment)" "bad --action"

# Unreadable mail: quarantined with exit 0, nothing stored.
before=$(store_digest)
receive 0 not_mail.eml
expect_contains "$out" "quarantined - (mail: " "quarantined"
[ "$(store_digest)" = "$before" ] || fail "quarantined mail changed the store"
expect_eq "$(stat -c %a "$TEST_DIR/quarantine")" "700" "quarantine directory mode"
kept=$(ls "$TEST_DIR/quarantine"/*.eml)
expect_eq "$(stat -c %a $kept)" "600" "quarantined file mode"
cmp -s "$kept" "$mails/not_mail.eml" || fail "the quarantined file is not the message"

# A busy store: 75, unchanged; a store that cannot be opened: 75.
printf '[store]\nbusy_timeout = "1s"\n' >>"$TEST_DIR/mail.toml"
fifo="$TEST_DIR/hold"
mkfifo "$fifo"
(sqlite3 "$DB" >/dev/null 2>&1 <"$fifo") &
holder=$!
exec 3>"$fifo"
printf 'BEGIN IMMEDIATE;\nINSERT INTO ticket_tag VALUES (1, %s);\n' "'held'" >&3
sleep 0.3
sed 's/html-only-0001/busy-0001/' "$mails/html_only.eml" >"$TEST_DIR/busy.eml"
"$SDESK" --db "$DB" "${cfg[@]}" mail receive <"$TEST_DIR/busy.eml" >/dev/null 2>"$TEST_DIR/stderr"
expect_eq "$?" "75" "busy store"
printf 'ROLLBACK;\n.quit\n' >&3
exec 3>&-
wait "$holder"
[ "$(store_digest)" = "$before" ] || fail "the busy attempt changed the store"
"$SDESK" --db "$TEST_DIR/no/such/dir/desk.db" "${cfg[@]}" mail receive <"$TEST_DIR/busy.eml" >/dev/null 2>&1
expect_eq "$?" "75" "store that cannot be opened"

# A Message-ID over 998 bytes is not stored as such: the message is known
# by its SHA-256, so a redelivery is still a duplicate.
long=$(printf 'x%.0s' $(seq 1 1200))
sed "s/^Message-ID: .*/Message-ID: <$long@example.com>/" "$mails/latin1_8bit.eml" >"$TEST_DIR/long.eml"
out=$("$SDESK" --db "$DB" "${cfg[@]}" mail receive --json <"$TEST_DIR/long.eml")
expect_eq "$(jq -r '.outcome + " " + (.message_id | .[0:7])' <<<"$out")" "created sha256:" "long Message-ID"
out=$("$SDESK" --db "$DB" "${cfg[@]}" mail receive <"$TEST_DIR/long.eml")
expect_contains "$out" "duplicate #" "long Message-ID redelivered"

# The chain still verifies.
sd 0 verify
finish
