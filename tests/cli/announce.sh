#!/usr/bin/env bash
# sdesk subscribe / unsubscribe / announce / announce list, and change
# schedule --announce: subscribers from the store and [services.NAME],
# addresses checked, one queued message per subscriber (each addressed to
# that subscriber alone, with sdesk's headers), --json shapes, errors with
# their exit codes and nothing stored on error.
#
# On SQLite; tests/cli/postgresql_announce.sh runs the same script on a
# PostgreSQL store (SDESK_ANNOUNCE_DB).
. "$(dirname "$0")/lib.sh"

DB=${SDESK_ANNOUNCE_DB:-$DB}

# What these commands store, read back through sdesk (works on both
# backends): subscribers, announcements, the mail queue, the tickets.
state() {
  "$SDESK" --db "$DB" --config "$TEST_DIR/desk.toml" subscribe --list --json
  "$SDESK" --db "$DB" --config "$TEST_DIR/desk.toml" announce list --json
  "$SDESK" --db "$DB" --config "$TEST_DIR/desk.toml" export 2>/dev/null
}

mkdir -p "$TEST_DIR/sent"
cat >"$TEST_DIR/sendmail" <<'SH'
#!/bin/sh
# A fake sendmail: keeps message N as sent/N.eml.
dir=${0%/*}
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" >"$dir/count"
cat >"$dir/sent/$n.eml"
SH
chmod +x "$TEST_DIR/sendmail"
cat >"$TEST_DIR/desk.toml" <<TOML
[desk]
services = ["vpn", "wifi", "email"]
[services.vpn]
subscribers = ["IT-News@example.org"]
[mail]
address = "helpdesk@example.org"
sendmail = ["$TEST_DIR/sendmail", "-oi", "-t"]
[change]
cab = ["alice"]
TOML
sent_count() { cat "$TEST_DIR/count" 2>/dev/null || echo 0; }
# header N NAME: the value of header NAME of sent message N (unfolded).
header() {
  awk -v name="$2" '
    /^$/ { exit }
    /^[ \t]/ { if (found) { sub(/^[ \t]+/, " "); value = value $0 }; next }
    { if (found) exit; if (tolower(substr($0, 1, length(name) + 1)) == tolower(name) ":") { found = 1; value = substr($0, length(name) + 3) } }
    END { print value }' "$TEST_DIR/sent/$1.eml"
}
cfg=(--config "$TEST_DIR/desk.toml")
sd 0 init "$DB"

# --- subscribe ----------------------------------------------------------------
sd 0 "${cfg[@]}" subscribe vpn ann@example.org Bob@Example.ORG
expect_eq "$out" "ann@example.org subscribed to vpn
bob@example.org subscribed to vpn" "subscribe: stored in lower case"
sd 0 "${cfg[@]}" subscribe vpn ann@example.org it-news@example.org --json
expect_eq "$out" '{"service":"vpn","subscribed":[],"subscribers":["ann@example.org","bob@example.org","it-news@example.org"]}' \
  "subscribe again and a configured address: nothing added"
sd 0 "${cfg[@]}" subscribe vpn ann@example.org it-news@example.org
expect_eq "$out" "ann@example.org is subscribed already to vpn
it-news@example.org is subscribed already to vpn" "subscribe again: said so"
sd 0 "${cfg[@]}" --as rita subscribe email carol@example.org -q
expect_eq "$out" "carol@example.org" "subscribe -q"

sd 0 "${cfg[@]}" subscribe --list
expect_eq "$out" "SERVICE  ADDRESS              SOURCE  ADDED                      BY
email    carol@example.org    store   2026-11-02T09:00:00+00:00  rita
vpn      ann@example.org      store   2026-11-02T09:00:00+00:00  agent
vpn      bob@example.org      store   2026-11-02T09:00:00+00:00  agent
vpn      it-news@example.org  config  -                          -" "subscribe --list"
sd 0 "${cfg[@]}" subscribe --list vpn --json
expect_eq "$(jq -c '.[0]' <<<"$out")" '{"service":"vpn","address":"ann@example.org","configured":false,"stored":true,"added":"2026-11-02T09:00:00+00:00","added_by":"agent"}' "--list --json: a stored one"
expect_eq "$(jq -c '.[2]' <<<"$out")" '{"service":"vpn","address":"it-news@example.org","configured":true,"stored":false,"added":null,"added_by":null}' "--list --json: a configured one"
expect_eq "$(jq length <<<"$out")" "3" "--list vpn: only vpn"
sd 0 "${cfg[@]}" subscribe --list wifi --json
expect_eq "$out" "[]" "--list of a service without subscribers"
sd 0 "${cfg[@]}" subscribe --list email -q
expect_eq "$out" "carol@example.org" "--list -q"

# Refusals: exit 2 (or 4), one line, nothing stored.
before=$(state)
sd 2 "${cfg[@]}" subscribe vpn "Ann <ann@example.org>"
expect_error "ADDRESS: not an email address: 'Ann <ann@example.org>'" "display name refused"
sd 2 "${cfg[@]}" subscribe vpn dan@example.org "no-at-sign"
expect_error "ADDRESS: not an email address: 'no-at-sign' (expected one '@' with text on both sides" "no @"
sd 2 "${cfg[@]}" subscribe vpn 'eve@example.org
Bcc: all@example.org'
expect_error "ADDRESS: not an email address" "a header injection attempt"
sd 2 "${cfg[@]}" subscribe vpn "a@b@example.org"
expect_error "not an email address" "two @"
sd 2 "${cfg[@]}" subscribe vpn "a@example..org"
expect_error "the domain has an empty label" "empty domain label"
sd 2 "${cfg[@]}" subscribe printers ann@example.org
expect_error "SERVICE: unknown value 'printers'" "unknown service"
sd 2 "${cfg[@]}" subscribe vpn
expect_error "subscribe: needs SERVICE and at least one ADDRESS (or --list [SERVICE])" "no address"
sd 2 "${cfg[@]}" subscribe --list vpn ann@example.org
expect_error "--list: takes at most a SERVICE, no ADDRESS" "--list with an address"
sd 2 "${cfg[@]}" subscribe --list --json -q
expect_error "choose one of --json and -q" "--json and -q"
sd 4 "${cfg[@]}" unsubscribe vpn ann@example.org it-news@example.org
expect_error "'it-news@example.org' is subscribed to 'vpn' by the configuration ([services.vpn] subscribers); remove it there" \
  "a configured subscriber is removed in the configuration"
expect_eq "$(state)" "$before" "refused subscribe/unsubscribe stored nothing"

# --- unsubscribe --------------------------------------------------------------
sd 0 "${cfg[@]}" unsubscribe vpn BOB@example.org zed@example.org
expect_eq "$out" "bob@example.org unsubscribed from vpn
zed@example.org was not subscribed to vpn" "unsubscribe"
sd 0 "${cfg[@]}" unsubscribe email carol@example.org --json
expect_eq "$out" '{"service":"email","unsubscribed":["carol@example.org"],"subscribers":[]}' "unsubscribe --json"

# --- announce: refusals -------------------------------------------------------
before=$(state)
sd 4 "${cfg[@]}" announce --service wifi --subject "Wi-Fi down on floor 3"
expect_error "service 'wifi' has no subscribers; nothing was announced (add them with 'sdesk subscribe wifi ADDRESS...' or [services.wifi] subscribers)" "no subscribers"
sd 2 "${cfg[@]}" announce --service printers --subject x
expect_error "--service: unknown value 'printers'" "unknown service"
sd 2 "${cfg[@]}" announce --service vpn --subject x --from 2026-11-03T22:00Z --to 2026-11-03T21:00Z
expect_error "--to: 2026-11-03T21:00:00+00:00 is not after --from (2026-11-03T22:00:00+00:00)" "end before start"
sd 2 "${cfg[@]}" announce --service vpn --subject x --from 2026-11-03T22:00Z --to 2026-11-03T22:00Z
expect_error "is not after --from" "empty window"
sd 2 "${cfg[@]}" announce --service vpn --subject x --from 2026-11-03T22:00Z
expect_error "--from: needs --to too" "half a window"
sd 2 "${cfg[@]}" announce --service vpn --subject "two
lines"
expect_error "--subject: must be a single line" "multi-line subject"
sd 2 "${cfg[@]}" announce --service vpn --subject "  "
expect_error "--subject: must not be empty" "blank subject"
sd 2 "${cfg[@]}" announce --service vpn
expect_error "announce: --subject is required" "no subject"
sd 2 "${cfg[@]}" announce --subject x
expect_error "announce: --service is required" "no service"
sd 2 "${cfg[@]}" announce --service vpn --subject x --from tomorrow --to 2026-11-03T21:00Z
expect_error "--from" "bad time"
sd 2 "${cfg[@]}" announce --json list
expect_error "announce list: give its options after 'list'" "list's options before list"
sd 2 "${cfg[@]}" announce list --json -q
expect_error "choose one of --json and -q" "list --json -q"
expect_eq "$(state)" "$before" "refused announcements stored nothing"

# --- announce: one message per subscriber, through the mail queue -------------
sd 0 "${cfg[@]}" --as rita announce --service vpn --subject "VPN maintenance tonight" --body "Expect two short drops." \
  --from 2026-11-03T22:00Z --to 2026-11-03T23:00Z
expect_eq "$out" "announcement 1 to vpn: 2 messages queued" "announce"
sd 0 "${cfg[@]}" mail outbox --json
expect_eq "$(jq -c '[.[] | [.kind, .to // .recipient]]' <<<"$out")" '[["announce","ann@example.org"],["announce","it-news@example.org"]]' \
  "the outbox: one message per subscriber"
expect_eq "$(sent_count)" "0" "nothing sent before the flush"
sd 0 "${cfg[@]}" mail flush
expect_eq "$(sent_count)" "2" "two messages sent"
for n in 1 2; do
  to=$(header $n To)
  other=ann@example.org
  [ "$to" = ann@example.org ] && other=it-news@example.org
  expect_eq "$(header $n From)" "helpdesk@example.org" "message $n: From the desk"
  expect_eq "$(header $n Subject)" "VPN maintenance tonight" "message $n: the subject as given"
  expect_eq "$(header $n Cc)$(header $n Bcc)" "" "message $n: no Cc or Bcc"
  expect_eq "$(header $n Auto-Submitted)" "auto-generated" "message $n: Auto-Submitted"
  expect_eq "$(header $n X-Sdesk-Loop)" "helpdesk@example.org" "message $n: the loop header"
  expect_contains "$(header $n Message-ID)" "@example.org>" "message $n: a Message-ID"
  grep -qi "$other" "$TEST_DIR/sent/$n.eml" && fail "message $n to $to names the other subscriber $other"
  body=$(sed -e ':a' -e '/=$/{N;s/=\n//;ba' -e '}' "$TEST_DIR/sent/$n.eml") # quoted-printable soft breaks joined
  expect_contains "$body" "Expect two short drops." "message $n: the body"
  expect_contains "$body" "Service: vpn" "message $n: the service"
  expect_contains "$body" "When:    2026-11-03T22:00:00+00:00 to 2026-11-03T23:00:00+00:00" "message $n: the window"
  expect_contains "$body" "You receive this because $to is subscribed to announcements about vpn." "message $n: why"
done
expect_eq "$(header 1 To) $(header 2 To)" "ann@example.org it-news@example.org" "each subscriber once"
[ "$(header 1 Message-ID)" != "$(header 2 Message-ID)" ] || fail "the two messages share a Message-ID"

# The body from standard input; JSON; no window.
sd 0 "${cfg[@]}" announce --service vpn --subject "VPN down" --body - --json <<<"The VPN is down; we are on it."
expect_eq "$out" '{"id":2,"service":"vpn","subject":"VPN down","body":"The VPN is down; we are on it.\n","from":null,"to":null,"change":null,"created":"2026-11-02T09:00:00+00:00","created_by":"agent","recipients":2}' \
  "announce --json, --body -"
sd 0 "${cfg[@]}" announce --service vpn --subject "Still down" -q
expect_eq "$out" "3" "announce -q"

# --- announce list -------------------------------------------------------------
sd 0 "${cfg[@]}" announce list
expect_eq "$out" "ID  CREATED                    SERVICE  FROM                       TO                         SENT  SUBJECT
1   2026-11-02T09:00:00+00:00  vpn      2026-11-03T22:00:00+00:00  2026-11-03T23:00:00+00:00  2     VPN maintenance tonight
2   2026-11-02T09:00:00+00:00  vpn      -                          -                          2     VPN down
3   2026-11-02T09:00:00+00:00  vpn      -                          -                          2     Still down" "announce list"
sd 0 "${cfg[@]}" announce list --json
expect_eq "$(jq -c '.[0] | [.id, .from, .to, .created_by, .recipients, .body]' <<<"$out")" \
  '[1,"2026-11-03T22:00:00+00:00","2026-11-03T23:00:00+00:00","rita",2,"Expect two short drops."]' "announce list --json"
sd 0 "${cfg[@]}" announce list --current -q
expect_eq "$out" "2
3" "--current now: the windowless ones of the last day, not the window to come"
sd 0 "${cfg[@]}" --now 2026-11-03T22:30:00Z announce list --current -q
expect_eq "$out" "1" "--current in the window: it alone (the others are over a day old)"
sd 0 "${cfg[@]}" --now 2026-11-03T23:00:00Z announce list --current --json
expect_eq "$out" "[]" "--current at the window's end: nothing (the window is half open)"

# --- change schedule --announce ----------------------------------------------
sd 0 "${cfg[@]}" open "Upgrade the VPN gateway" --kind change --service vpn -q
vpn_change=$out
sd 0 "${cfg[@]}" open "Swap the core switch" --kind change -q
no_service=$out
sd 0 "${cfg[@]}" open "New access points" --kind change --service wifi -q
wifi_change=$out
for id in "$vpn_change" "$no_service" "$wifi_change"; do
  sd 0 "${cfg[@]}" change assess "$id"
  sd 0 "${cfg[@]}" --as alice change approve "$id"
done
before=$(state)
sd 4 "${cfg[@]}" change schedule "$no_service" --start 2026-11-10T10:00Z --end 2026-11-10T12:00Z --announce
expect_error "change $no_service has no service, so --announce has no subscribers to tell (set one with 'sdesk update $no_service --service NAME')" \
  "--announce without a service"
sd 4 "${cfg[@]}" change schedule "$wifi_change" --start 2026-11-10T10:00Z --end 2026-11-10T12:00Z --announce
expect_error "service 'wifi' has no subscribers; nothing was announced" "--announce to a service without subscribers"
expect_eq "$(state)" "$before" "refused --announce: neither scheduled nor announced"

sd 0 "${cfg[@]}" change schedule "$vpn_change" --start 2026-11-10T10:00Z --end 2026-11-10T12:00Z --announce --json
expect_eq "$(jq -r .status <<<"$out")" "scheduled" "scheduled with --announce"
sd 0 "${cfg[@]}" announce list --json
expect_eq "$(jq -c '.[-1] | [.id, .service, .subject, .from, .to, .change, .recipients]' <<<"$out")" \
  "[4,\"vpn\",\"Planned change: Upgrade the VPN gateway\",\"2026-11-10T10:00:00+00:00\",\"2026-11-10T12:00:00+00:00\",$vpn_change,2]" \
  "the change's announcement"
sd 0 "${cfg[@]}" log "$vpn_change" --json
expect_eq "$(jq -c '[.[] | select(.action == "schedule") | .data.announce] | map(select(. != null))' <<<"$out")" '[true]' \
  "the schedule event says it was announced"
sd 0 "${cfg[@]}" mail flush
expect_eq "$(sent_count)" "8" "the flush sends the two windowless announcements and the change's"
expect_eq "$(header 7 Subject)" "Planned change: Upgrade the VPN gateway" "the change's subject"
body=$(sed -e ':a' -e '/=$/{N;s/=\n//;ba' -e '}' "$TEST_DIR/sent/7.eml")
expect_contains "$body" "Change:  #$vpn_change" "the change's id in the text"
expect_contains "$body" "When:    2026-11-10T10:00:00+00:00 to 2026-11-10T12:00:00+00:00" "the change's window"

# Without mail.address nothing can be sent: a configuration error, nothing stored.
cat >"$TEST_DIR/nomail.toml" <<'TOML'
[services.vpn]
subscribers = ["it-news@example.org"]
TOML
before=$(state)
sd 6 --config "$TEST_DIR/nomail.toml" announce --service vpn --subject x
expect_contains "$err" "mail.address" "no mail.address: the message names it"
expect_eq "$(state)" "$before" "no mail.address: nothing stored"

finish
