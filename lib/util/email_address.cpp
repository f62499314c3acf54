#include "lib/util/email_address.hpp"

#include "lib/util/strings.hpp"

#include <fmt/format.h>

namespace sdesk::util {

std::optional<std::string> address_problem(std::string_view address)
{
  if (address.empty()) {
    return "empty";
  }
  if (address.size() > k_max_address) {
    return fmt::format("too long, {} bytes (at most {})", address.size(), k_max_address);
  }
  for (const char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || std::string_view("<>()[],;:\"\\").find(c) != std::string_view::npos) {
      return "it holds white space, a control character or one of <>()[],;:\"\\";
    }
  }
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos || at == 0
      || at + 1 == address.size()) {
    return "expected one '@' with text on both sides";
  }
  const std::string_view domain = address.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return "the domain has an empty label";
  }
  return std::nullopt;
}

std::string normalise_address(std::string_view address)
{
  return to_lower(address);
}

} // namespace sdesk::util
