#pragma once

// `sdesk store copy FROM TO` (docs/sdesk-store.md): a whole store copied
// to another, of either backend, table by table through
// lib/store/table_copy.hpp, then verified.

#include "lib/ops/verify.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

struct CopiedTable {
  std::string_view name; // one of store::copied_tables()
  std::int64_t rows = 0;
};

struct StoreCopyResult {
  std::string from; // the stores' names for messages (no password)
  std::string to;
  bool created = false; // TO did not exist (a new file or a database without a store)
  std::vector<CopiedTable> tables; // in the order they were copied
  // `sdesk verify` of TO after the copy (every invariant, every hash chain).
  VerifySummary verified;
};

// Copies every row of every table of the store `from` into the store `to`,
// keeping ids, history and hash chains, links, the outbox and deliveries,
// alert states and mail. FROM is read in one snapshot (others may write to
// it meanwhile); TO is written in one transaction and must be new (a
// missing file, an empty file or a PostgreSQL database without a store: it
// is made a store first) or an empty store at this sdesk's schema version.
// Afterwards TO is verified as `sdesk verify` does; `visit` is called for
// each ticket of TO that fails (the result says how many).
// Throws Error(usage) when FROM and TO are the same name; Error(refused)
// when TO holds rows or has another schema version (TO is unchanged);
// Error(store) when either store cannot be opened, when a store holds a
// table store copy does not know or the two stores' columns differ, and
// for any failure while copying (TO is then as it was: a store made for
// the copy is removed, but a PostgreSQL schema stays, empty).
StoreCopyResult copy_store(const std::string& from, const std::string& to,
                           std::chrono::milliseconds busy_timeout, const VerifyVisit& visit);

} // namespace sdesk::ops
