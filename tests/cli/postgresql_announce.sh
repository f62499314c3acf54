#!/usr/bin/env bash
# Announcements on a PostgreSQL store: tests/cli/announce.sh run with the
# store a PostgreSQL URI (subscriptions, announcements, their mail on the
# queue, change schedule --announce in one transaction on that backend).
#
# Runs on a throw-away server from tests/support/pg-server (started here
# unless SDESK_TEST_PG_URI names one); skipped (125) only when the server
# binaries are missing.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
SDESK_ANNOUNCE_DB=$SDESK_TEST_PG_URI exec bash "$(dirname "$0")/announce.sh"
