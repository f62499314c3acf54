#pragma once

// The SQL of a PostgreSQL store's schema: the whole schema at one version
// (pg_base_schema.hpp), which a new store gets in one go, and the
// migrations after the first version the backend made (14), which upgrade
// an older store. Internal to lib/store; pg_schema.cpp runs them (in one
// transaction, under an advisory lock). The counterpart of SQLite's
// migrations.hpp.

#include "lib/store/migrations.hpp"
#include "lib/store/pg_base_schema.hpp"

#include <array>
#include <string_view>

namespace sdesk::store {

// Migration N (index N - k_pg_first_version - 1) takes a PostgreSQL store
// from version N-1 to N: the same change as SQLite's migration N
// (k_migrations), in PostgreSQL's dialect. Append only: never edit a
// migration that has shipped.
inline constexpr std::array<std::string_view, 8> k_pg_migrations{
  // 15: the history of monitoring event keys, and the indexes of the keys
  // that flap or are in downtime.
  R"sql(
CREATE TABLE alert_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text COLLATE "C" NOT NULL,
  key         text COLLATE "C" NOT NULL,
  at          bigint NOT NULL,
  received_at bigint NOT NULL,
  action      text COLLATE "C" NOT NULL,
  outcome     text COLLATE "C" NOT NULL,
  ticket_id   bigint REFERENCES ticket (id),
  severity    text COLLATE "C",
  summary     text COLLATE "C"
);
CREATE INDEX alert_event_by_key ON alert_event (source, key, id);
CREATE INDEX alert_key_by_flapping ON alert_key (flapping);
CREATE INDEX alert_key_by_downtime ON alert_key (downtime_until);
)sql",
  // 16: deliveries of outbox rows to their consumers.
  R"sql(
CREATE TABLE delivery (
  event_id     bigint NOT NULL REFERENCES outbox (event_id),
  consumer     text COLLATE "C" NOT NULL,
  attempts     bigint NOT NULL DEFAULT 0,
  next_attempt bigint NOT NULL,
  done_at      bigint,
  last_error   text COLLATE "C",
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX delivery_due ON delivery (done_at, next_attempt);
)sql",
  // 17: mail in: message ids, watchers, attachments.
  R"sql(
CREATE TABLE mail_message (
  message_id text COLLATE "C" PRIMARY KEY,
  ticket_id  bigint NOT NULL REFERENCES ticket (id),
  direction  text COLLATE "C" NOT NULL,
  at         bigint NOT NULL
);
CREATE TABLE ticket_watcher (
  ticket_id bigint NOT NULL REFERENCES ticket (id),
  who       text COLLATE "C" NOT NULL,
  added_at  bigint NOT NULL,
  PRIMARY KEY (ticket_id, who)
);
CREATE TABLE attachment_content (
  sha256  text COLLATE "C" PRIMARY KEY,
  size    bigint NOT NULL,
  content bytea NOT NULL
);
CREATE TABLE ticket_attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id    bigint NOT NULL REFERENCES ticket (id),
  name         text COLLATE "C" NOT NULL,
  content_type text COLLATE "C" NOT NULL,
  size         bigint NOT NULL,
  sha256       text COLLATE "C" NOT NULL REFERENCES attachment_content (sha256),
  added_at     bigint NOT NULL,
  added_by     text COLLATE "C" NOT NULL
);
CREATE INDEX ticket_attachment_by_ticket ON ticket_attachment (ticket_id, name);
)sql",
  // 18: restricted tickets, and row-level security that hides them from
  // roles outside their group whatever client they use (docs/postgresql.md,
  // "Restricted tickets"). A ticket restricted to GROUP is visible to the
  // members of role sdesk_group_GROUP, and to roles that act for others
  // (sdesk_acts_for_others: members of sdesk_act_as or of the store's
  // owner; the owner and superusers bypass row-level security anyway);
  // every table that names a ticket shows its rows only with a visible
  // ticket (through ticket's own policy), attachment content through a
  // visible attachment (or none at all: content is stored, and checked,
  // before the attachment that names it). A row a role could not then see cannot be
  // written either (a policy's USING is its WITH CHECK). The functions fix
  // their search_path to the store's schema (a role cannot slip in a table
  // of its own); sdesk_next_ticket_id and sdesk_content_attached are the
  // owner's (SECURITY DEFINER) and see every row, so that a role that sees
  // fewer tickets still numbers a new one past all.
  R"sql(
ALTER TABLE ticket ADD COLUMN restricted text COLLATE "C";
DO $do$
BEGIN
  EXECUTE format($f$
CREATE FUNCTION sdesk_acts_for_others() RETURNS boolean LANGUAGE sql STABLE
SET search_path = %I, pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                  WHERE (r.rolname = 'sdesk_act_as'
                         OR r.oid = (SELECT c.relowner FROM pg_catalog.pg_class c
                                      WHERE c.oid = 'sdesk_schema'::regclass))
                    AND pg_catalog.pg_has_role(r.oid, 'MEMBER'))
$$$f$, current_schema());
  EXECUTE format($f$
CREATE FUNCTION sdesk_sees_group(grp text) RETURNS boolean LANGUAGE sql STABLE
SET search_path = %I, pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                  WHERE r.rolname = 'sdesk_group_' || grp AND pg_catalog.pg_has_role(r.oid, 'MEMBER'))
$$$f$, current_schema());
  EXECUTE format($f$
CREATE FUNCTION sdesk_next_ticket_id() RETURNS bigint LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = %I, pg_catalog, pg_temp AS $$
  SELECT coalesce(max(id), 0) + 1 FROM ticket
$$$f$, current_schema());
  EXECUTE format($f$
CREATE FUNCTION sdesk_content_attached(sha text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = %I, pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM ticket_attachment a WHERE a.sha256 = sha)
$$$f$, current_schema());
END
$do$;

ALTER TABLE ticket ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_visible ON ticket
  USING (restricted IS NULL OR (SELECT sdesk_acts_for_others()) OR sdesk_sees_group(restricted));
ALTER TABLE ticket_tag ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_tag_visible ON ticket_tag
  USING (EXISTS (SELECT 1 FROM ticket t WHERE t.id = ticket_tag.ticket_id));
ALTER TABLE ticket_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_event_visible ON ticket_event
  USING ((SELECT sdesk_acts_for_others())
         OR EXISTS (SELECT 1 FROM ticket t WHERE t.id = ticket_event.ticket_id));
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY outbox_visible ON outbox
  USING (EXISTS (SELECT 1 FROM ticket t WHERE t.id = outbox.ticket_id));
ALTER TABLE delivery ENABLE ROW LEVEL SECURITY;
CREATE POLICY delivery_visible ON delivery
  USING (EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = delivery.event_id));
ALTER TABLE ticket_link ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_link_visible ON ticket_link
  USING (EXISTS (SELECT 1 FROM ticket t WHERE t.id = ticket_link.from_id)
         AND EXISTS (SELECT 1 FROM ticket t WHERE t.id = ticket_link.to_id));
ALTER TABLE alert_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY alert_key_visible ON alert_key
  USING (ticket_id IS NULL OR EXISTS (SELECT 1 FROM ticket t WHERE t.id = alert_key.ticket_id));
ALTER TABLE alert_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY alert_event_visible ON alert_event
  USING (ticket_id IS NULL OR EXISTS (SELECT 1 FROM ticket t WHERE t.id = alert_event.ticket_id));
ALTER TABLE mail_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY mail_message_visible ON mail_message
  USING (EXISTS (SELECT 1 FROM ticket t WHERE t.id = mail_message.ticket_id));
ALTER TABLE ticket_watcher ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_watcher_visible ON ticket_watcher
  USING (EXISTS (SELECT 1 FROM ticket t WHERE t.id = ticket_watcher.ticket_id));
ALTER TABLE ticket_attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_attachment_visible ON ticket_attachment
  USING (EXISTS (SELECT 1 FROM ticket t WHERE t.id = ticket_attachment.ticket_id));
ALTER TABLE attachment_content ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachment_content_visible ON attachment_content FOR SELECT
  USING (EXISTS (SELECT 1 FROM ticket_attachment a WHERE a.sha256 = attachment_content.sha256)
         OR NOT sdesk_content_attached(sha256));
CREATE POLICY attachment_content_added ON attachment_content FOR INSERT WITH CHECK (true);
)sql",
  // 19: when auto-escalation next looks at a ticket, and the configuration
  // fingerprint of the last sweep.
  R"sql(
CREATE TABLE escalation_watch (
  ticket_id bigint PRIMARY KEY,
  check_at  bigint NOT NULL
);
CREATE INDEX escalation_watch_due ON escalation_watch (check_at);
CREATE TABLE escalation_sweep (
  id     bigint PRIMARY KEY CHECK (id = 1),
  config text COLLATE "C" NOT NULL
);
)sql",
  // 20: mail out: the outgoing mail queue; mail_message by ticket.
  R"sql(
CREATE TABLE mail_queue (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id   text COLLATE "C" NOT NULL UNIQUE,
  ticket_id    bigint REFERENCES ticket (id),
  kind         text COLLATE "C" NOT NULL,
  recipient    text COLLATE "C" NOT NULL,
  subject      text COLLATE "C" NOT NULL,
  message      text COLLATE "C" NOT NULL,
  created_at   bigint NOT NULL,
  attempts     bigint NOT NULL DEFAULT 0,
  next_attempt bigint NOT NULL,
  sent_at      bigint,
  last_error   text COLLATE "C"
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_attempt);
CREATE INDEX mail_queue_by_recipient ON mail_queue (recipient, sent_at);
ALTER TABLE mail_message ADD COLUMN seq bigint NOT NULL DEFAULT 0;
CREATE INDEX mail_message_by_ticket ON mail_message (ticket_id, seq);
-- A notification carries its ticket's title and text: shown only with a
-- visible ticket, like every table 18 protects (announcements have none).
ALTER TABLE mail_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY mail_queue_visible ON mail_queue
  USING (ticket_id IS NULL OR EXISTS (SELECT 1 FROM ticket t WHERE t.id = mail_queue.ticket_id));
)sql",
  // 21: announcements: service subscribers and announcements.
  R"sql(
CREATE TABLE service_subscriber (
  service  text COLLATE "C" NOT NULL,
  address  text COLLATE "C" NOT NULL,
  added_at bigint NOT NULL,
  added_by text COLLATE "C" NOT NULL,
  PRIMARY KEY (service, address)
);
CREATE TABLE announcement (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service      text COLLATE "C" NOT NULL,
  subject      text COLLATE "C" NOT NULL,
  body         text COLLATE "C" NOT NULL,
  window_start bigint,
  window_end   bigint,
  change_id    bigint REFERENCES ticket (id),
  created_at   bigint NOT NULL,
  created_by   text COLLATE "C" NOT NULL,
  recipients   bigint NOT NULL
);
CREATE INDEX announcement_by_created ON announcement (created_at);
)sql",
  // 22: the ticket id in the indexes that reports and `list --open` select
  // ids through. A SQLite index holds its row's id (the rowid); a
  // PostgreSQL one only the row's place, so without INCLUDE (id) the
  // planner weighs reading every matching row against another index and,
  // misjudging how many match (it cannot know that a ticket resolved this
  // year was created before it only rarely), picked a scan of a third of
  // the table: a year report took 3.4 s at 1M tickets (bench/README.md).
  R"sql(
DROP INDEX ticket_by_status;
CREATE INDEX ticket_by_status ON ticket (status, priority) INCLUDE (id);
DROP INDEX ticket_by_first_response;
CREATE INDEX ticket_by_first_response ON ticket (first_response_at, created_at) INCLUDE (id)
  WHERE first_response_at IS NOT NULL;
DROP INDEX ticket_by_resolved;
CREATE INDEX ticket_by_resolved ON ticket (resolved_at, created_at) INCLUDE (id)
  WHERE resolved_at IS NOT NULL;
DROP INDEX ticket_by_closed;
CREATE INDEX ticket_by_closed ON ticket (closed_at, created_at) INCLUDE (id)
  WHERE closed_at IS NOT NULL;
)sql",
};

// The latest version: the first plus one per migration. A SQLite migration
// without its PostgreSQL counterpart (or the reverse) does not compile.
inline constexpr int k_pg_latest_version =
  k_pg_first_version + static_cast<int>(k_pg_migrations.size());
static_assert(k_pg_latest_version == static_cast<int>(k_migrations.size()),
              "each SQLite migration needs its PostgreSQL counterpart in k_pg_migrations");
static_assert(k_pg_schema_version >= k_pg_first_version &&
                k_pg_schema_version <= k_pg_latest_version,
              "k_pg_schema is the schema at a version between the first and the latest");

} // namespace sdesk::store
