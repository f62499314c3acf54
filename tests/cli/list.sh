#!/usr/bin/env bash
# list: filters, sorting, limits and the three output formats.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
sd 0 open "Printer jammed" -c hardware -t printer --now 2026-10-01T08:00:00Z
sd 0 open "VPN down" -i high -u high -s vpn -t network,urgent --now 2026-10-02T08:00:00Z
sd 0 open "New laptop" -k request -i low -u low --requester carol --now 2026-10-03T08:00:00Z
sd 0 open "Disk full on db1" -i high -t urgent --now 2026-10-04T08:00:00Z
sd 0 assign 2 alice
sd 0 assign 4 --group second-line
sd 0 resolve 1 --code fixed

ids() { "$SDESK" --db "$DB" list -q "$@" | paste -sd' '; }

expect_eq "$(ids)" "1 2 3 4" "all, by id"
expect_eq "$(ids --open)" "2 3 4" "--open"
expect_eq "$(ids --status new,assigned)" "2 3 4" "--status list"
expect_eq "$(ids --status resolved)" "1" "--status resolved"
expect_eq "$(ids --kind request)" "3" "--kind"
expect_eq "$(ids --priority P1)" "2" "--priority P1 (high impact x high urgency)"
expect_eq "$(ids --priority P2,P4)" "3 4" "--priority list (high x medium = P2, low x low = P4)"
expect_eq "$(ids --assignee alice)" "2" "--assignee"
expect_eq "$(ids --unassigned --open)" "3 4" "--unassigned"
expect_eq "$(ids --group second-line)" "4" "--group"
expect_eq "$(ids --requester carol)" "3" "--requester"
expect_eq "$(ids --category hardware)" "1" "--category"
expect_eq "$(ids --service vpn)" "2" "--service"
expect_eq "$(ids --tag urgent)" "2 4" "--tag"
expect_eq "$(ids --tag urgent --tag network)" "2" "--tag twice means all"
expect_eq "$(ids --created-since 2026-10-02 --created-until 2026-10-04)" "2 3" "created window, end exclusive"
expect_eq "$(ids --updated-since 2026-11-01)" "1 2 4" "--updated-since"
expect_eq "$(ids --sort priority,-created)" "2 4 1 3" "sort by priority"
expect_eq "$(ids --sort -id --limit 2)" "4 3" "sort desc and limit"
sd 0 assign 3 bob
expect_eq "$(ids --sort status,-id)" "4 3 2 1" "status sorts in lifecycle order (new, assigned, ..., resolved)"

sd 0 list --json --open
expect_eq "$(jq -r 'length, .[0].title, .[0].tags[1], .[0].assignee' <<<"$out" | paste -sd'|')" \
  "3|VPN down|urgent|alice" "list --json"
sd 0 list --json --kind problem
expect_eq "$out" "[]" "empty JSON list"
sd 0 list --csv --limit 1
expect_eq "$(head -1 <<<"$out" | cut -d, -f1-6)" "id,ref,kind,title,description,status" "CSV header"
expect_eq "$(sed -n 2p <<<"$out" | cut -d, -f1,3,4,6)" "1,incident,Printer jammed,resolved" "CSV row"

sd 0 list --open
expect_eq "$(head -1 <<<"$out")" "ID  PRI  STATUS    KIND      GROUP         ASSIGNEE  UPDATED           TITLE" "table header"
expect_eq "$(sed -n 2p <<<"$out")" "2   P1   assigned  incident  service-desk  alice     2026-11-02T09:00  VPN down" "table row"

sd 2 list --limit 0
expect_error "--limit: must be at least 1" "bad limit"
sd 2 list --json --csv
expect_error "choose one of --json, --csv and -q" "two formats"

# A filter given an empty value (`--assignee "$WHO"` with WHO unset) is a
# mistake, not "no filter": it listed every ticket, which a script would
# then close or export. Each filter refuses it, naming itself.
for option in --status --kind --priority --group --assignee --requester --category --service --tag; do
  for value in "" " " ","; do
    sd 2 list "$option" "$value"
    expect_error "$option: empty value (accepted: one or more values, comma-separated)" \
      "list $option '$value'"
  done
done
sd 2 list --group second-line --group ""
expect_error "--group: empty value" "an empty value beside a real one"
sd 2 export --assignee ""
expect_error "--assignee: empty value" "export shares the filters"
sd 2 report --month 2026-10 --tag ""
expect_error "--tag: empty value" "report shares the filters"
sd 2 sla --category ""
expect_error "--category: empty value" "sla shares the filters"
expect_eq "$(ids --group second-line,)" "4" "a trailing comma is still one value"
# The same for --sort (it sorted by id) and report --by (it dropped the rows).
sd 2 list --sort ""
expect_error "--sort: empty value (accepted: id, kind, title, status, " "list --sort ''"
sd 2 list --sort ,
expect_error "--sort: empty value" "list --sort ','"
sd 2 report --month 2026-10 --by ""
expect_error "--by: empty value (accepted: priority, group, assignee, category, kind, service)" "report --by ''"
sd 2 report --month 2026-10 --by priority --by " "
expect_error "--by: empty value" "report --by ' ' beside a real one"

# Tags: A to Z fold to lower case, other letters are kept (docs/sdesk-open.md).
sd 0 open "Case of tags" -t "VPN,Ärger,ÄRGER,ärger" -q
sd 0 show "$out" --json
expect_eq "$(jq -c .ticket.tags <<<"$out")" '["vpn","Ärger","ärger"]' "tags: only A to Z are folded"
finish
