#pragma once

// The seam between sdesk and where its records are kept. open_store()
// (open.hpp) returns a Backend; use cases and commands reach every store
// through it, never through a concrete backend type. SQLite implements it
// today (sqlite_backend.hpp); a second backend (PostgreSQL) implements the
// same interfaces and passes the same contract tests
// (tests/unit/store/contract_*_test.cpp).

#include "lib/store/alert_store.hpp"
#include "lib/store/announcement_store.hpp"
#include "lib/store/change_store.hpp"
#include "lib/store/delivery_store.hpp"
#include "lib/store/escalation_watch_store.hpp"
#include "lib/store/mail_queue_store.hpp"
#include "lib/store/mail_store.hpp"
#include "lib/store/problem_store.hpp"
#include "lib/store/report_source.hpp"
#include "lib/store/ticket_store.hpp"

#include <functional>
#include <optional>
#include <string>

namespace sdesk::store {

// Who a store with logins of its own says is connected (PostgreSQL: the
// database role); ops::choose_actor (lib/ops/actor.hpp) decides from it who
// is recorded as acting.
struct ConnectedRole {
  std::string name; // the role, as the server names it
  // Whether it may record actions under other names (--as). Asks the
  // server (about 1 ms on a fresh connection), so choose_actor asks only
  // when the answer matters.
  std::function<bool()> acts_for_others;
};

// One open store: hands out the interfaces that read and write it, all on
// one connection, so that they share its transactions. Later stores (links,
// the outbox, problem and change records) are added here as further
// accessors, each an interface of its own.
//
// Opening a backend must stay cheap (it is on the path of every command):
// an accessor makes its object on first use, and nothing is prepared,
// queried or allocated for an interface a command does not use.
class Backend {
public:
  Backend() = default;
  Backend(const Backend&) = delete; // the stores point into it
  Backend& operator=(const Backend&) = delete;
  virtual ~Backend() = default;

  // The tickets and their history: the same object on every call, valid for
  // the life of the backend. Its begin(), commit() and rollback() (use
  // Transaction) are the backend's transactions: every store handed out
  // here reads and writes in them.
  virtual TicketStore& tickets() = 0;

  // What reports read, in the current transaction of tickets() (a read
  // transaction gives both of its streams one snapshot). Made on the first
  // call; the same object afterwards, valid for the life of the backend.
  virtual ReportSource& reports() = 0;

  // Problem management's reads (known errors, candidates, report figures),
  // in the current transaction of tickets(). Made on the first call; the
  // same object afterwards, valid for the life of the backend.
  virtual ProblemStore& problems() = 0;
  // The state of monitoring event keys, in the same transactions. Made on
  // the first call; the same object afterwards.
  virtual AlertStore& alerts() = 0;

  // Change management's reads (report figures), in the current transaction
  // of tickets(). Made on the first call; the same object afterwards, valid
  // for the life of the backend.
  virtual ChangeStore& changes() = 0;

  // The deliveries of outbox rows to their consumers (post-commit hooks),
  // in the same transactions. Made on the first call; the same object
  // afterwards.
  virtual DeliveryStore& deliveries() = 0;
  // Mail's records (message ids, watchers, attachments), in the current
  // transaction of tickets(). Made on the first call; the same object
  // afterwards, valid for the life of the backend.
  virtual MailStore& mail() = 0;

  // The role connected to a store that has logins of its own (PostgreSQL);
  // nothing for a store file (SQLite), whose readers are whoever can open
  // it.
  virtual std::optional<ConnectedRole> connected_role() { return std::nullopt; }

  // When auto-escalation next looks at each ticket, in the current
  // transaction of tickets(). Made on the first call; the same object
  // afterwards.
  virtual EscalationWatchStore& escalation_watch() = 0;
  // The outgoing mail queue, in the current transaction of tickets(). Made
  // on the first call; the same object afterwards.
  virtual MailQueueStore& mail_queue() = 0;
  // Service subscriptions and announcements (`sdesk subscribe`, `sdesk
  // announce`), in the current transaction of tickets(). Made on the first
  // call; the same object afterwards.
  virtual AnnouncementStore& announcements() = 0;
};

} // namespace sdesk::store
