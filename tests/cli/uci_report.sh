#!/usr/bin/env bash
# Monthly reports on a real log: the UCI ServiceNow incident event log
# (24,918 incidents, 2016-2017), converted by examples/uci_to_jsonl.py and
# imported. March 2016's counts are checked against numbers computed here,
# independently, from the raw CSV (not from sdesk's output).
# Skipped (125) without python3, the data set, the converter or `sdesk import`.
. "$(dirname "$0")/lib.sh"

src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
data=${SDESK_UCI_DATA:-$src/../shared/data/uci-incidents/incident_event_log.csv.gz}
converter=$src/examples/uci_to_jsonl.py
command -v python3 >/dev/null || { echo "python3 missing: skipped" >&2; exit 125; }
[ -f "$data" ] || { echo "$data missing: skipped" >&2; exit 125; }
[ -f "$converter" ] || { echo "$converter missing: skipped" >&2; exit 125; }
"$SDESK" import --help >/dev/null 2>&1 || { echo "sdesk import missing: skipped" >&2; exit 125; }

# March 2016 from the raw log, one incident per number (its last row):
# opened_at and closed_at in the month; resolved_at in the month, or, when
# the log has none, the last change to Resolved not followed by an open
# state; reopens: a change from Resolved or Closed to an open state in the
# month (each run of equal states counted once, at its earliest time).
# Left out, as `sdesk import --skip-invalid` rejects them (docs/invariants.md):
# incidents that leave Closed for an open state, and incidents that end
# Closed with no resolution time. The last number printed is how many.
expected=$(python3 - "$data" <<'EOF'
import csv, gzip, sys
from datetime import datetime
def t(s): return None if s == '?' else datetime.strptime(s, '%d/%m/%Y %H:%M')
OPEN = {'New', 'Active', 'Awaiting User Info', 'Awaiting Vendor', 'Awaiting Problem', 'Awaiting Evidence'}
lo, hi = datetime(2016, 3, 1), datetime(2016, 4, 1)
inm = lambda x: x is not None and lo <= x < hi
incidents = {}
for row in csv.DictReader(gzip.open(sys.argv[1], 'rt')):
    incidents.setdefault(row['number'], []).append(row)
opened = resolved = closed = reopened = skipped = 0
for rows in incidents.values():
    last = rows[-1]
    runs = []
    for r in rows:
        if r['incident_state'] == '-100':
            continue
        if runs and runs[-1][0] == r['incident_state']:
            runs[-1][1] = min(runs[-1][1], t(r['sys_updated_at']))
        else:
            runs.append([r['incident_state'], t(r['sys_updated_at'])])
    done = t(last['resolved_at'])
    if done is None:
        marks = [i for i, r in enumerate(runs) if r[0] == 'Resolved']
        if marks and not any(r[0] in OPEN for r in runs[marks[-1] + 1:]):
            done = runs[marks[-1]][1]
    if any(a[0] == 'Closed' and b[0] in OPEN for a, b in zip(runs, runs[1:])) \
            or (runs[-1][0] == 'Closed' and done is None):
        skipped += 1
        continue
    opened += inm(t(last['opened_at']))
    closed += inm(t(last['closed_at']))
    reopened += sum(a[0] in ('Resolved', 'Closed') and b[0] in OPEN and inm(b[1])
                    for a, b in zip(runs, runs[1:]))
    resolved += inm(done)
print(opened, resolved, closed, reopened, skipped)
EOF
)
[ -n "$expected" ] || { fail "could not compute the expectations"; finish; }

sd 0 init "$DB"
python3 "$converter" "$data" >"$TEST_DIR/uci.jsonl" || fail "converter failed"
sd 0 import "$TEST_DIR/uci.jsonl" --tz UTC --json --skip-invalid --rejects "$TEST_DIR/rejects.jsonl"
expect_eq "$(jq -r .rejected <<<"$out")" "${expected##* }" "the incidents rejected are those left out here"
expected=${expected% *}

sd 0 report --month 2016-03 --tz UTC --by priority --json
march=$out
expect_eq "$(jq -r '.total | [.opened, .resolved, .closed, .reopened] | join(" ")' <<<"$march")" \
  "$expected" "March 2016: opened, resolved, closed, reopened vs the raw log"
expect_eq "$(jq -r '[.rows[].opened] | add' <<<"$march")" "$(jq -r '.total.opened' <<<"$march")" \
  "rows add up to the total"
expect_eq "$(jq -r '[.rows[].key.priority] | join(" ")' <<<"$march")" "P1 P2 P3 P4" "priorities"

# Sense checks: the backlog rolls forward month to month (end of March =
# end of February + opened - tickets leaving the backlog), times are
# positive, and the year's trend agrees with the month report.
sd 0 report --year 2016 --tz UTC --json
year=$out
expect_eq "$(jq -c '.trend[2] | [.month, .opened, .resolved, .closed, .backlog]' <<<"$year")" \
  "$(jq -c '["2016-03", .total.opened, .total.resolved, .total.closed, .total.backlog]' <<<"$march")" \
  "March in the 2016 trend"
expect_eq "$(jq -r '([.trend[].opened] | add) == .total.opened' <<<"$year")" "true" "trend sums to the year"
expect_eq "$(jq -r '.total.resolution_hours | .median > 0 and .p90 >= .median and .count == '"$(jq .total.resolved <<<"$march")" <<<"$march")" \
  "true" "resolution hours make sense"
expect_eq "$(jq -r '.trend[1].backlog + .trend[2].opened >= .trend[2].backlog' <<<"$year")" "true" \
  "backlog rolls forward"
finish
