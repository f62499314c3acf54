// Reads [services.NAME]: what sdesk knows of a service beyond its name in
// desk.services. Today: the addresses subscribed to its announcements
// (docs/sdesk-subscribe.md); `sdesk subscribe` adds more in the store.
// docs/config.md documents the keys.

#include "lib/config/sections.hpp"
#include "lib/util/email_address.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sdesk::config::detail {

namespace {

using Type = Value::Type;

} // namespace

void read_services(const Value& section, Config& config)
{
  expect(section, Type::table, "a table of [services.NAME] tables");
  for (const Value& entry : section.children) {
    check_name(entry);
    check_keys(expect(entry, Type::table, "a table"), {"subscribers"});
    // [desk] is read before this section (k_sections), so the list of
    // services is known here.
    if (!config.services.empty()
        && std::find(config.services.begin(), config.services.end(), entry.key) == config.services.end()) {
      throw error_at(entry, fmt::format("service '{}' is not in desk.services (accepted: {})", entry.key,
                                        fmt::join(config.services, ", ")));
    }
    ServiceSettings service;
    service.name = entry.key;
    if (const Value* subscribers = entry.find("subscribers")) {
      for (const std::string& address : read_list(*subscribers)) {
        if (const auto problem = util::address_problem(address)) {
          throw error_at(*subscribers, fmt::format("not an email address: '{}' ({})", address, *problem));
        }
        const std::string stored = util::normalise_address(address);
        if (std::find(service.subscribers.begin(), service.subscribers.end(), stored)
            == service.subscribers.end()) {
          service.subscribers.push_back(stored);
        }
      }
      std::sort(service.subscribers.begin(), service.subscribers.end());
    }
    config.service_settings.push_back(std::move(service));
  }
  std::sort(config.service_settings.begin(), config.service_settings.end(),
            [](const ServiceSettings& a, const ServiceSettings& b) { return a.name < b.name; });
}

} // namespace sdesk::config::detail

namespace sdesk::config {

const ServiceSettings* Config::find_service(std::string_view name) const
{
  const auto it = std::find_if(service_settings.begin(), service_settings.end(),
                               [name](const ServiceSettings& s) { return s.name == name; });
  return it != service_settings.end() ? &*it : nullptr;
}

} // namespace sdesk::config
