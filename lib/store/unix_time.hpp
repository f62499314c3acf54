#pragma once

// Times as the stores keep them: whole seconds since the Unix epoch (UTC),
// an INTEGER in SQLite and a bigint in PostgreSQL. One definition for every
// store file of both backends.

#include "lib/util/time.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace sdesk::store {

// `t` as stored: seconds since the epoch.
inline std::int64_t seconds(util::Time t)
{
  return t.time_since_epoch().count();
}

// `t` as stored, or nothing.
inline std::optional<std::int64_t> seconds(const std::optional<util::Time>& t)
{
  return t ? std::optional(seconds(*t)) : std::nullopt;
}

// The time `s` seconds after the epoch.
inline util::Time to_time(std::int64_t s)
{
  return util::Time{std::chrono::seconds{s}};
}

// The time `s` seconds after the epoch, or nothing.
inline std::optional<util::Time> to_time(const std::optional<std::int64_t>& s)
{
  return s ? std::optional(to_time(*s)) : std::nullopt;
}

} // namespace sdesk::store
