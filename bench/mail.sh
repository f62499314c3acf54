#!/bin/sh
# Benchmarks `sdesk mail receive` on a generated store (issue 13's target, on
# 1M tickets: a 50 KB reply with a 1 MB attachment within 3x of `open`;
# finding the ticket by In-Reply-To or References is an indexed look-up).
#
#   bench/mail.sh PATH/TO/sdesk STORE [ROUNDS]
#
# STORE is a store made by sdesk_bench_gen (it gains a ticket, comments and
# attachments: use a copy). One seed message opens a ticket; then ROUNDS
# (default 30) replies, each with its own Message-ID, In-Reply-To and
# References naming the seed, 50 KB of quoted text and a 1 MB attachment of
# its own random bytes (so that content addressing stores each one), are
# received alternately with `open` by sdesk_bench_alternate, which prints
# each median and the ratio. Then the query plans of the look-ups.
set -eu

[ $# -ge 2 ] || { echo "usage: bench/mail.sh PATH/TO/sdesk STORE [ROUNDS]" >&2; exit 2; }
SDESK=$(realpath "$1")
DB=$(realpath "$2")
ROUNDS=${3:-30}
ALTERNATE=${ALTERNATE:-"$(dirname "$SDESK")/bench/sdesk_bench_alternate"}
for tool in python3 sqlite3 "$ALTERNATE"; do
  command -v "$tool" >/dev/null || { echo "mail.sh: '$tool' is missing (scripts/install-deps --bench; build the bench targets)" >&2; exit 2; }
done
BENCH=$(cd "$(dirname "$0")" && pwd)
OUT="$BENCH/out"
mkdir -p "$OUT/home" "$OUT/mail"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/config" XDG_DATA_HOME="$OUT/home/data"
export SDESK_SYSTEM_CONFIG="$OUT/home/no-system-config.toml" TZ=UTC LC_ALL=C SDESK_USER=agent SDESK_DB="$DB"
unset SDESK_CONFIG SDESK_NOW

python3 - "$OUT/mail" "$ROUNDS" <<'PY'
import base64, os, random, sys
out, rounds = sys.argv[1], int(sys.argv[2])
head = ("From: Ada User <ada@example.org>\r\nTo: helpdesk@example.org\r\n"
        "Date: Tue, 01 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n")
open(f"{out}/seed.eml", "w", newline="").write(
    head + "Subject: VPN drops every ten minutes\r\nMessage-ID: <seed@bench.example.org>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nThe VPN drops every ten minutes since this morning.\r\n")
rng = random.Random(1)
line = "> The VPN drops every ten minutes since this morning; logs attached.\r\n"
text = "Still broken, see the log attached.\r\n\r\n" + line * (50 * 1024 // len(line))
for r in range(rounds):
    blob = base64.encodebytes(rng.randbytes(1024 * 1024)).decode().replace("\n", "\r\n")
    msg = (head + f"Subject: Re: [sdesk #1] VPN drops every ten minutes\r\n"
           f"Message-ID: <reply-{r}@bench.example.org>\r\n"
           "In-Reply-To: <seed@bench.example.org>\r\n"
           "References: <seed@bench.example.org>\r\n"
           'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
           "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text +
           f'--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="vpn-{r}.log"\r\n'
           "Content-Transfer-Encoding: base64\r\n\r\n" + blob + "--b--\r\n")
    open(f"{out}/reply-{r}.eml", "w", newline="").write(msg)
PY

"$SDESK" init "$DB" >/dev/null # migrates a generated store to this sdesk's schema
"$SDESK" mail receive --json < "$OUT/mail/seed.eml"
ls -l "$OUT/mail/reply-0.eml"
"$ALTERNATE" "$ROUNDS" --stdin "$OUT/mail/reply-%d.eml" "$SDESK" mail receive -- "$SDESK" open 'Printer jam' -q
"$SDESK" mail receive --json < "$OUT/mail/reply-0.eml" # a redelivery: duplicate
echo "query plans of the look-ups by message id:"
sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT ticket_id FROM mail_message WHERE message_id = 'x';"
