#include "lib/ops/subscription.hpp"

#include "lib/model/limits.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/email_address.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace sdesk::ops {

namespace {

// The configured subscribers of `service` (none when it has no [services.NAME]).
std::vector<std::string> configured(const config::Config& config, const std::string& service)
{
  const config::ServiceSettings* settings = config.find_service(service);
  return settings != nullptr ? settings->subscribers : std::vector<std::string>{};
}

bool contains(const std::vector<std::string>& list, const std::string& item)
{
  return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

void require_service(const config::Config& config, std::string_view service, std::string_view what)
{
  require_one_line(service, what);
  model::check_text(what, service, model::Limited::short_text);
  require_listed(config.services, service, what);
}

std::string require_address(std::string_view address, std::string_view what)
{
  if (const auto problem = util::address_problem(address)) {
    throw Error(ErrorKind::usage, fmt::format("{}: not an email address: {} ({}; accepted: an address such as "
                                              "ann@example.org)",
                                              what, util::quote(address), *problem));
  }
  return util::normalise_address(address);
}

SubscribeResult subscribe_addresses(Context& ctx, const std::string& service,
                                    const std::vector<std::string>& addresses, bool add)
{
  require_service(ctx.config, service, "SERVICE");
  std::vector<std::string> wanted;
  for (const std::string& address : addresses) {
    const std::string stored = require_address(address, "ADDRESS");
    if (!contains(wanted, stored)) {
      wanted.push_back(stored);
    }
  }
  const std::vector<std::string> from_config = configured(ctx.config, service);
  if (!add) {
    for (const std::string& address : wanted) {
      if (contains(from_config, address)) {
        throw Error(ErrorKind::refused,
                    fmt::format("{} is subscribed to {} by the configuration ([services.{}] subscribers); "
                                "remove it there",
                                util::quote(address), util::quote(service), service));
      }
    }
  }
  SubscribeResult result;
  store::Transaction tx(ctx.store, store::TxMode::write);
  store::AnnouncementStore& announcements = ctx.backend.announcements();
  for (const std::string& address : wanted) {
    const bool changed = add ? !contains(from_config, address)
                                 && announcements.add_subscriber(service, address, ctx.now, ctx.actor)
                             : announcements.remove_subscriber(service, address);
    (changed ? result.changed : result.unchanged).push_back(address);
  }
  result.subscribers = subscriber_addresses(ctx, service);
  tx.commit();
  return result;
}

std::vector<Subscriber> list_subscribers(Context& ctx, const std::optional<std::string>& service)
{
  if (service) {
    require_service(ctx.config, *service, "SERVICE");
  }
  std::map<std::pair<std::string, std::string>, Subscriber> all;
  for (const config::ServiceSettings& settings : ctx.config.service_settings) {
    if (service && settings.name != *service) {
      continue;
    }
    for (const std::string& address : settings.subscribers) {
      Subscriber& s = all[{settings.name, address}];
      s.service = settings.name;
      s.address = address;
      s.configured = true;
    }
  }
  for (store::Subscription& row : ctx.backend.announcements().subscribers(service)) {
    Subscriber& s = all[{row.service, row.address}];
    s.service = std::move(row.service);
    s.address = std::move(row.address);
    s.stored = true;
    s.added = row.added;
    s.added_by = std::move(row.added_by);
  }
  std::vector<Subscriber> out;
  out.reserve(all.size());
  for (auto& entry : all) {
    out.push_back(std::move(entry.second));
  }
  return out;
}

std::vector<std::string> subscriber_addresses(Context& ctx, const std::string& service)
{
  std::vector<std::string> out = configured(ctx.config, service);
  for (const store::Subscription& row : ctx.backend.announcements().subscribers(service)) {
    if (!contains(out, row.address)) {
      out.push_back(row.address);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace sdesk::ops
