#!/usr/bin/env bash
# `sdesk change calendar`: changes and freezes of a period as a table, JSON
# and iCalendar (RFC 5545: CRLF, folding at 75 octets, escaping, DTSTAMP,
# a stable UID per change); text reaching a terminal is sanitised.
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/change.toml" <<'TOML'
[change]
cab = ["alice"]
[[change.freeze]]
from = "2026-12-20"
to = "2027-01-04"
reason = "year-end freeze"
TOML
export SDESK_CONFIG="$TEST_DIR/change.toml"
sd 0 init "$DB"
long_title="Upgrade the VPN gateway, the firewall; and the proxy \\ with a title long enough to be folded"
sd 0 open "$long_title" --kind change --service vpn --release R1 --as rita -q
vpn=$out
sd 0 change assess "$vpn"
sd 0 change approve "$vpn" --as alice
sd 0 change schedule "$vpn" --start 2026-11-10T10:00Z --end 2026-11-10T12:00Z
sd 0 open $'Mail \e[31mred\e[0m' --kind change --service mail --planned-start 2026-11-12T08:00Z \
  --planned-end 2026-11-12T09:00Z -q
mail=$out
sd 0 open "Outside the period" --kind change --planned-start 2027-02-01T08:00Z --planned-end 2027-02-01T09:00Z -q
sd 0 open "No window" --kind change -q

# table: both changes of the period and the freeze; no escape reaches the terminal.
sd 0 change calendar --from 2026-11-01 --to 2027-01-01
expect_contains "$out" "change $vpn (normal)" "table: the scheduled change"
expect_contains "$out" "change $mail (normal)" "table: the planned change"
expect_contains "$out" "year-end freeze" "table: the freeze"
[[ "$out" != *$'\e'* ]] || fail "table: an escape character reached the terminal"
[[ "$out" != *"Outside the period"* && "$out" != *"No window"* ]] || fail "table: only changes in the period"

# json, with the filters.
sd 0 change calendar --from 2026-11-01 --to 2026-12-01 --format json
expect_eq "$(jq -c '[.changes[].id]' <<<"$out")" "[$vpn,$mail]" "json: changes by start"
expect_eq "$(jq -c '.freezes' <<<"$out")" '[]' "json: no freeze in November"
sd 0 change calendar --from 2026-11-01 --to 2026-12-01 --json
expect_eq "$(jq -c '[.changes[].id]' <<<"$out")" "[$vpn,$mail]" "--json is --format json, as every read command has it"
sd 2 change calendar --from 2026-11-01 --to 2026-12-01 --json --format ics
expect_error "choose one of --json and --format ics" "--json with another format"
sd 0 change calendar --from 2026-11-01 --to 2026-12-01 --format json --service mail
expect_eq "$(jq -c '[.changes[].id]' <<<"$out")" "[$mail]" "json: --service"
sd 0 change calendar --from 2026-11-01 --to 2026-12-01 --format json --release R1
expect_eq "$(jq -c '[.changes[] | [.id, .status, .start, .end]]' <<<"$out")" \
  "[[$vpn,\"scheduled\",\"2026-11-10T10:00:00+00:00\",\"2026-11-10T12:00:00+00:00\"]]" "json: --release"

# ics.
"$SDESK" --db "$DB" change calendar --from 2026-11-01 --to 2027-01-01 --format ics >"$TEST_DIR/cal.ics"
ics=$(cat "$TEST_DIR/cal.ics")
expect_eq "$(head -c 17 "$TEST_DIR/cal.ics" | od -An -c | tr -s " \n" " ")" " B E G I N : V C A L E N D A R \r \n " \
  "ics: starts with BEGIN:VCALENDAR and CRLF"
[ "$(grep -c $'\r$' "$TEST_DIR/cal.ics")" -eq "$(wc -l <"$TEST_DIR/cal.ics")" ] || fail "ics: every line ends with CRLF"
awk '{ sub(/\r$/, ""); if (length($0) > 75) bad = 1 } END { exit bad }' LC_ALL=C "$TEST_DIR/cal.ics" \
  || fail "ics: a line longer than 75 octets"
unfolded=$(sed -e ':a' -e '$!N' -e 's/\r\n //' -e 'ta' -e 'P' -e 'D' "$TEST_DIR/cal.ics" | tr -d '\r')
expect_contains "$unfolded" "SUMMARY:Change $vpn: Upgrade the VPN gateway\\, the firewall\\; and the proxy \\\\ with a title long enough to be folded" \
  "ics: the summary escaped and unfolded"
expect_contains "$unfolded" "UID:change-$vpn@" "ics: the change's UID"
expect_contains "$unfolded" "DTSTART:20261110T100000Z" "ics: the start in UTC"
expect_contains "$unfolded" "DTEND:20261110T120000Z" "ics: the end in UTC"
expect_contains "$unfolded" "DTSTAMP:20261102T090000Z" "ics: DTSTAMP is the time of the command"
expect_contains "$unfolded" "SUMMARY:Change freeze: year-end freeze" "ics: the freeze"
expect_eq "$(grep -c '^BEGIN:VEVENT' <<<"$unfolded")" "3" "ics: one event per change and freeze"
[[ "$ics" != *$'\e'* ]] || fail "ics: an escape character in the calendar"
uid1=$(grep "^UID:change-$vpn@" <<<"$unfolded")
"$SDESK" --db "$DB" --now 2026-11-05T09:00:00Z change calendar --from 2026-11-01 --to 2027-01-01 --format ics \
  | tr -d '\r' | grep -q "^$uid1\$" || fail "ics: the UID is stable"

# Bad input.
digest=$(store_digest)
sd 2 change calendar --from 2026-11-01 --to 2026-11-01
expect_error "--to: 2026-11-01T00:00:00+00:00 is not after --from" "an empty period"
sd 2 change calendar --from 2026-11-01 --to 2026-12-01 --format ical
expect_error "--format: unknown value 'ical' (accepted: table, json, ics)" "an unknown format"
sd 2 change calendar --from yesterday --to 2026-12-01
expect_contains "$err" "--from" "a bad date"
expect_eq "$(store_digest)" "$digest" "the calendar changes nothing"
finish
