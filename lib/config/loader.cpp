// The layered loader: reads files, parses TOML and merges layers. This is
// the only translation unit that includes toml++; everything after parsing
// works on the plain detail::Value tree (layer.hpp).

#include "lib/config/config.hpp"
#include "lib/config/defaults.hpp"
#include "lib/config/layer.hpp"
#include "lib/config/toml_guard.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace sdesk::config {

namespace {

// Named-collection sections: once any file layer defines one, the
// defaults' version of it is dropped as a whole, so that a site can
// replace the built-in groups instead of adding to them.
constexpr std::array<std::string_view, 2> k_replaced_sections{"groups", "agents"};

// Converts one toml++ node (and its members) into a detail::Value.
detail::Value convert(const toml::node& node, std::string key, std::string path,
                      std::string_view origin)
{
  detail::Value value;
  value.key = std::move(key);
  value.path = std::move(path);
  const auto line = node.source().begin.line;
  if (origin == detail::k_default_origin) {
    value.origin = origin;
  } else if (line > 0) {
    value.origin = fmt::format("{}:{}", origin, line);
  }
  if (const auto* table = node.as_table()) {
    value.type = detail::Value::Type::table;
    for (auto&& [member_key, member] : *table) {
      const std::string part = detail::toml_key(member_key.str());
      value.children.push_back(
        convert(member, std::string(member_key.str()),
                value.path.empty() ? part : value.path + "." + part, origin));
    }
  } else if (const auto* array = node.as_array()) {
    value.type = detail::Value::Type::array;
    for (const auto& item : *array) {
      value.children.push_back(convert(item, "", value.path, origin));
    }
  } else if (const auto* string = node.as_string()) {
    value.type = detail::Value::Type::string;
    value.text = string->get();
  } else if (const auto* integer = node.as_integer()) {
    value.type = detail::Value::Type::integer;
    value.integer = integer->get();
    value.text = std::to_string(value.integer);
  } else if (const auto* boolean = node.as_boolean()) {
    value.type = detail::Value::Type::boolean;
    value.text = boolean->get() ? "true" : "false";
  } else {
    value.type = detail::Value::Type::other;
    std::ostringstream out;
    node.visit([&out](const auto& scalar) { out << scalar; });
    value.text = out.str();
  }
  // Tables created implicitly (`groups` in `[groups.l2]`) have no source of
  // their own: use where their first member was defined.
  if (value.origin.empty()) {
    value.origin = value.children.empty() ? std::string(origin) : value.children.front().origin;
  }
  return value;
}

// Merges `from` into the table `into` key by key: tables merge
// recursively, anything else replaces what was there.
void merge(detail::Value& into, detail::Value&& from)
{
  for (auto& member : from.children) {
    detail::Value* existing = into.find(member.key);
    if (existing == nullptr) {
      const auto at = std::lower_bound(
        into.children.begin(), into.children.end(), member.key,
        [](const detail::Value& child, const std::string& key) { return child.key < key; });
      into.children.insert(at, std::move(member));
    } else if (existing->type == detail::Value::Type::table
               && member.type == detail::Value::Type::table) {
      merge(*existing, std::move(member));
    } else {
      *existing = std::move(member);
    }
  }
}

// The largest configuration file read: a site's file is a few kilobytes.
constexpr std::size_t k_max_config_bytes = 1024 * 1024;

// Reads the file at `path`; nullopt when it does not exist and is not
// `required`. Throws Error(config) when it cannot be read or is larger than
// k_max_config_bytes.
std::optional<std::string> read_file(const std::string& path, bool required)
{
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    throw Error(ErrorKind::config, fmt::format("cannot read config file '{}': {}", path, ec.message()));
  }
  if (status.type() == fs::file_type::not_found || ec) {
    if (!required) {
      return std::nullopt;
    }
    throw Error(ErrorKind::config, fmt::format("config file '{}' not found", path));
  }
  if (status.type() == fs::file_type::directory) {
    throw Error(ErrorKind::config, fmt::format("config file '{}' is a directory", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::config,
                fmt::format("cannot read config file '{}': {}", path,
                            std::generic_category().message(errno)));
  }
  // Read one byte past the limit and no further: a device or a runaway pipe
  // (`--config /dev/zero`) must not be read until memory runs out.
  std::string text(k_max_config_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    throw Error(ErrorKind::config, fmt::format("cannot read config file '{}'", path));
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > k_max_config_bytes) {
    throw Error(ErrorKind::config,
                fmt::format("config file '{}' is larger than 1 MiB (accepted: at most {} bytes)", path,
                            k_max_config_bytes));
  }
  return text;
}

// The layers read so far, merged, on top of the built-in defaults.
class Layers {
public:
  // Starts from the built-in defaults.
  Layers()
    : m_merged(detail::defaults())
  {
  }

  // Merges the TOML document `text` named `origin` on top.
  void add(std::string_view text, std::string_view origin)
  {
    detail::Value layer = detail::parse_layer(text, origin);
    for (const std::string_view section : k_replaced_sections) {
      if (layer.find(section) != nullptr
          && std::find(m_replaced.begin(), m_replaced.end(), section) == m_replaced.end()) {
        std::erase_if(m_merged.children,
                      [section](const detail::Value& child) { return child.key == section; });
        m_replaced.emplace_back(section);
      }
    }
    merge(m_merged, std::move(layer));
  }

  // Adds the file at `path` if it exists; see read_file for `required`.
  void add_file(const std::string& path, bool required)
  {
    if (const auto text = read_file(path, required)) {
      add(*text, path);
    }
  }

  // The effective configuration.
  Config finish() const
  {
    const bool groups_replaced =
      std::find(m_replaced.begin(), m_replaced.end(), "groups") != m_replaced.end();
    return detail::build_config(m_merged, groups_replaced);
  }

private:
  detail::Value m_merged;
  std::vector<std::string> m_replaced; // sections whose defaults were dropped
};

// Runs `body`, replacing control characters in the message of any Error it
// throws: names and values quoted in messages come from the files.
template<typename Body>
Config with_clean_errors(Body body)
{
  try {
    return body();
  } catch (const Error& e) {
    throw Error(e.kind(), util::sanitize_for_terminal(e.what()));
  }
}

} // namespace

namespace detail {

Value parse_layer(std::string_view text, std::string_view origin)
{
  check_toml_text(text, origin); // what would reach undefined behaviour in toml++
  try {
    const toml::table table = toml::parse(text, std::string(origin));
    return convert(table, "", "", origin);
  } catch (const toml::parse_error& e) {
    throw Error(ErrorKind::config, fmt::format("{}:{}:{}: bad TOML: {}", origin,
                                               e.source().begin.line, e.source().begin.column,
                                               e.description()));
  }
}

} // namespace detail

Config load(const Sources& sources)
{
  return with_clean_errors([&sources] {
    Layers layers;
    if (sources.system_file) {
      layers.add_file(*sources.system_file, false);
    }
    if (sources.user_file) {
      layers.add_file(*sources.user_file, false);
    }
    if (sources.explicit_file) {
      layers.add_file(*sources.explicit_file, true);
    }
    return layers.finish();
  });
}

Config load_text(std::string_view toml, std::string_view origin)
{
  return with_clean_errors([toml, origin] {
    Layers layers;
    layers.add(toml, origin);
    return layers.finish();
  });
}

} // namespace sdesk::config
