#!/usr/bin/env python3
"""Turn the UCI ServiceNow incident event log into sdesk import records.

Usage: uci_to_jsonl.py [incident_event_log.csv.gz] > incidents.jsonl
       sdesk import incidents.jsonl --tz UTC

The input (../shared/data/uci-incidents/, CC BY 4.0, Amaral, Fantinato and
Peres 2018, doi:10.24432/C57S4H) is an event log: one row per update of an
incident. This script collapses it to one JSON object per incident, with
the field names `sdesk import` reads (see docs/sdesk-import.md):

* Incident-level values come from the incident's last row (priority,
  impact, urgency, group, assignee and category change over time);
  `opened_at`, `resolved_at` and `closed_at` are per incident.
* ref = number; requester = caller_id; group = assignment_group;
  assignee = assigned_to; resolution_code = closed_code; the title is made
  of category, subcategory and symptom (the log has no text). `?` is null.
* impact/urgency "1 - High" -> high; priority "3 - Moderate" -> P3.
* events: every change of incident_state, at sys_updated_at, by
  sys_updated_by: New -> new, Active -> in_progress, Awaiting ... ->
  pending, Resolved -> resolved, Closed -> closed. The undocumented `-100`
  state (5 rows) is skipped; repeated states (every save is logged) are kept
  once, at the earliest time of the run (one incident, INC0000137, has a
  first row stamped after the rows that follow it). sdesk names each change after its lifecycle verb; leaving Resolved or
  Closed for an open state is a reopen (275 incidents, the same ones whose
  reopen_count ends above 0; leaving Resolved for Active is recorded as a
  reopen then a start). sdesk's lifecycle has Closed final: the 12
  incidents that leave Closed are refused by `sdesk import` (with
  --skip-invalid, set aside in the rejects file).
* resolved = resolved_at. When it is `?` (1,556 incidents) it is left null
  and sdesk takes the time of the last change to Resolved, when the incident
  was not reopened after it; 13 incidents went from an open state straight
  to Closed and have no resolution time, which sdesk requires of a closed
  ticket: `sdesk import` refuses them (see docs/invariants.md).
* first_response: the log has no such column. Rule: the time of the first
  event whose state is neither New nor Closed, i.e. the first time the desk
  acted on the incident (started work, asked the user or a vendor, or
  resolved it); never before opened_at. An incident closed from New has
  none.
* Times are `D/M/YYYY HH:MM` with no zone (the instance's zone is not
  documented). They are written without an offset, to be imported with
  `--tz UTC`: UTC has no daylight saving, so durations are the naive
  wall-clock differences the data's own figures use, and dates stay the
  dates in the log.

Standard library only. Output: JSON Lines on standard output.
"""

import csv
import gzip
import io
import json
import os
import sys

STATES = {
    "New": "new",
    "Active": "in_progress",
    "Awaiting User Info": "pending",
    "Awaiting Vendor": "pending",
    "Awaiting Problem": "pending",
    "Awaiting Evidence": "pending",
    "Resolved": "resolved",
    "Closed": "closed",
}
LEVELS = {"1 - High": "high", "2 - Medium": "medium", "3 - Low": "low"}


def default_input():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "shared", "data", "uci-incidents",
                        "incident_event_log.csv.gz")


def value(text):
    """The field's value, or None for the log's missing marker `?`."""
    return None if text == "?" else text


def timestamp(text):
    """`29/2/2016 01:16` -> `2016-02-29T01:16` (no offset: see --tz)."""
    if text == "?":
        return None
    date, clock = text.split(" ")
    day, month, year = date.split("/")
    return f"{year}-{int(month):02}-{int(day):02}T{clock}"


def title(row):
    parts = [value(row["category"]), value(row["subcategory"])]
    head = ", ".join(p for p in parts if p)
    symptom = value(row["u_symptom"])
    text = f"{head}: {symptom}" if head and symptom else head or symptom
    return text or row["number"]


def status_events(rows):
    events = []
    for row in rows:
        status = STATES.get(row["incident_state"])
        if status is None:  # -100
            continue
        at = timestamp(row["sys_updated_at"])
        if events and events[-1]["status"] == status:
            # Same state again: no change. A run starts at its earliest row
            # (INC0000137's first row is stamped after the next two).
            events[-1]["at"] = min(events[-1]["at"], at)
            continue
        events.append({"at": at, "status": status, "actor": row["sys_updated_by"]})
    return events


def first_response(events, opened):
    for event in events:
        if event["status"] not in ("new", "closed"):
            return max(event["at"], opened)
        if event["status"] == "closed":
            return None
    return None


def ticket(rows):
    last = rows[-1]
    events = status_events(rows)
    opened = timestamp(last["opened_at"])
    priority = last["priority"]
    return {
        "ref": last["number"],
        "kind": "incident",
        "title": title(last),
        "status": events[-1]["status"],
        "impact": LEVELS[last["impact"]],
        "urgency": LEVELS[last["urgency"]],
        "priority": "P" + priority.split(" ")[0],
        "category": value(last["category"]),
        "group": value(last["assignment_group"]),
        "assignee": value(last["assigned_to"]),
        "requester": value(last["caller_id"]),
        "created": opened,
        "first_response": first_response(events, opened),
        "resolved": timestamp(last["resolved_at"]),
        "closed": timestamp(last["closed_at"]),
        "resolution_code": value(last["closed_code"]),
        "events": events,
    }


def main(argv):
    path = argv[1] if len(argv) > 1 else default_input()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = []
        for row in csv.DictReader(f):
            if rows and row["number"] != rows[0]["number"]:
                out.write(json.dumps(ticket(rows), separators=(",", ":")) + "\n")
                rows = []
            rows.append(row)
        if rows:
            out.write(json.dumps(ticket(rows), separators=(",", ":")) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
