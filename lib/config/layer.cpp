#include "lib/config/layer.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace sdesk::config::detail {

const Value* Value::find(std::string_view name) const
{
  const auto it = std::find_if(children.begin(), children.end(),
                               [name](const Value& child) { return child.key == name; });
  return type == Type::table && it != children.end() ? &*it : nullptr;
}

Value* Value::find(std::string_view name)
{
  return const_cast<Value*>(std::as_const(*this).find(name));
}

std::string Value::render() const
{
  switch (type) {
  case Type::string:
    return toml_string(text);
  case Type::array:
  case Type::table: {
    std::string result = type == Type::array ? "[" : "{ ";
    for (std::size_t i = 0; i < children.size(); ++i) {
      result += i == 0 ? "" : ", ";
      if (type == Type::table) {
        result += toml_key(children[i].key) + " = ";
      }
      result += children[i].render();
    }
    return result + (type == Type::array ? "]" : " }");
  }
  case Type::integer:
  case Type::boolean:
  case Type::other:
    break;
  }
  return text;
}

Error error_at(const Value& value, std::string_view problem)
{
  return Error(ErrorKind::config, fmt::format("{}: {}: {}", value.origin, value.path, problem));
}

std::string toml_key(std::string_view part)
{
  const bool bare = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_';
  });
  return bare ? std::string(part) : toml_string(part);
}

std::string toml_string(std::string_view text)
{
  std::string result = "\"";
  for (const char c : text) {
    switch (c) {
    case '"':
      result += "\\\"";
      break;
    case '\\':
      result += "\\\\";
      break;
    case '\n':
      result += "\\n";
      break;
    case '\t':
      result += "\\t";
      break;
    case '\r':
      result += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        result += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
      } else {
        result += c;
      }
    }
  }
  return result + "\"";
}

} // namespace sdesk::config::detail
