# fish completion for sdesk.
#
# Install: copy to ~/.config/fish/completions/ or
# /usr/share/fish/vendor_completions.d/. Keep in step with
# `sdesk COMMAND --help` (tests/cli/meta.sh checks that every long option is
# listed here).

set -l commands init open show list log assign start comment pending escalate sla resolve close reopen update config report import export verify outbox link unlink event
set -l result_commands open assign start comment pending escalate resolve close reopen update

function __sdesk_groups
    command sdesk config 2>/dev/null | string replace -rf '^groups\.(.*)\.tier = .*' '$1' | string trim -c '"'
end

function __sdesk_codes
    command sdesk config 2>/dev/null | string replace -rf '^desk\.resolution_codes = \[(.*)\].*' '$1' | string split ', ' | string trim -c '"'
end

# Completes the last item of a comma-separated list: __sdesk_list [--signed] WORDS...
function __sdesk_list
    set -l signed 0
    if test "$argv[1]" = --signed
        set signed 1
        set -e argv[1]
    end
    set -l token (commandline -ct | string replace -r '^--[a-z-]+=' '')
    set -l head (string match -r '^.*,' -- $token)
    set -l item (string replace -r '^.*,' '' -- $token)
    set -l sign ''
    if test $signed = 1; and string match -qr '^[-+]' -- $item
        set sign (string sub -l 1 -- $item)
    end
    for w in $argv
        printf '%s%s%s\n' "$head" "$sign" $w
    end
end

complete -c sdesk -f

# Global options (also accepted after the command name).
complete -c sdesk -s h -l help -d 'Print help and exit'
complete -c sdesk -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version and exit'
complete -c sdesk -l db -r -F -d 'Store file'
complete -c sdesk -l config -r -F -d 'Extra config file, read last'
complete -c sdesk -l as -x -d 'Act as this user'
complete -c sdesk -l now -x -d 'Behave as if run at this ISO 8601 time'
complete -c sdesk -l color -x -a 'auto always never' -d 'Colour output'

# Commands.
set -l no_cmd "not __fish_seen_subcommand_from $commands"
complete -c sdesk -n $no_cmd -a init -d 'Create a store (or check and upgrade one)'
complete -c sdesk -n $no_cmd -a open -d 'Record a new incident, request, change or problem'
complete -c sdesk -n $no_cmd -a show -d 'Print a ticket: fields, comments, history'
complete -c sdesk -n $no_cmd -a list -d 'List tickets, filtered and sorted'
complete -c sdesk -n $no_cmd -a log -d "Print a ticket's audit trail"
complete -c sdesk -n $no_cmd -a assign -d 'Give a ticket to an agent and/or a group'
complete -c sdesk -n $no_cmd -a start -d 'Start work; resume a pending ticket'
complete -c sdesk -n $no_cmd -a comment -d 'Add a comment'
complete -c sdesk -n $no_cmd -a pending -d 'Wait on the user or a vendor'
complete -c sdesk -n $no_cmd -a escalate -d 'Escalate to the next tier, or to management'
complete -c sdesk -n $no_cmd -a sla -d 'List open tickets whose SLA is breached or at risk'
complete -c sdesk -n $no_cmd -a resolve -d 'Mark a ticket resolved'
complete -c sdesk -n $no_cmd -a close -d 'Close a resolved ticket (final)'
complete -c sdesk -n $no_cmd -a reopen -d 'Reopen a resolved ticket'
complete -c sdesk -n $no_cmd -a update -d "Edit a ticket's fields"
complete -c sdesk -n $no_cmd -a config -d 'Print the effective configuration'
complete -c sdesk -n $no_cmd -a report -d 'Service-level report for a month, quarter, half-year or year'
complete -c sdesk -n $no_cmd -a import -d 'Import tickets with their history from JSON Lines or CSV'
complete -c sdesk -n $no_cmd -a export -d 'Export tickets and their history as JSON Lines or CSV'
complete -c sdesk -n $no_cmd -a verify -d 'Check every stored ticket against the invariants and its hash chain'
complete -c sdesk -n $no_cmd -a outbox -d 'List queued notifications, oldest first'
complete -c sdesk -n $no_cmd -a link -d 'Link two records (A TYPE B), shown from both ends'
complete -c sdesk -n $no_cmd -a unlink -d 'Remove the link A TYPE B'
complete -c sdesk -n $no_cmd -a event -d 'Monitoring alerts that open, append to and resolve tickets'

# --json and -q/--quiet of the commands that change a ticket.
complete -c sdesk -n "__fish_seen_subcommand_from $result_commands" -l json -d 'Print the ticket as JSON'
complete -c sdesk -n "__fish_seen_subcommand_from $result_commands" -s q -l quiet -d 'Print only the ticket id'

# init
complete -c sdesk -n '__fish_seen_subcommand_from init' -F
complete -c sdesk -n '__fish_seen_subcommand_from init' -l shared -d 'For several users through a common group'
complete -c sdesk -n '__fish_seen_subcommand_from init' -l group -x -a '(__fish_complete_groups)' -d 'Group to own a shared store'
complete -c sdesk -n '__fish_seen_subcommand_from init' -l json -d 'Print the result as JSON'

# open
set -l c '__fish_seen_subcommand_from open'
complete -c sdesk -n $c -s d -l description -x -d "Details; '-' reads standard input"
complete -c sdesk -n $c -s k -l kind -x -a 'incident request change problem' -d Kind
complete -c sdesk -n $c -s i -l impact -x -a 'high medium low' -d Impact
complete -c sdesk -n $c -s u -l urgency -x -a 'high medium low' -d Urgency
complete -c sdesk -n $c -s p -l priority -x -a 'P1 P2 P3 P4' -d 'Priority (default: from the matrix)'
complete -c sdesk -n $c -s c -l category -x -d Category
complete -c sdesk -n $c -s s -l service -x -d 'Affected service'
complete -c sdesk -n $c -s g -l group -x -a '(__sdesk_groups)' -d 'Group (queue)'
complete -c sdesk -n $c -s r -l requester -x -d 'Who asked'
complete -c sdesk -n $c -s a -l assignee -x -d 'Assign to this agent at once'
complete -c sdesk -n $c -s t -l tag -x -d 'Tag (repeatable, or comma-separated)'
complete -c sdesk -n $c -l ref -x -d 'Reference in another system; if a ticket has it, print that one'

# show, log, config
complete -c sdesk -n '__fish_seen_subcommand_from show log config' -l json -d 'Print as JSON'
complete -c sdesk -n '__fish_seen_subcommand_from show' -l ref -x -d 'The ticket with this reference in another system'

# Ticket filters: list, sla (not sla explain), report and export share them
# (cmd/ticket_filter.cpp).
set -l c '__fish_seen_subcommand_from list sla report export; and not __fish_seen_subcommand_from explain'
complete -c sdesk -n $c -l status -x -a '(__sdesk_list new assigned in_progress pending resolved closed investigating known_error requested assessed approved rejected scheduled implementing review cancelled)' -d Status
complete -c sdesk -n $c -l open -d 'Only tickets in a status their type counts as open'
complete -c sdesk -n $c -l kind -x -a '(__sdesk_list incident request change problem)' -d Kind
complete -c sdesk -n $c -l priority -x -a '(__sdesk_list P1 P2 P3 P4)' -d Priority
complete -c sdesk -n $c -l group -x -a '(__sdesk_list (__sdesk_groups))' -d 'Group (queue)'
complete -c sdesk -n $c -l assignee -x -d 'Assigned agent'
complete -c sdesk -n $c -l unassigned -d 'Only tickets nobody is assigned to'
complete -c sdesk -n $c -l requester -x -d Requester
complete -c sdesk -n $c -l category -x -d Category
complete -c sdesk -n $c -l service -x -d Service
complete -c sdesk -n $c -l tag -x -d 'Has this tag'
complete -c sdesk -n $c -l ref -x -d 'Has this reference in another system'
complete -c sdesk -n $c -l created-since -x -d 'Created at or after'
complete -c sdesk -n $c -l created-until -x -d 'Created before'
complete -c sdesk -n $c -l updated-since -x -d 'Updated at or after'
complete -c sdesk -n $c -l updated-until -x -d 'Updated before'

# list
set -l c '__fish_seen_subcommand_from list'
complete -c sdesk -n $c -l sort -x -a '(__sdesk_list --signed id priority status kind title created updated resolved closed group assignee requester category service escalation_level response_due resolution_due)' -d "Fields, '-' for descending"
complete -c sdesk -n $c -l limit -x -d 'At most N tickets'
complete -c sdesk -n $c -l json -d 'Print a JSON array of tickets'
complete -c sdesk -n $c -l csv -d 'Print CSV with a header row'
complete -c sdesk -n $c -s q -l quiet -d 'Print only ticket ids'

# assign
set -l c '__fish_seen_subcommand_from assign'
complete -c sdesk -n $c -s g -l group -x -a '(__sdesk_groups)' -d 'Group (queue) to route the ticket to'
complete -c sdesk -n $c -l me -d 'Assign to the acting user'

# pending, reopen
complete -c sdesk -n '__fish_seen_subcommand_from pending' -l reason -x -d 'What the ticket waits for'
complete -c sdesk -n '__fish_seen_subcommand_from reopen' -l reason -x -d 'Why the resolution was rejected'

# escalate
set -l c '__fish_seen_subcommand_from escalate'
complete -c sdesk -n $c -l to -x -a '(__sdesk_groups)' -d 'Group to escalate to'
complete -c sdesk -n $c -l reason -x -d Why
complete -c sdesk -n $c -l hierarchical -d 'Management escalation; the group stays'
complete -c sdesk -n $c -l inform -x -d 'Who was informed'
complete -c sdesk -n $c -l auto -d 'Apply the escalation rules to every open ticket (for cron)'
complete -c sdesk -n $c -l dry-run -d 'With --auto: print what would be done, change nothing'

# sla, sla explain
set -l c '__fish_seen_subcommand_from sla; and not __fish_seen_subcommand_from explain'
complete -c sdesk -n $c -a explain -d "Print a ticket's SLA clock as segments"
complete -c sdesk -n $c -l at-risk -x -d 'List targets with at least this share used (default 80%)'
complete -c sdesk -n $c -l json -d 'Print a JSON array'
complete -c sdesk -n '__fish_seen_subcommand_from sla; and __fish_seen_subcommand_from explain' -l json -d 'Print the clock and its segments as JSON'

# resolve
set -l c '__fish_seen_subcommand_from resolve'
complete -c sdesk -n $c -l code -x -a '(__sdesk_codes)' -d 'Resolution code'
complete -c sdesk -n $c -l note -x -d 'What was done'

# update
set -l c '__fish_seen_subcommand_from update'
complete -c sdesk -n $c -l title -x -d 'New one-line summary'
complete -c sdesk -n $c -s d -l description -x -d "New details; '-' reads standard input"
complete -c sdesk -n $c -s k -l kind -x -a 'incident request change problem' -d Kind
complete -c sdesk -n $c -s i -l impact -x -a 'high medium low' -d 'Impact (re-derives the priority)'
complete -c sdesk -n $c -s u -l urgency -x -a 'high medium low' -d 'Urgency (re-derives the priority)'
complete -c sdesk -n $c -s p -l priority -x -a 'P1 P2 P3 P4' -d 'Priority (overrides the matrix)'
complete -c sdesk -n $c -s c -l category -x -d Category
complete -c sdesk -n $c -s s -l service -x -d 'Affected service'
complete -c sdesk -n $c -s r -l requester -x -d 'Who asked'
complete -c sdesk -n $c -l add-tag -x -d 'Add a tag'
complete -c sdesk -n $c -l remove-tag -x -d 'Remove a tag'

# report
set -l c '__fish_seen_subcommand_from report'
complete -c sdesk -n $c -l month -x -d 'Calendar month: YYYY-MM'
complete -c sdesk -n $c -l last-month -d 'The calendar month before this one'
complete -c sdesk -n $c -l quarter -x -d 'Quarter: YYYYQn'
complete -c sdesk -n $c -l half -x -d 'Half-year: YYYYHn'
complete -c sdesk -n $c -l year -x -d 'Calendar year: YYYY'
complete -c sdesk -n $c -l from -x -d 'First day of a custom period (with --to)'
complete -c sdesk -n $c -l to -x -d 'First day after a custom period (exclusive)'
complete -c sdesk -n $c -l tz -x -d 'Time zone of the period'
complete -c sdesk -n $c -l by -x -a '(__sdesk_list priority group assignee category kind service)' -d 'Rows by one or two fields'
complete -c sdesk -n $c -l format -x -a 'table markdown csv json html' -d 'Output format'
complete -c sdesk -n $c -l json -d 'Same as --format json'
complete -c sdesk -n $c -s o -l output -r -F -d 'Write the report to FILE'
complete -c sdesk -n $c -l trend -d 'Add month-by-month figures'
complete -c sdesk -n $c -l no-trend -d 'Leave out the month-by-month figures'

# import
set -l c '__fish_seen_subcommand_from import'
complete -c sdesk -n $c -F -d 'Input file (- for standard input)'
complete -c sdesk -n $c -l format -x -a 'jsonl csv' -d 'Input format'
complete -c sdesk -n $c -l map -x -d 'Read input column COLUMN as FIELD (COLUMN=FIELD)'
complete -c sdesk -n $c -l tz -x -d 'Time zone of times without an offset'
complete -c sdesk -n $c -s n -l dry-run -d 'Check and count everything, write nothing'
complete -c sdesk -n $c -l json -d 'Print the summary as JSON'
complete -c sdesk -n $c -l notify -d 'Queue the imported actions in the outbox'
complete -c sdesk -n $c -l skip-invalid -d 'Store the valid records; write refused ones to --rejects FILE'
complete -c sdesk -n $c -l rejects -r -F -d 'Where --skip-invalid writes refused records'

# outbox
set -l c '__fish_seen_subcommand_from outbox'
complete -c sdesk -n $c -l limit -x -d 'At most N entries'
complete -c sdesk -n $c -l json -d 'Print a JSON array of entries'
complete -c sdesk -n $c -s q -l quiet -d 'Print only event ids'

# verify
set -l c '__fish_seen_subcommand_from verify'
complete -c sdesk -n $c -l json -d 'Print the result as JSON'
complete -c sdesk -n $c -s q -l quiet -d 'Print only the ids of tickets that break one'
complete -c sdesk -n $c -l digest -d 'Print a checkpoint: one digest over every history chain head'
complete -c sdesk -n $c -l against -r -F -d 'Check that nothing recorded up to a checkpoint was changed'

# event, event raw
complete -c sdesk -n '__fish_seen_subcommand_from event; and not __fish_seen_subcommand_from raw' -a raw -d 'One alert from any monitor'
set -l c '__fish_seen_subcommand_from event; and __fish_seen_subcommand_from raw'
complete -c sdesk -n $c -l source -x -d 'The monitor that sends it'
complete -c sdesk -n $c -l key -x -d 'What the alert is about'
complete -c sdesk -n $c -l action -x -a 'trigger acknowledge resolve' -d 'What the monitor says'
complete -c sdesk -n $c -l severity -x -a 'critical error warning info' -d 'How bad'
complete -c sdesk -n $c -l summary -x -d 'One line: the title of a new ticket'
complete -c sdesk -n $c -l label -x -d 'NAME=VALUE, repeatable'
complete -c sdesk -n $c -l json -d 'One JSON object per alert'

# link, unlink
set -l c '__fish_seen_subcommand_from link unlink'
complete -c sdesk -n $c -s t -l type -x -a 'caused-by causes duplicates duplicated-by relates-to fixed-by fixes blocks blocked-by' -d 'Link type'
complete -c sdesk -n $c -l json -d 'Print the result as JSON'

# export
set -l c '__fish_seen_subcommand_from export'
complete -c sdesk -n $c -l format -x -a 'jsonl csv' -d 'Output format'
complete -c sdesk -n $c -s o -l output -r -F -d 'Write to FILE, not standard output'
