#!/usr/bin/env bash
# sdesk event list [--open] [--flapping] [--json|-q] and sdesk event show
# SOURCE KEY [--json]: the keys' state and each key's history (ignored
# alerts leave none).
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
raw() { local when=$1; shift; sd 0 --now "$when" event raw "$@"; }

sd 0 event list
expect_eq "$out" "" "no keys"
sd 0 event list --json
expect_eq "$out" "[]" "no keys, json"

raw 2026-03-01T09:00:00Z --source prom --key disk --action trigger --severity critical --summary "disk full"
raw 2026-03-01T09:01:00Z --source prom --key disk --action trigger
raw 2026-03-01T09:30:00Z --source prom --key disk --action resolve
raw 2026-03-01T09:31:00Z --source prom --key disk --action resolve # ignored: no history
raw 2026-03-01T09:00:00Z --source prom --key cpu --action trigger
for i in 0 1 2 3 4 5; do
  action=trigger
  ((i % 2 == 1)) && action=resolve
  raw "2026-03-02T09:0${i}:00Z" --source nagios --key web1/http --action $action
done

sd 0 event list
expect_eq "$out" "#3 resolved nagios web1/http 3 triggers 3 resolves flapping
#2 firing prom cpu 1 trigger 0 resolves
#1 resolved prom disk 2 triggers 1 resolve" "list"
sd 0 event list --open
expect_eq "$out" "#2 firing prom cpu 1 trigger 0 resolves" "--open"
sd 0 event list --flapping -q
expect_eq "$out" "3" "--flapping -q"
sd 0 event list --json
expect_eq "$(jq -c '[.[] | [.source, .key, .ticket, .state, .trigger_count, .flapping]]' <<<"$out")" \
  '[["nagios","web1/http",3,"resolved",3,true],["prom","cpu",2,"firing",1,false],["prom","disk",1,"resolved",2,false]]' "list --json"
expect_eq "$(jq -r '.[2] | [.severity, .summary, .first_at, .last_resolve, .downtime_until] | map(tostring) | join("|")' <<<"$out")" \
  "critical|disk full|2026-03-01T09:00:00Z|2026-03-01T09:30:00Z|null" "key fields"
sd 2 event list --json -q
expect_error "choose one of --json and -q" "--json with -q"

sd 0 event show prom disk
expect_eq "$out" "#1 resolved prom disk 2 triggers 1 resolve
  2026-03-01T09:00:00+00:00 trigger created #1 critical: disk full
  2026-03-01T09:01:00+00:00 trigger appended #1
  2026-03-01T09:30:00+00:00 resolve resolved #1" "show"
sd 0 event show nagios web1/http --json
expect_eq "$(jq -r '[.history[].outcome] | join(" ")' <<<"$out")" "created resolved reopened resolved flapping flapping" "show --json outcomes"
expect_eq "$(jq -r '.history[0] | [.at, .received, .action, .ticket] | map(tostring) | join("|")' <<<"$out")" \
  "2026-03-02T09:00:00Z|2026-03-02T09:00:00Z|trigger|3" "history entry"
sd 3 event show prom nosuch
expect_error "event key 'prom' 'nosuch' not found" "unknown key"

finish
