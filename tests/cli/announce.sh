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

cat >"$TEST_DIR/desk.toml" <<'TOML'
[desk]
services = ["vpn", "wifi", "email"]
[services.vpn]
subscribers = ["IT-News@example.org"]
[mail]
address = "helpdesk@example.org"
[change]
cab = ["alice"]
TOML
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
