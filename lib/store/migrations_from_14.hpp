#pragma once

// Schema migrations from 14 on (monitoring events, deliveries, mail,
// restricted tickets, the escalation watch, announcements). Part of
// lib/store/migrations.hpp: read that file's comment first. Append only:
// never edit a migration that has shipped. A new migration goes at the
// end of this list (and of k_pg_migrations in pg_migrations.hpp).

#include <array>
#include <string_view>

namespace sdesk::store {

inline constexpr std::array<std::string_view, 9> k_migrations_from_14{
  // 14: monitoring events (docs/sdesk-event.md): one row per (source, key),
  // its ticket, state, counts and the state-change times flapping is judged
  // by (unix seconds, space separated, oldest first).
  R"sql(
CREATE TABLE alert_key (
  source          TEXT NOT NULL,
  key             TEXT NOT NULL,
  ticket_id       INTEGER REFERENCES ticket (id),
  state           TEXT NOT NULL,
  severity        TEXT,
  summary         TEXT,
  first_at        INTEGER NOT NULL,
  last_trigger_at INTEGER,
  last_resolve_at INTEGER,
  trigger_count   INTEGER NOT NULL DEFAULT 0,
  resolve_count   INTEGER NOT NULL DEFAULT 0,
  changes         TEXT NOT NULL DEFAULT '',
  flapping        INTEGER NOT NULL DEFAULT 0,
  downtime_until  INTEGER,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (source, key)
) WITHOUT ROWID;
CREATE INDEX alert_key_by_ticket ON alert_key (ticket_id);
)sql",
  // 15: the history of monitoring event keys (`sdesk event show`): one row
  // per alert that changed a key (ignored alerts leave none), with the
  // alert's own time, when sdesk handled it, what it did and the ticket;
  // and indexes of the keys that flap or are in downtime.
  R"sql(
CREATE TABLE alert_event (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  key         TEXT NOT NULL,
  at          INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  action      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  ticket_id   INTEGER REFERENCES ticket (id),
  severity    TEXT,
  summary     TEXT
);
CREATE INDEX alert_event_by_key ON alert_event (source, key, id);
-- The keys `sdesk tick` may have to expire (AlertQuery::expiring), without
-- a scan of every key.
CREATE INDEX alert_key_by_flapping ON alert_key (flapping);
CREATE INDEX alert_key_by_downtime ON alert_key (downtime_until);
)sql",
  // 16: deliveries of outbox rows to their consumers (lib/store/
  // delivery_store.hpp): post-commit hooks ("hook:NAME") now, e-mail later.
  // One row per (consumer, outbox row), added in the transaction that
  // queues the outbox row; delivery_due finds what is due (not partial:
  // schema_test lists the partial indexes of the store).
  R"sql(
CREATE TABLE delivery (
  event_id     INTEGER NOT NULL REFERENCES outbox (event_id),
  consumer     TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL,
  done_at      INTEGER,
  last_error   TEXT,
  PRIMARY KEY (consumer, event_id)
) WITHOUT ROWID;
CREATE INDEX delivery_due ON delivery (done_at, next_attempt);
)sql",
  // 17: mail in (docs/sdesk-mail.md): every message id sdesk received (and,
  // with mail out, sent), each naming its ticket, looked up by its key for
  // In-Reply-To and References; the watchers of tickets; attachments, their
  // content stored once under its SHA-256 (attachment_content). No index
  // on mail_message.ticket_id yet (nothing lists a ticket's mail): each
  // table and index costs every command's first statement its parse of
  // the schema (about 25,000 instructions under callgrind).
  R"sql(
CREATE TABLE mail_message (
  message_id TEXT NOT NULL PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES ticket (id),
  direction  TEXT NOT NULL,
  at         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE ticket_watcher (
  ticket_id INTEGER NOT NULL REFERENCES ticket (id),
  who       TEXT NOT NULL,
  added_at  INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, who)
) WITHOUT ROWID;
CREATE TABLE attachment_content (
  sha256  TEXT NOT NULL PRIMARY KEY,
  size    INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE ticket_attachment (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER NOT NULL REFERENCES ticket (id),
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL REFERENCES attachment_content (sha256),
  added_at     INTEGER NOT NULL,
  added_by     TEXT NOT NULL
);
CREATE INDEX ticket_attachment_by_ticket ON ticket_attachment (ticket_id, name);
)sql",
  // 18: restricted tickets (open/update --restricted GROUP): the group a
  // ticket is restricted to. A store file has no logins, so on SQLite it
  // hides nothing (whoever can read the file reads every ticket); on
  // PostgreSQL the same migration adds row-level security (pg_migrations.hpp).
  R"sql(
ALTER TABLE ticket ADD COLUMN restricted TEXT;
)sql",
  // 19: when auto-escalation next looks at a ticket (lib/store/
  // escalation_watch_store.hpp), so that a tick reads the tickets whose
  // rules can be due (escalation_watch_due, a range up to now) instead of
  // every open ticket and its history; and the fingerprint of the
  // configuration every open ticket was last judged under. No foreign key:
  // a row is a reminder to look, and the write path adds it for tickets it
  // may still hold back (bulk load).
  R"sql(
CREATE TABLE escalation_watch (
  ticket_id INTEGER PRIMARY KEY,
  check_at  INTEGER NOT NULL
);
CREATE INDEX escalation_watch_due ON escalation_watch (check_at);
CREATE TABLE escalation_sweep (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  config TEXT NOT NULL
);
)sql",
  // 20: mail out (docs/sdesk-mail.md): the one outgoing mail queue that
  // notifications and announcements put messages on, one row per message
  // and recipient, kept once sent (the hourly limit per address counts the
  // rows sent to it: mail_queue_by_recipient); mail_queue_due finds what
  // is due. mail_message.seq numbers a ticket's messages in the order they
  // were recorded (`at` has whole seconds; a reply and a notification often
  // share one), and mail_message_by_ticket finds a ticket's oldest and
  // newest, which a notification threads on (In-Reply-To, References);
  // messages stored before have seq 0 and are ordered by `at`.
  R"sql(
CREATE TABLE mail_queue (
  id           INTEGER PRIMARY KEY,
  message_id   TEXT NOT NULL UNIQUE,
  ticket_id    INTEGER REFERENCES ticket (id),
  kind         TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  subject      TEXT NOT NULL,
  message      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL,
  sent_at      INTEGER,
  last_error   TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_attempt);
CREATE INDEX mail_queue_by_recipient ON mail_queue (recipient, sent_at);
ALTER TABLE mail_message ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX mail_message_by_ticket ON mail_message (ticket_id, seq);
)sql",
  // 21: announcements (docs/sdesk-announce.md, docs/sdesk-subscribe.md):
  // the addresses subscribed to a service in the store (the configuration's
  // [services.NAME] subscribers are not copied here), and every
  // announcement made, with its window and the change it announces. The
  // index serves `announce list --current`'s windowless recent ones.
  R"sql(
CREATE TABLE service_subscriber (
  service  TEXT NOT NULL,
  address  TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (service, address)
) WITHOUT ROWID;
CREATE TABLE announcement (
  id           INTEGER PRIMARY KEY,
  service      TEXT NOT NULL,
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  window_start INTEGER,
  window_end   INTEGER,
  change_id    INTEGER REFERENCES ticket (id),
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  recipients   INTEGER NOT NULL
);
CREATE INDEX announcement_by_created ON announcement (created_at);
)sql",
  // 22: nothing on SQLite, whose indexes already hold each row's id (the
  // rowid). PostgreSQL's 22 adds the id to the indexes that reports and
  // `list --open` select ids through (pg_migrations.hpp).
  R"sql(
SELECT 1;
)sql",
};

} // namespace sdesk::store
