#include "lib/store/store_uri.hpp"

#include <array>

namespace sdesk::store {

namespace {

constexpr std::array<std::string_view, 2> k_schemes{"postgresql://", "postgres://"};

// Whether the query parameter `param` ("name=value") carries a secret.
bool is_secret(std::string_view param)
{
  const auto name = param.substr(0, param.find('='));
  return name == "password" || name == "sslpassword";
}

} // namespace

bool is_store_uri(std::string_view name)
{
  for (const auto scheme : k_schemes) {
    if (name.substr(0, scheme.size()) == scheme) {
      return true;
    }
  }
  return false;
}

std::string redact_uri(std::string_view uri)
{
  if (!is_store_uri(uri)) {
    return std::string(uri);
  }
  const std::size_t start = uri.find("://") + 3;
  std::size_t end = uri.find_first_of("/?", start);
  if (end == std::string_view::npos) {
    end = uri.size();
  }
  std::string result(uri.substr(0, start));
  const std::string_view authority = uri.substr(start, end - start);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view user = authority.substr(0, at);
    result += user.substr(0, user.find(':'));
    result += authority.substr(at);
  } else {
    result += authority;
  }
  std::string_view rest = uri.substr(end);
  const std::size_t question = rest.find('?');
  result += rest.substr(0, question);
  if (question == std::string_view::npos) {
    return result;
  }
  std::string_view query = rest.substr(question + 1);
  char separator = '?';
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    if (!is_secret(param)) {
      result += separator;
      result += param;
      separator = '&';
    }
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  return result;
}

} // namespace sdesk::store
