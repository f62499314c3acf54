#!/bin/sh
# Alertmanager -> webhook -> sdesk (examples/alertmanager/README.md).
# webhook writes the request body to a temporary file named by $SDESK_PAYLOAD
# and answers HTTP 500 when this script exits non-zero (hooks.json sets
# include-command-output-in-response), so that Alertmanager retries:
#   exit 75 (the store stayed locked) and any other failure -> 500, retried;
#   exit 65 (not an Alertmanager payload) -> logged and answered 200: sending
#   the same bytes again would not help.
sdesk=${SDESK:-sdesk}
"$sdesk" event alertmanager ${SDESK_EVENT_OPTIONS:-} "$SDESK_PAYLOAD"
rc=$?
case $rc in
  0) exit 0 ;;
  65) echo "sdesk-alertmanager: malformed payload dropped (see the error above)" >&2; exit 0 ;;
  *) exit "$rc" ;;
esac
