#!/bin/sh
# Mails last month's service report: the plain-text table in the body and the
# HTML report (charts included, self-contained) attached.
#
#   monthly-report-cron.sh RECIPIENT...
#
# From cron, at 07:00 on the first day of each month (crontab -e as a user
# who can read the store):
#
#   0 7 1 * * /usr/share/doc/sdesk/examples/monthly-report-cron.sh desk-managers@example.com
#
# (that is where the Debian package puts it; `cmake --install` puts it under
# /usr/local/share/doc/sdesk/examples/.)
#
# Cron's environment is small: set the store and time zone in the config
# (store.path, report.timezone) or here, e.g. SDESK_DB=/srv/sdesk/desk.db.
# Environment: SDESK (the binary, default "sdesk"), SENDMAIL (default
# /usr/sbin/sendmail; any program reading a whole message on stdin, e.g.
# msmtp -t), REPORT_FROM (the From address), REPORT_BY (rows, default
# priority).
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: monthly-report-cron.sh RECIPIENT..." >&2
  exit 2
fi

sdesk=${SDESK:-sdesk}
sendmail=${SENDMAIL:-/usr/sbin/sendmail}
from=${REPORT_FROM:-sdesk@$(hostname -f 2>/dev/null || hostname)}
by=${REPORT_BY:-priority}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Both formats of the same month: sdesk picks last month in the report time
# zone, so the two runs agree unless they straddle midnight of the 1st.
"$sdesk" report --last-month --by "$by" --format html --output "$tmp/report.html"
"$sdesk" report --last-month --by "$by" >"$tmp/report.txt"

# "Service report 2026-10", from the page title.
title=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$tmp/report.html" | head -n 1)
file=$(printf '%s' "$title" | tr ' ' '-').html
recipients=$(printf '%s, ' "$@" | sed 's/, $//')
boundary="sdesk-report-$(date +%s)-$$"

{
  printf 'From: %s\n' "$from"
  printf 'To: %s\n' "$recipients"
  printf 'Subject: %s\n' "$title"
  printf 'Date: %s\n' "$(LC_ALL=C date -R)"
  printf 'MIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="%s"\n' "$boundary"
  printf '\n'
  printf 'This is a MIME message: a text part and an HTML attachment.\n'
  printf '\n--%s\n' "$boundary"
  printf 'Content-Type: text/plain; charset=utf-8\n'
  printf 'Content-Transfer-Encoding: 8bit\n'
  printf '\n'
  cat "$tmp/report.txt"
  printf '\nCharts and all figures: %s (attached). Definitions: docs/sla.md.\n' "$file"
  printf '\n--%s\n' "$boundary"
  printf 'Content-Type: text/html; charset=utf-8; name="%s"\n' "$file"
  printf 'Content-Disposition: attachment; filename="%s"\n' "$file"
  printf 'Content-Transfer-Encoding: base64\n'
  printf '\n'
  base64 -w 76 "$tmp/report.html"
  printf '\n--%s--\n' "$boundary"
} >"$tmp/message"

# -t: recipients from the headers; -oi: a line with a lone "." is not the end.
"$sendmail" -t -oi <"$tmp/message"
