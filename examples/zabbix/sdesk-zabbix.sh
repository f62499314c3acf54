#!/bin/sh
# A Zabbix media type (type "Script") that feeds sdesk through `sdesk event
# raw` (docs/sdesk-event.md). Install it in Zabbix's AlertScriptsPath and
# create the media type with these script parameters, in this order:
#   {EVENT.VALUE}          1 = problem, 0 = recovery
#   {TRIGGER.ID}           the key: one ticket per trigger
#   {EVENT.NSEVERITY}      0..5 (not classified .. disaster)
#   {EVENT.NAME}           the summary (a new ticket's title)
#   {HOST.NAME}            a label
#   {EVENT.UPDATE.ACTION}  "acknowledged" for an update that acknowledges
#                          (empty otherwise; send updates too)
# The user Zabbix runs as must be able to write the store.
set -u
value=$1 trigger=$2 nseverity=$3 name=$4 host=${5:-} update=${6:-}
sdesk=${SDESK:-sdesk}

case $nseverity in
  5) severity=critical ;;      # disaster
  4) severity=error ;;         # high
  3|2) severity=warning ;;     # average, warning
  *) severity=info ;;          # information, not classified
esac
case $update in
  *acknowledged*) action=acknowledge ;;
  *) if [ "$value" = 1 ]; then action=trigger; else action=resolve; fi ;;
esac
# The summary must be one line.
name=$(printf '%s' "$name" | tr '\r\n' '  ')

exec "$sdesk" event raw --source zabbix --key "trigger-$trigger" --action "$action" \
  --severity "$severity" --summary "$name" --label "host=$host"
