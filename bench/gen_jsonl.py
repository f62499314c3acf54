#!/usr/bin/env python3
"""Writes N tickets as sdesk import records (JSON Lines) on standard output.

Usage: gen_jsonl.py [N] [SEED] > tickets.jsonl

Deterministic for N and SEED. Each ticket looks like a desk's real ones
(compare examples/uci_to_jsonl.py): a ref, title, category, group,
assignee, requester, tags on some, impact/urgency/priority, created, first
response, resolved and closed times, and its status changes in "events"
(new, then in_progress, sometimes pending and back, resolved, closed; a few
reopened; the newest still open). Times are UTC with a "Z".
"""

import json
import random
import sys
from datetime import datetime, timedelta, timezone

START = datetime(2023, 1, 1, tzinfo=timezone.utc)
SPAN_SECONDS = 3 * 365 * 24 * 3600
LEVELS = ["high", "medium", "low"]
MATRIX = {("high", "high"): 1, ("high", "medium"): 2, ("high", "low"): 3,
          ("medium", "high"): 2, ("medium", "medium"): 3, ("medium", "low"): 4,
          ("low", "high"): 3, ("low", "medium"): 4, ("low", "low"): 4}
WORDS = ["printer", "VPN", "laptop", "e-mail", "password", "monitor", "Wi-Fi", "SAP",
         "Outlook", "badge", "phone", "Teams", "disk", "license", "backup", "share"]
PROBLEMS = ["does not start", "is slow", "keeps disconnecting", "shows an error",
            "needs a reset", "is missing", "cannot be reached", "stopped syncing"]
CODES = ["fixed", "workaround", "duplicate", "no_fault", "user_error"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def ticket(rng, i, n):
    created = START + timedelta(seconds=SPAN_SECONDS * i // n + rng.randrange(600))
    impact = rng.choices(LEVELS, [1, 8, 3])[0]
    urgency = rng.choices(LEVELS, [1, 8, 3])[0]
    group = f"group-{rng.randrange(40)}"
    t = {
        "ref": f"GEN{i:08d}",
        # Changes and problems have lifecycles of their own (docs/record-types.md)
        # that these incident-style histories do not follow: none until the
        # generator walks them (the draw is kept so every other field stays).
        "kind": rng.choices(["incident", "request", "change", "problem"], [70, 25, 0, 0])[0],
        "title": f"{rng.choice(WORDS)} {rng.choice(PROBLEMS)}",
        "impact": impact,
        "urgency": urgency,
        "priority": f"P{MATRIX[(impact, urgency)]}",
        "category": f"category-{rng.randrange(60)}",
        "group": group,
        "assignee": f"agent-{rng.randrange(300)}",
        "requester": f"user-{rng.randrange(20000)}",
        "tags": rng.choice([[], [], [], ["vip"], ["onsite"], ["hardware", "onsite"]]),
        "created": iso(created),
    }
    at = created
    events = [{"at": iso(at), "status": "new"}]
    age_left = START + timedelta(seconds=SPAN_SECONDS) - created
    open_ticket = age_left < timedelta(days=10) and rng.random() < 0.5

    def step(status, hours):
        nonlocal at
        at += timedelta(seconds=int(rng.expovariate(1 / (hours * 3600))) + 60)
        events.append({"at": iso(at), "status": status, "actor": t["assignee"]})

    step("in_progress", 4)
    t["first_response"] = events[-1]["at"]
    if rng.random() < 0.25:
        step("pending", 8)
        step("in_progress", 24)
    if not open_ticket:
        step("resolved", 20)
        if rng.random() < 0.02:
            step("assigned", 48)
            step("resolved", 12)
        t["resolved"] = events[-1]["at"]
        t["resolution_code"] = rng.choice(CODES)
        step("closed", 120)
        t["closed"] = events[-1]["at"]
    t["status"] = events[-1]["status"]
    t["events"] = events
    return t


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 1000000
    rng = random.Random(int(argv[2]) if len(argv) > 2 else 1)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(ticket(rng, i, n), separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
