#pragma once

// Helpers of the store contract tests (contract_*_test.cpp): what every
// backend must do, checked through the interfaces alone (TicketStore,
// ReportSource, Backend) on a fresh store from the factory under test
// (tests/unit/backend_factory.hpp). Nothing here may name a backend type.
//
// To run the contract on another backend, add its factory to
// k_backend_factories in tests/unit/backend_factory.hpp and run
//   SDESK_TEST_BACKEND=<name> build/tests/sdesk_unit_tests -ts='store contract*'
// (add ',ops::*,report::Builder,store::ReportSource' for the tests above the
// store). A new operation of TicketStore or ReportSource, or a new store
// interface, gets its contract test in tests/unit/store/contract_*_test.cpp.

#include "lib/model/ticket.hpp"
#include "lib/store/backend.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/backend_factory.hpp"
#include "tests/unit/time_support.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sdesk::test::contract {

// A minimal valid ticket: every optional field absent.
inline model::Ticket ticket(std::string title, util::Time created)
{
  model::Ticket t;
  t.title = std::move(title);
  t.created = created;
  t.updated = created;
  return t;
}

// One history row of ticket `id`.
inline model::Event event(model::TicketId id, util::Time at_time, std::string action,
                          std::optional<std::string> field = std::nullopt,
                          std::optional<std::string> old_value = std::nullopt,
                          std::optional<std::string> new_value = std::nullopt,
                          std::optional<std::string> note = std::nullopt)
{
  return {0, id, at_time, "agent", model::parse_action(action), std::move(field), std::move(old_value),
          std::move(new_value), std::move(note), std::nullopt};
}

// Stores `t` in a write transaction of its own; returns its id.
inline model::TicketId add(store::TicketStore& s, const model::Ticket& t)
{
  store::Transaction tx(s, store::TxMode::write);
  const auto id = s.insert(t);
  tx.commit();
  return id;
}

// Appends `events` in a write transaction of their own.
inline void add_events(store::TicketStore& s, const std::vector<model::Event>& events)
{
  store::Transaction tx(s, store::TxMode::write);
  s.append(events);
  tx.commit();
}

// The ids for_each visits for `q`, in its order (inside a read transaction).
inline std::vector<model::TicketId> ids(store::TicketStore& s, const store::TicketQuery& q)
{
  std::vector<model::TicketId> result;
  store::Transaction tx(s, store::TxMode::read);
  s.for_each(q, [&](const model::Ticket& t) { result.push_back(t.id); });
  tx.commit();
  return result;
}

// The number of tickets in the store.
inline std::size_t ticket_count(store::TicketStore& s)
{
  return ids(s, {}).size();
}

// Checks that `back` holds every stored field of `sent` (but the id).
inline void check_same(const model::Ticket& sent, const model::Ticket& back)
{
  CHECK(back.ref == sent.ref);
  CHECK(back.kind == sent.kind);
  CHECK(back.title == sent.title);
  CHECK(back.description == sent.description);
  CHECK(back.status == sent.status);
  CHECK(back.impact == sent.impact);
  CHECK(back.urgency == sent.urgency);
  CHECK(back.priority == sent.priority);
  CHECK(back.category == sent.category);
  CHECK(back.service == sent.service);
  CHECK(back.group == sent.group);
  CHECK(back.assignee == sent.assignee);
  CHECK(back.requester == sent.requester);
  CHECK(back.escalation_level == sent.escalation_level);
  CHECK(back.tags == sent.tags);
  CHECK(back.created == sent.created);
  CHECK(back.updated == sent.updated);
  CHECK(back.first_response == sent.first_response);
  CHECK(back.resolved == sent.resolved);
  CHECK(back.closed == sent.closed);
  CHECK(back.resolution_code == sent.resolution_code);
  CHECK(back.resolution_note == sent.resolution_note);
  CHECK(back.response_due == sent.response_due);
  CHECK(back.resolution_due == sent.resolution_due);
  CHECK(back.sla_policy == sent.sla_policy);
  CHECK(back.response_business == sent.response_business);
  CHECK(back.resolution_business == sent.resolution_business);
}

// Checks that `back` holds every field of `sent` (but the id).
inline void check_same(const model::Event& sent, const model::Event& back)
{
  CHECK(back.ticket_id == sent.ticket_id);
  CHECK(back.at == sent.at);
  CHECK(back.actor == sent.actor);
  CHECK(back.action == sent.action);
  CHECK(back.field == sent.field);
  CHECK(back.old_value == sent.old_value);
  CHECK(back.new_value == sent.new_value);
  CHECK(back.note == sent.note);
  CHECK(back.data == sent.data);
}

// The kind of the Error `run` throws; fails the test if it throws none.
inline std::optional<ErrorKind> error_kind(const std::function<void()>& run)
{
  try {
    run();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL_CHECK("no Error thrown");
  return std::nullopt;
}

} // namespace sdesk::test::contract
