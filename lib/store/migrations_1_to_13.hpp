#pragma once

// Schema migrations 1 to 13 (the tickets, their history, links, record
// types, problems and changes). Part of lib/store/migrations.hpp: read
// that file's comment first. Append only: never edit a migration that has
// shipped.

#include <array>
#include <string_view>

namespace sdesk::store {

inline constexpr std::array<std::string_view, 13> k_migrations_1_to_13{
  // 1: tickets, tags and the append-only history.
  R"sql(
CREATE TABLE ticket (
  id                INTEGER PRIMARY KEY,
  ref               TEXT UNIQUE,
  kind              TEXT NOT NULL CHECK (kind IN ('incident','request','change','problem')),
  title             TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL CHECK (status IN
                      ('new','assigned','in_progress','pending','resolved','closed')),
  impact            INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 3),
  urgency           INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),
  priority          INTEGER NOT NULL CHECK (priority >= 1),
  category          TEXT,
  service           TEXT,
  grp               TEXT,
  assignee          TEXT,
  requester         TEXT,
  escalation_level  INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at       INTEGER,
  closed_at         INTEGER,
  resolution_code   TEXT,
  resolution_note   TEXT,
  response_due      INTEGER,
  resolution_due    INTEGER
);
CREATE INDEX ticket_by_status   ON ticket (status, priority);
CREATE INDEX ticket_by_created  ON ticket (created_at);
CREATE INDEX ticket_by_updated  ON ticket (updated_at);
CREATE INDEX ticket_by_resolved ON ticket (resolved_at);
CREATE INDEX ticket_by_group    ON ticket (grp, status);
CREATE INDEX ticket_by_assignee ON ticket (assignee, status);

CREATE TABLE ticket_tag (
  ticket_id INTEGER NOT NULL REFERENCES ticket (id),
  tag       TEXT NOT NULL,
  PRIMARY KEY (ticket_id, tag)
) WITHOUT ROWID;
CREATE INDEX ticket_tag_by_tag ON ticket_tag (tag, ticket_id);

CREATE TABLE ticket_event (
  id        INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES ticket (id),
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  field     TEXT,
  old_value TEXT,
  new_value TEXT,
  note      TEXT
);
CREATE INDEX ticket_event_by_ticket ON ticket_event (ticket_id, id);
CREATE INDEX ticket_event_by_time   ON ticket_event (at, action);

-- History is append-only: refuse edits and deletions at the lowest level.
CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event
BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;
CREATE TRIGGER ticket_event_no_delete BEFORE DELETE ON ticket_event
BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;
)sql",
  // 2: SLA bookkeeping: the policy applied and the business time taken to
  // respond and to resolve (seconds), so reports aggregate without replaying
  // calendars.
  R"sql(
ALTER TABLE ticket ADD COLUMN sla_policy TEXT;
ALTER TABLE ticket ADD COLUMN response_business INTEGER;
ALTER TABLE ticket ADD COLUMN resolution_business INTEGER;
CREATE INDEX ticket_by_first_response ON ticket (first_response_at);
CREATE INDEX ticket_by_closed ON ticket (closed_at);
)sql",
  // 3: reports (lib/store/report_source.cpp) read ranges, never the whole
  // store. The first-response, resolution and closing indexes also carry
  // created_at, so "in the period, created before it" is answered from the
  // index alone. Two small partial indexes: tickets still open or open for
  // more than 30 days (for "open at the start of the period"), and
  // reopen/escalation history rows; queries must repeat their WHERE clauses
  // verbatim for SQLite to use them. (ORs, not IN: SQLite evaluates an IN
  // list in a partial index's WHERE through a temporary table on every
  // event insert, which made bulk imports 1.8 s slower per 1M tickets.)
  R"sql(
DROP INDEX ticket_by_first_response;
DROP INDEX ticket_by_resolved;
DROP INDEX ticket_by_closed;
CREATE INDEX ticket_by_first_response ON ticket (first_response_at, created_at);
CREATE INDEX ticket_by_resolved ON ticket (resolved_at, created_at);
CREATE INDEX ticket_by_closed ON ticket (closed_at, created_at);
CREATE INDEX ticket_long_running ON ticket (created_at)
  WHERE resolved_at IS NULL OR resolved_at - created_at > 2592000;
CREATE INDEX ticket_event_counted ON ticket_event (at, ticket_id, action)
  WHERE action = 'reopen' OR action = 'escalate' OR action = 'escalate_hierarchical';
)sql",
  // 4: leaner writes. ticket_event_by_time answered no query (reports count
  // reopen and escalation rows through ticket_event_counted) yet cost every
  // write a page and a bulk import 2 s per 1M tickets. ticket_by_group
  // selected a large share of the store (a desk has few queues), and a
  // queue view (--group G --open) is answered from ticket_by_status: 6 ms
  // at 1M tickets without it; it cost open, escalate and assign --group a
  // page each and an import 1.2 s per 1M tickets. The first-response,
  // resolution and closing indexes only ever answer ranges, which imply NOT
  // NULL, so they become partial: opening a ticket (all three unset)
  // touches none of them.
  R"sql(
DROP INDEX ticket_event_by_time;
DROP INDEX ticket_by_group;
DROP INDEX ticket_by_first_response;
DROP INDEX ticket_by_resolved;
DROP INDEX ticket_by_closed;
CREATE INDEX ticket_by_first_response ON ticket (first_response_at, created_at)
  WHERE first_response_at IS NOT NULL;
CREATE INDEX ticket_by_resolved ON ticket (resolved_at, created_at)
  WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_by_closed ON ticket (closed_at, created_at)
  WHERE closed_at IS NOT NULL;
)sql",
  // 5: structured event data (model::Event::data): a JSON object that says
  // what an action did in a form programs read, beside the note people read.
  R"sql(
ALTER TABLE ticket_event ADD COLUMN data TEXT;
)sql",
  // 6: reports count reopens and escalations by the one row that marks each
  // (lib/store/report_source.cpp); the partial index of migration 3 held
  // every row of those actions and lacked `field`, so a year's report read
  // each of its ~420k rows from the table (140k page reads at 1M tickets)
  // to test the field. Now it holds exactly the counted rows, and carries
  // `field` so that SQLite answers the query from the index alone.
  R"sql(
DROP INDEX ticket_event_counted;
CREATE INDEX ticket_event_counted ON ticket_event (at, ticket_id, action, field)
  WHERE (action = 'reopen' AND field = 'status')
     OR (action = 'escalate' AND (field IS NULL OR field = 'escalation_level'))
     OR (action = 'escalate_hierarchical' AND field IS NULL);
)sql",
  // 7: the outbox (lib/model/outbox.hpp): one row per notifiable action,
  // written by the write path (lib/ops/write.hpp) in the transaction that
  // records the action, for hooks and e-mail to deliver later. Keyed by the
  // action's first event, so rows are in the order they were queued and a
  // ticket's rows are found through its events (no index of its own: one
  // page per opened ticket less).
  R"sql(
CREATE TABLE outbox (
  event_id   INTEGER PRIMARY KEY REFERENCES ticket_event (id),
  kind       TEXT NOT NULL,
  ticket_id  INTEGER NOT NULL REFERENCES ticket (id),
  created_at INTEGER NOT NULL
);
)sql",
  // 8: links between records (lib/model/link.hpp). Each link is one row in
  // its canonical direction (from_id, type, to_id); `type` is a canonical
  // name of model::link_types(), checked there, not here (types are data).
  // The primary key finds a ticket's links as `from`, the index as `to`.
  R"sql(
CREATE TABLE ticket_link (
  from_id INTEGER NOT NULL REFERENCES ticket (id),
  type    TEXT NOT NULL,
  to_id   INTEGER NOT NULL REFERENCES ticket (id),
  PRIMARY KEY (from_id, type, to_id)
) WITHOUT ROWID;
CREATE INDEX ticket_link_by_to ON ticket_link (to_id, type, from_id);
)sql",
  // 9: record types are data (lib/model/record_type.hpp). The kind and
  // status CHECK constraints repeated the incident lifecycle; each type's
  // description now says which statuses it has, so the ticket table is
  // rebuilt without them (SQLite's 12-step table rebuild: migrate_to turns
  // foreign keys off around it and checks them before committing). Columns,
  // rows and every index stay exactly as migrations 1-4 left them.
  // Changes and problems followed the incident lifecycle until now; each
  // moves to the nearest status of its own (docs/record-types.md), and
  // gets one "migrate" history event (at its last event's time) so that
  // its history still replays:
  //   incident status   change         problem
  //   new, assigned     requested      new
  //   in_progress       implementing   investigating
  //   pending           implementing   investigating
  //   resolved          review         resolved
  //   closed            closed         closed
  // (resolved_at and closed_at keep their meaning, so reports do not move).
  R"sql(
CREATE TABLE new_ticket (
  id                INTEGER PRIMARY KEY,
  ref               TEXT UNIQUE,
  kind              TEXT NOT NULL,
  title             TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL,
  impact            INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 3),
  urgency           INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),
  priority          INTEGER NOT NULL CHECK (priority >= 1),
  category          TEXT,
  service           TEXT,
  grp               TEXT,
  assignee          TEXT,
  requester         TEXT,
  escalation_level  INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at       INTEGER,
  closed_at         INTEGER,
  resolution_code   TEXT,
  resolution_note   TEXT,
  response_due      INTEGER,
  resolution_due    INTEGER,
  sla_policy        TEXT,
  response_business INTEGER,
  resolution_business INTEGER
);
INSERT INTO new_ticket SELECT * FROM ticket;
DROP TABLE ticket;
ALTER TABLE new_ticket RENAME TO ticket;
CREATE INDEX ticket_by_status   ON ticket (status, priority);
CREATE INDEX ticket_by_created  ON ticket (created_at);
CREATE INDEX ticket_by_updated  ON ticket (updated_at);
CREATE INDEX ticket_by_assignee ON ticket (assignee, status);
CREATE INDEX ticket_long_running ON ticket (created_at)
  WHERE resolved_at IS NULL OR resolved_at - created_at > 2592000;
CREATE INDEX ticket_by_first_response ON ticket (first_response_at, created_at)
  WHERE first_response_at IS NOT NULL;
CREATE INDEX ticket_by_resolved ON ticket (resolved_at, created_at)
  WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_by_closed ON ticket (closed_at, created_at)
  WHERE closed_at IS NOT NULL;

CREATE TEMP TABLE migrate_status (kind TEXT, old TEXT, new TEXT, PRIMARY KEY (kind, old));
INSERT INTO migrate_status VALUES
  ('change', 'new', 'requested'), ('change', 'assigned', 'requested'),
  ('change', 'in_progress', 'implementing'), ('change', 'pending', 'implementing'),
  ('change', 'resolved', 'review'), ('change', 'closed', 'closed'),
  ('problem', 'new', 'new'), ('problem', 'assigned', 'new'),
  ('problem', 'in_progress', 'investigating'), ('problem', 'pending', 'investigating'),
  ('problem', 'resolved', 'resolved'), ('problem', 'closed', 'closed');
INSERT INTO ticket_event (ticket_id, at, actor, action, field, old_value, new_value, note)
  SELECT t.id, coalesce((SELECT max(e.at) FROM ticket_event e WHERE e.ticket_id = t.id), t.created_at),
         'sdesk', 'migrate', 'status', t.status, m.new,
         'the ' || t.kind || ' lifecycle replaces the incident lifecycle (schema 9)'
  FROM ticket t JOIN migrate_status m ON m.kind = t.kind AND m.old = t.status
  ORDER BY t.id;
UPDATE ticket SET status = (SELECT m.new FROM migrate_status m
                            WHERE m.kind = ticket.kind AND m.old = ticket.status)
  WHERE kind IN ('change', 'problem');
DROP TABLE migrate_status;
)sql",
  // 10: tamper-evident history (docs/history.md): each event's link in its
  // ticket's hash chain, and the ticket's count of events and head hash.
  // Its C++ step (k_migration_steps) fills them for the stored events and
  // moves the escalation data older sdesks wrote as prose into `data`.
  R"sql(
ALTER TABLE ticket_event ADD COLUMN hash BLOB;
ALTER TABLE ticket ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket ADD COLUMN event_head BLOB;
)sql",
  // 11: a change's outcome (successful, failed, backed_out), the first field
  // added through the field table (lib/model/fields.hpp): a row there, a
  // column here.
  R"sql(
ALTER TABLE ticket ADD COLUMN outcome TEXT;
)sql",
  // 12: problems (issue 9): a problem's root cause and workaround, two rows
  // of the field table. No index: the known errors an incident's `open`
  // looks up are found through ticket_by_status (status, priority), whose
  // range for status 'known_error' holds the known errors alone, so an
  // incident's insert writes no index more than before.
  R"sql(
ALTER TABLE ticket ADD COLUMN root_cause TEXT;
ALTER TABLE ticket ADD COLUMN workaround TEXT;
)sql",
  // 13: a change's plan (docs/sdesk-change.md): its type, risk, planned
  // window, release and plan texts, through the field table. Stored changes
  // keep no type (read as normal).
  R"sql(
ALTER TABLE ticket ADD COLUMN change_type TEXT;
ALTER TABLE ticket ADD COLUMN risk TEXT;
ALTER TABLE ticket ADD COLUMN planned_start INTEGER;
ALTER TABLE ticket ADD COLUMN planned_end INTEGER;
ALTER TABLE ticket ADD COLUMN release TEXT;
ALTER TABLE ticket ADD COLUMN plan TEXT;
ALTER TABLE ticket ADD COLUMN backout_plan TEXT;
ALTER TABLE ticket ADD COLUMN test_plan TEXT;
)sql",
};

} // namespace sdesk::store
