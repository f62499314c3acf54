#!/usr/bin/env bash
# A ticket's whole life through the CLI: output, JSON and exit codes.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
expect_contains "$out" "created store at $DB" "init"

sd 0 open "Printer on floor 3 jammed" -c hardware -t printer,floor3 --requester bob
expect_eq "$out" "opened ticket 1 (incident, P3, group service-desk)" "open text"

sd 0 open "VPN down for everyone" --impact high --urgency high -q
expect_eq "$out" "2" "open -q prints the id alone"

sd 0 open "New laptop" --kind request --impact low --urgency low --json
expect_eq "$(jq -r '.id, .kind, .priority, .status, .group, .requester, .created' <<<"$out" | paste -sd' ')" \
  "3 request P4 new service-desk agent 2026-11-02T09:00:00+00:00" "open --json"

sd 0 assign 1 alice
expect_eq "$out" "ticket 1: assigned, group service-desk, assignee alice" "assign"
sd 0 start 1 --as alice --now 2026-11-02T09:10:00Z
sd 0 comment 1 "Ordered a new fuser" --as alice --now 2026-11-02T09:15:00Z --json
expect_eq "$(jq -r .first_response <<<"$out")" "2026-11-02T09:15:00+00:00" "first response by agent"
sd 0 pending 1 --reason "waiting for the part" --now 2026-11-02T09:20:00Z
expect_eq "$(jq -r .status <<<"$("$SDESK" --db "$DB" show 1 --json | jq .ticket)")" "pending" "pending"
sd 0 resolve 1 --code fixed --note "fuser replaced" --now 2026-11-03T10:00:00Z
sd 0 reopen 1 --reason "jams again" --now 2026-11-03T11:00:00Z
expect_eq "$out" "ticket 1: assigned, group service-desk, assignee alice" "reopen goes back to assigned"
sd 0 resolve 1 --code workaround --now 2026-11-04T10:00:00Z
sd 0 close 1 --now 2026-11-09T10:00:00Z -q
expect_eq "$out" "1" "close -q"

# Invalid transitions: exit 4 with the current and allowed statuses.
sd 4 close 2
expect_error "ticket 2 is new; it cannot move to closed (allowed from new: assigned, in_progress, pending, resolved)" "close a new ticket"
sd 4 reopen 1 --reason again
expect_error "closed is final" "reopen a closed ticket"

# Escalation along the default chain, then past the last tier.
sd 0 escalate 2 --reason "network team"
expect_eq "$out" "ticket 2: new, group second-line" "escalate to tier 2"
sd 0 escalate 2 --json
expect_eq "$(jq -r '.group, .escalation_level' <<<"$out" | paste -sd' ')" "third-line 2" "escalate to tier 3"
sd 4 escalate 2
expect_error "at the last tier" "escalate past the last tier"
sd 0 escalate 2 --hierarchical --inform cio,head-of-it --reason "whole company offline"
sd 2 escalate 2 --hierarchical
expect_error "--inform" "hierarchical without --inform"
sd 2 escalate 2 --hierarchical --inform "$(printf 'cio\nceo')"
expect_error "--inform: must be a single line" "a name informed is one line"

# show: fields, comments and history; --json has all three.
sd 0 show 1
expect_contains "$out" "#1 Printer on floor 3 jammed" "show title"
expect_contains "$out" "  status          closed" "show status"
expect_contains "$out" "  resolution      workaround" "show resolution"
expect_contains "$out" "Ordered a new fuser" "show comment"
expect_contains "$out" "reopen   status: resolved -> assigned  (jams again)" "show history"
sd 0 show 1 --json
expect_eq "$(jq -r '.comments[0].author, .comments[0].text, (.history | length > 10)' <<<"$out" | paste -sd' ')" \
  "alice Ordered a new fuser true" "show --json"

# log: the audit trail, oldest first, with old and new values.
sd 0 log 2 --json
expect_eq "$(jq -r '[.[] | select(.field == "group") | (.old // "null") + ">" + .new] | join(" ")' <<<"$out")" \
  "null>service-desk service-desk>second-line second-line>third-line" "log --json group changes"
expect_eq "$(jq -r '.[-1].action, .[-1].note' <<<"$out" | paste -sd'|')" \
  "escalate_hierarchical|informed: cio, head-of-it; whole company offline" "hierarchical event"
sd 0 log 2
grep -Eq "agent +escalate +group: service-desk -> second-line  \(network team\)" <<<"$out" ||
  fail "log text: no escalate line in [$out]"

# Not found: exit 3.
sd 3 show 99
expect_error "ticket 99 not found" "show missing ticket"
sd 3 assign 99 alice
expect_error "ticket 99 not found" "assign missing ticket"
finish
