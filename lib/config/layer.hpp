#pragma once

// Internal to lib/config: the plain-value tree the loader turns each TOML
// layer into. Only loader.cpp sees toml++; merging, reading sections and
// validation work on this tree.

#include "lib/config/config.hpp"
#include "lib/util/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::config::detail {

// The origin recorded for values from the built-in defaults.
inline constexpr std::string_view k_default_origin = "(default)";

// One TOML value from a config layer, with its dotted key and where it was
// defined. Tables and arrays keep their members in `children` (tables
// sorted by key).
struct Value {
  // The TOML types sdesk tells apart; `other` is a float or a date-time.
  enum class Type { table, array, string, integer, boolean, other };

  Type type = Type::table;
  std::string key;    // the last key part ("tier"); empty for array items
  std::string path;   // the full dotted key ("groups.l2.tier"), as TOML
  std::string origin; // "path:line" or "(default)"
  std::string text;   // a string's contents, or a scalar rendered as TOML
  std::int64_t integer = 0;
  std::vector<Value> children;

  // The member `name` of this table, or null.
  const Value* find(std::string_view name) const;
  // Same, mutable.
  Value* find(std::string_view name);
  // Whether this value came from the built-in defaults.
  bool is_default() const { return origin == k_default_origin; }
  // The value as TOML: 2, "l3", ["a", "b"]; tables as { k = v, ... }.
  std::string render() const;
};

// Returns Error(config) "origin: dotted.key: problem" about `value`.
Error error_at(const Value& value, std::string_view problem);

// Returns `part` as a TOML key: bare when it can be, quoted otherwise.
std::string toml_key(std::string_view part);

// Returns `text` as a TOML basic string, with quotes and escapes.
std::string toml_string(std::string_view text);

// Parses `text` as a TOML document named `origin` (a path, or
// k_default_origin for the built-in defaults). Throws Error(config)
// "origin:line:col: bad TOML: ..." on a syntax error. (loader.cpp)
Value parse_layer(std::string_view text, std::string_view origin);

// Reads the merged tree `root` into a Config: rejects unknown keys and
// wrong types, fills every section and Config::settings, derives the
// default group when `groups_replaced` and no file set it, and checks
// references between groups, agents and desk. Throws Error(config).
// (sections.cpp)
Config build_config(const Value& root, bool groups_replaced);

// Checks that every group reference (escalation, agent groups, default
// group) names a defined group and that escalation has no cycle; `root` is
// used to find file:line. Throws Error(config). (validate.cpp)
void validate_references(const Config& config, const Value& root);

} // namespace sdesk::config::detail
