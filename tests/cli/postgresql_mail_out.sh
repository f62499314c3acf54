#!/usr/bin/env bash
# Mail out on a PostgreSQL store: tests/cli/mail_out.sh run with the store a
# PostgreSQL URI (the outgoing queue, the "mail" deliveries, the threading
# look-ups and the claims against a concurrent tick on that backend).
#
# Runs on a throw-away server from tests/support/pg-server (started here
# unless SDESK_TEST_PG_URI names one); skipped (125) only when the server
# binaries are missing.
if [ -z "${SDESK_TEST_PG_URI:-}" ]; then
  exec "$(dirname "$0")/../support/pg-server" bash "$0" "$@"
fi
SDESK_TEST_MAIL_STORE=$SDESK_TEST_PG_URI exec bash "$(dirname "$0")/mail_out.sh"
