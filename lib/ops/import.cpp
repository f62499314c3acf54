#include "lib/ops/import.hpp"

#include "lib/model/invariants.hpp"
#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/import_history.hpp"
#include "lib/ops/import_links.hpp"
#include "lib/ops/read_ahead.hpp"
#include "lib/ops/write.hpp"
#include "lib/sla/policy.hpp"
#include "lib/util/error.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

using io::Field;

constexpr std::size_t k_progress_every = 4096;

[[noreturn]] void fail(const io::ImportRecord& record, std::string_view field,
                       std::string_view message)
{
  throw Error(ErrorKind::usage, fmt::format("line {}: field '{}': {}", record.line, field, message));
}

// What a new ticket needs beyond what the reader checked.
void require_new_ticket(const io::ImportRecord& record)
{
  if (!record.has(Field::title)) {
    fail(record, "title", "missing (a new ticket needs a title)");
  }
  if (!record.has(Field::created)) {
    fail(record, "created", "missing (a new ticket needs the time it was opened)");
  }
}

// Writes `set` for `record`; an invariant the set breaks is refused as
// Error(usage) "line N: field 'F': ... (rule R)" (the write path checks
// before it writes anything). A broken history rule names the record's
// `events` when it has some.
void write_record(ChangeWriter& writer, const io::ImportRecord& record, ChangeSet& set)
{
  try {
    writer.write(set);
  } catch (const InvariantRefused& e) {
    const model::Violation& v = e.violation();
    const bool about_history =
      v.rule == model::k_rule_history_order || v.rule == model::k_rule_history_replay;
    fail(record, about_history && !record.events.empty() ? "events" : v.field,
         fmt::format("{} (rule {})", v.message, v.rule));
  }
}

// Refuses a record that would change closed ticket `before`: closed is final.
[[noreturn]] void refuse_closed(const io::ImportRecord& record, const model::Ticket& before,
                                const std::vector<model::Event>& events)
{
  const std::string field =
    events.empty() ? "updated" : events.front().field.value_or(record.events.empty() ? "ref" : "events");
  fail(record, field,
       fmt::format("ticket {} ({}) is closed; closed is final, a record cannot change it "
                   "(open a new ticket) (rule closed-final)",
                   before.id, before.ref.value_or("")));
}

// The stored ticket with the fields the record gives on top.
model::Ticket merged(const model::Ticket& before, const io::ImportRecord& record,
                     const config::PriorityMatrix& matrix)
{
  model::Ticket after = before;
  const model::Ticket& t = record.ticket;
  model::for_each_field([&](auto i) {
    constexpr std::size_t index = decltype(i)::value;
    if constexpr (model::k_fields[index].importable && index != static_cast<std::size_t>(Field::priority)) {
      if (record.has(static_cast<Field>(index))) {
        constexpr auto member = model::field_member<index>();
        after.*member = t.*member;
      }
    }
  });
  if (record.has(Field::priority)) {
    after.priority = t.priority;
  } else if (record.has(Field::impact) || record.has(Field::urgency)) {
    after.priority = matrix.priority(after.impact, after.urgency); // as `sdesk update` does
  }
  return after;
}

class Importer {
public:
  Importer(Context& ctx, ImportSummary& summary, bool notify)
    : m_ctx(ctx),
      m_summary(summary),
      m_history(ctx.actor),
      m_writer(ctx, ChangeWriter::Batch::new_records),
      m_notify(notify)
  {
  }

  void create(io::ImportRecord& record)
  {
    require_new_ticket(record);
    model::Ticket& t = record.ticket;
    if (!record.has(Field::priority)) {
      t.priority = m_ctx.config.matrix.priority(t.impact, t.urgency);
    }
    auto& events = m_history.for_new(record);
    sla::refresh(m_ctx.config.sla, t, events);
    const std::size_t count = events.size();
    m_set.records.clear();
    m_set.records.push_back({std::nullopt, std::move(t)});
    m_set.events.swap(events); // no copy: the two buffers take turns
    m_set.history = {};
    m_set.notify = m_notify;
    try {
      write_record(m_writer, record, m_set);
    } catch (...) {
      t = std::move(m_set.records.front().after);
      throw;
    }
    t = std::move(m_set.records.front().after);
    ++m_summary.created;
    m_summary.events += count;
  }

  // Writes the events of the tickets created so far.
  void flush() { m_writer.flush(); }

  void update(model::TicketId id, const io::ImportRecord& record)
  {
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
    if (model::record_type(before.kind).is_final(before.status)) {
      refuse_closed(record, before, events);
    }
    after.updated = at;
    for (model::Event& e : events) {
      e.ticket_id = id;
    }
    history.insert(history.end(), events.begin(), events.end());
    sla::refresh(m_ctx.config.sla, after, history);
    ChangeSet set;
    set.records.push_back({before, std::move(after)});
    set.events = events;
    set.history = history;
    set.notify = m_notify;
    write_record(m_writer, record, set);
    ++m_summary.updated;
    m_summary.events += events.size();
  }

private:
  Context& m_ctx;
  ImportSummary& m_summary;
  ImportHistory m_history;
  ChangeWriter m_writer; // holds back the events of created tickets, written in batches
  ChangeSet m_set;       // reused from one created ticket to the next
  bool m_notify;
};

} // namespace

ImportSummary import_tickets(Context& outer, const RecordSource& next, const ImportOptions& options,
                             const ImportProgress& progress)
{
  // Hooks see an import only when asked (--notify), as the outbox does.
  Context ctx = outer;
  if (!options.notify) {
    ctx.hooks = nullptr;
  }
  ImportSummary summary;
  Importer importer(ctx, summary, options.notify);
  ImportLinks links; // written once every record is stored: they may name later ones
  store::BulkSession session(ctx.store); // events are appended for stored tickets only
  store::Transaction tx(ctx.store, store::TxMode::write);
  ctx.store.begin_bulk_load();
  ReadAhead records(next); // parses on a second thread while this one stores
  io::ImportRecord record;
  while (records.next(record)) {
    ++summary.records;
    try {
      if (record.error) {
        throw Error(ErrorKind::usage, *record.error); // the reader refused it
      }
      const auto id = record.ticket.ref ? ctx.store.find_by_ref(*record.ticket.ref) : std::nullopt;
      if (id) {
        importer.update(*id, record);
      } else {
        importer.create(record);
      }
      links.note(record, id ? *id : record.ticket.id);
    } catch (const Error& e) {
      // A refused record has written nothing (every check comes first).
      if (!options.skip_invalid || e.kind() != ErrorKind::usage) {
        throw;
      }
      ++summary.rejected;
      if (options.reject) {
        options.reject(record, e.what());
      }
    }
    if (progress && summary.records % k_progress_every == 0) {
      progress(summary, false);
    }
  }
  importer.flush();
  summary.events += links.write(ctx);
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
