#include "lib/ops/import.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/import_history.hpp"
#include "lib/ops/read_ahead.hpp"
#include "lib/sla/policy.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sdesk::ops {

namespace {

using io::Field;

constexpr std::size_t k_progress_every = 4096;
constexpr std::size_t k_append_batch = 4096; // events written at once

[[noreturn]] void fail(const io::ImportRecord& record, std::string_view field,
                       std::string_view message)
{
  throw Error(ErrorKind::usage, fmt::format("line {}: field '{}': {}", record.line, field, message));
}

void require_title(const io::ImportRecord& record)
{
  if (record.ticket.title.find_first_of("\r\n") != std::string::npos) {
    fail(record, "title", "must be one line");
  }
}

// What a new ticket needs beyond what the reader checked.
void require_new_ticket(const io::ImportRecord& record)
{
  if (!record.has(Field::title)) {
    fail(record, "title", "missing (a new ticket needs a title)");
  }
  require_title(record);
  if (!record.has(Field::created)) {
    fail(record, "created", "missing (a new ticket needs the time it was opened)");
  }
}

// The stored ticket with the fields the record gives on top.
model::Ticket merged(const model::Ticket& before, const io::ImportRecord& record,
                     const config::PriorityMatrix& matrix)
{
  model::Ticket after = before;
  const model::Ticket& t = record.ticket;
  const auto take = [&record](Field field, auto& to, const auto& from) {
    if (record.has(field)) {
      to = from;
    }
  };
  take(Field::ref, after.ref, t.ref);
  take(Field::kind, after.kind, t.kind);
  take(Field::title, after.title, t.title);
  take(Field::description, after.description, t.description);
  take(Field::status, after.status, t.status);
  take(Field::impact, after.impact, t.impact);
  take(Field::urgency, after.urgency, t.urgency);
  take(Field::category, after.category, t.category);
  take(Field::service, after.service, t.service);
  take(Field::group, after.group, t.group);
  take(Field::assignee, after.assignee, t.assignee);
  take(Field::requester, after.requester, t.requester);
  take(Field::escalation_level, after.escalation_level, t.escalation_level);
  take(Field::tags, after.tags, t.tags);
  take(Field::created, after.created, t.created);
  take(Field::updated, after.updated, t.updated);
  take(Field::first_response, after.first_response, t.first_response);
  take(Field::resolved, after.resolved, t.resolved);
  take(Field::closed, after.closed, t.closed);
  take(Field::resolution_code, after.resolution_code, t.resolution_code);
  take(Field::resolution_note, after.resolution_note, t.resolution_note);
  if (record.has(Field::priority)) {
    after.priority = t.priority;
  } else if (record.has(Field::impact) || record.has(Field::urgency)) {
    after.priority = matrix.priority(after.impact, after.urgency); // as `sdesk update` does
  }
  return after;
}

// The part of creating a ticket that needs no store: checks, priority,
// and the history and SLA fields of a new ticket. It reads the (immutable)
// configuration only, so the reading thread runs it ahead of the store.
class NewTickets {
public:
  NewTickets(const config::Config& config, std::string actor)
    : m_config(config),
      m_history(std::move(actor))
  {
  }

  // Completes record.ticket as a new ticket and returns its history.
  // Throws Error(usage) for a record that cannot be a new ticket.
  std::vector<model::Event>& build(io::ImportRecord& record)
  {
    require_new_ticket(record);
    model::Ticket& t = record.ticket;
    if (!record.has(Field::priority)) {
      t.priority = m_config.matrix.priority(t.impact, t.urgency);
    }
    auto& events = m_history.for_new(record);
    sla::refresh(m_config.sla, t, events);
    return events;
  }

private:
  const config::Config& m_config;
  ImportHistory m_history;
};

// A record as read, and, made on the reading thread, the ticket and history
// it becomes if its ref is not stored yet (nothing if it cannot be new: the
// record may still be an update, or the error is reported in order).
struct Prepared {
  io::ImportRecord record;
  std::optional<model::Ticket> ticket;
  std::vector<model::Event> events;
};

class Importer {
public:
  Importer(Context& ctx, ImportSummary& summary)
    : m_ctx(ctx),
      m_summary(summary),
      m_new(ctx.config, ctx.actor),
      m_history(ctx.actor)
  {
  }

  void create(Prepared& prepared)
  {
    if (!prepared.ticket) {
      prepared.events = m_new.build(prepared.record);
      prepared.ticket = std::move(prepared.record.ticket);
    }
    model::Ticket& t = *prepared.ticket;
    t.id = m_ctx.store.insert(t);
    for (model::Event& e : prepared.events) {
      e.ticket_id = t.id;
      m_pending.push_back(std::move(e));
    }
    ++m_summary.created;
    m_summary.events += prepared.events.size();
    if (m_pending.size() >= k_append_batch) {
      flush();
    }
  }

  // Writes the events of the tickets created so far.
  void flush()
  {
    m_ctx.store.append(m_pending);
    m_pending.clear();
  }

  void update(model::TicketId id, const io::ImportRecord& record)
  {
    if (record.has(Field::title)) {
      require_title(record);
    }
    flush(); // the ticket may be one created earlier in this input
    const model::Ticket before = load_ticket(m_ctx.store, id);
    std::vector<model::Event> history = m_ctx.store.events(id);
    model::Ticket after = merged(before, record, m_ctx.config.matrix);
    const util::Time at = record.has(Field::updated) ? after.updated : m_ctx.now;
    auto& events = m_history.for_update(before, history, record, after, at);
    if (events.empty() && after.created == before.created && after.updated == before.updated) {
      ++m_summary.unchanged;
      return;
    }
    after.updated = at;
    for (model::Event& e : events) {
      e.ticket_id = id;
    }
    history.insert(history.end(), events.begin(), events.end());
    sla::refresh(m_ctx.config.sla, after, history);
    m_ctx.store.update(after);
    m_ctx.store.append(events);
    ++m_summary.updated;
    m_summary.events += events.size();
  }

private:
  Context& m_ctx;
  ImportSummary& m_summary;
  NewTickets m_new; // for records the reading thread could not prepare
  ImportHistory m_history;
  std::vector<model::Event> m_pending; // events of created tickets, written in batches
};

} // namespace

ImportSummary import_tickets(Context& ctx, const RecordSource& next, const ImportOptions& options,
                             const ImportProgress& progress)
{
  ImportSummary summary;
  Importer importer(ctx, summary);
  store::BulkSession session(ctx.store); // events are appended for stored tickets only
  store::Transaction tx(ctx.store, store::TxMode::write);
  ctx.store.begin_bulk_load();
  // The reading thread parses each record and builds it as a new ticket,
  // on a copy: if its ref turns out to be stored, the record is an update.
  NewTickets ahead_of_store(ctx.config, ctx.actor);
  ReadAhead<Prepared> records([&next, &ahead_of_store](Prepared& p) {
    p.ticket.reset();
    if (!next(p.record)) {
      return false;
    }
    try {
      io::ImportRecord copy = p.record;
      p.events = ahead_of_store.build(copy);
      p.ticket = std::move(copy.ticket);
    } catch (const Error&) { // the main thread builds it again and reports in order
    }
    return true;
  });
  Prepared prepared;
  while (records.next(prepared)) {
    ++summary.records;
    const io::ImportRecord& record = prepared.record;
    const auto id = record.ticket.ref ? ctx.store.find_by_ref(*record.ticket.ref) : std::nullopt;
    if (id) {
      importer.update(*id, record);
    } else {
      importer.create(prepared);
    }
    if (progress && summary.records % k_progress_every == 0) {
      progress(summary, false);
    }
  }
  importer.flush();
  if (!options.dry_run) {
    if (progress) {
      progress(summary, true);
    }
    ctx.store.finish_bulk_load();
    tx.commit();
  }
  return summary;
}

} // namespace sdesk::ops
