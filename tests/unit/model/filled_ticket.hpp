#pragma once

// Tickets with every field set, built from the field table
// (lib/model/fields.hpp), for the tests that check a derivation of the
// table for every field: a field added to the table is covered with no
// change here.

#include "lib/model/fields.hpp"
#include "lib/model/record_type.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace sdesk::test {

// A value of each member type; `variant` (1 or 2) gives two different ones.
inline void fill(const model::FieldSpec& spec, std::size_t index, int variant, model::TicketId& value)
{
  (void)spec;
  value = static_cast<model::TicketId>(40 + index + variant);
}

inline void fill(const model::FieldSpec& spec, std::size_t, int variant, std::string& value)
{
  value = std::string(spec.name) + "-" + std::to_string(variant);
}

inline void fill(const model::FieldSpec& spec, std::size_t, int variant, std::optional<std::string>& value)
{
  if (spec.type == model::FieldType::choice) {
    value = std::string(spec.choices[static_cast<std::size_t>(variant) % spec.choices.size()]);
  } else {
    value = std::string(spec.name) + "-" + std::to_string(variant);
  }
}

inline void fill(const model::FieldSpec&, std::size_t, int, model::Kind&)
{
  // set by filled() itself
}

inline void fill(const model::FieldSpec&, std::size_t, int, model::Status&)
{
  // set by filled() itself: a status of the record's type
}

inline void fill(const model::FieldSpec&, std::size_t, int variant, model::Level& value)
{
  value = variant == 1 ? model::Level::low : model::Level::high;
}

inline void fill(const model::FieldSpec& spec, std::size_t, int variant, int& value)
{
  value = spec.type == model::FieldType::priority ? (variant == 1 ? 4 : 2) : 2 + variant;
}

inline util::Time time_of(std::size_t index, int variant)
{
  return util::Time{std::chrono::seconds{1'790'000'000 + static_cast<std::int64_t>(index) * 3600 + variant * 60}};
}

inline void fill(const model::FieldSpec&, std::size_t index, int variant, util::Time& value)
{
  value = time_of(index, variant);
}

inline void fill(const model::FieldSpec&, std::size_t index, int variant, std::optional<util::Time>& value)
{
  value = time_of(index, variant);
}

inline void fill(const model::FieldSpec&, std::size_t index, int variant,
                 std::optional<std::chrono::seconds>& value)
{
  value = std::chrono::seconds{static_cast<std::int64_t>(index) * 10 + variant};
}

inline void fill(const model::FieldSpec&, std::size_t, int variant, std::vector<std::string>& value)
{
  value = {"alpha-" + std::to_string(variant), "beta"};
}

// A ticket of `kind` with every field its record type has set to a value
// of `variant` (1 or 2); the fields of other record types stay empty.
inline model::Ticket filled(model::Kind kind, int variant)
{
  model::Ticket t;
  model::for_each_field([&](auto i) {
    constexpr std::size_t index = decltype(i)::value;
    if (model::k_fields[index].applies_to(kind)) {
      fill(model::k_fields[index], index, variant, t.*model::field_member<index>());
    }
  });
  t.kind = kind;
  // Variant 1: the type's last open status (pending for an incident);
  // variant 2: its first resolved one (resolved; a change's review).
  const model::RecordType& type = model::record_type(kind);
  t.status = variant == 1 ? type.open.back() : type.resolved.front();
  return t;
}

// How many fields records of `kind` have.
inline std::size_t field_count(model::Kind kind)
{
  std::size_t count = 0;
  for (const model::FieldSpec& spec : model::k_fields) {
    count += spec.applies_to(kind) ? 1 : 0;
  }
  return count;
}

// The names of the fields (those `keep` accepts) whose values differ.
template<typename Keep>
std::vector<std::string> differing(const model::Ticket& a, const model::Ticket& b, Keep keep)
{
  std::vector<std::string> names;
  model::for_each_field([&](auto i) {
    constexpr std::size_t index = decltype(i)::value;
    constexpr auto member = model::field_member<index>();
    if (keep(model::k_fields[index]) && !(a.*member == b.*member)) {
      names.emplace_back(model::k_fields[index].name);
    }
  });
  return names;
}

inline std::vector<std::string> differing(const model::Ticket& a, const model::Ticket& b)
{
  return differing(a, b, [](const model::FieldSpec&) { return true; });
}

// "a, b": names as one string, for a failing CHECK to print.
inline std::string joined(const std::vector<std::string>& names)
{
  std::string text;
  for (const std::string& name : names) {
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

} // namespace sdesk::test
