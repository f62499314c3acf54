#pragma once

// The SQL of sdesk's schema migrations, in order: the one place the
// tables and indexes are written down. Internal to lib/store; schema.cpp
// runs them (with any C++ step of a version, k_migration_steps there).
// The SQL is in two files of under 300 lines each, by version; a new
// migration goes at the end of the last (migrations_from_14.hpp), and
// when that file passes about 400 lines the next ones start a new file,
// joined here.

#include "lib/store/migrations_1_to_13.hpp"
#include "lib/store/migrations_from_14.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace sdesk::store {

namespace migrations_detail {

template <std::size_t First, std::size_t Then>
constexpr std::array<std::string_view, First + Then> joined(const std::array<std::string_view, First>& first,
                                                             const std::array<std::string_view, Then>& then)
{
  std::array<std::string_view, First + Then> all{};
  std::copy(first.begin(), first.end(), all.begin());
  std::copy(then.begin(), then.end(), all.begin() + First);
  return all;
}

} // namespace migrations_detail

// Migration N (index N-1) takes a store from version N-1 to N.
inline constexpr auto k_migrations = migrations_detail::joined(k_migrations_1_to_13, k_migrations_from_14);

} // namespace sdesk::store
