#include "lib/util/time_zone.hpp"

#include <absl/time/civil_time.h>
#include <absl/time/time.h>
#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace sdesk::util {

namespace {

// Far enough for any calendar arithmetic, near enough not to overflow it.
constexpr Time k_far_past{date::sys_days{date::year{-9999} / 1 / 1}};
constexpr Time k_far_future{date::sys_days{date::year{9999} / 12 / 31}};

absl::Time to_absl(Time t)
{
  return absl::FromUnixSeconds(t.time_since_epoch().count());
}

Time from_absl(absl::Time t)
{
  return Time{std::chrono::seconds{absl::ToUnixSeconds(t)}};
}

// A zone name as $TZ or the /etc/localtime link gives it: "Europe/Berlin"
// from ":Europe/Berlin", "/usr/share/zoneinfo/Europe/Berlin" or
// "../usr/share/zoneinfo/Europe/Berlin".
std::string_view zone_name_of(std::string_view text)
{
  if (!text.empty() && text.front() == ':') {
    text.remove_prefix(1);
  }
  const auto pos = text.find("zoneinfo/");
  if (!text.empty() && (text.front() == '/' || text.front() == '.') && pos != std::string_view::npos) {
    text.remove_prefix(pos + 9);
  }
  return text;
}

// A zone name, not a path: no leading '/', no "..", not Abseil's
// "localtime".
bool is_zone_name(std::string_view name)
{
  return !name.empty() && name != "localtime" && name.front() != '/'
         && name.find("..") == std::string_view::npos;
}

} // namespace

struct TimeZone::Impl {
  absl::TimeZone zone;
};

TimeZone::TimeZone(std::unique_ptr<Impl> impl, std::string name)
  : m_impl(std::move(impl)),
    m_name(std::move(name))
{
}

TimeZone::~TimeZone() = default;

TimeZone::TimeZone(const TimeZone& other)
  : m_impl(std::make_unique<Impl>(*other.m_impl)),
    m_name(other.m_name)
{
}

TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;

TimeZone& TimeZone::operator=(const TimeZone& other)
{
  if (this != &other) {
    m_impl = std::make_unique<Impl>(*other.m_impl);
    m_name = other.m_name;
  }
  return *this;
}

bool TimeZone::exists(std::string_view name)
{
  if (!is_zone_name(name)) {
    return false;
  }
  // Where Abseil looks: $TZDIR, else the system tz database.
  const char* dir = std::getenv("TZDIR");
  const std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + std::string(name);
  struct stat info{};
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::optional<TimeZone> TimeZone::find(std::string_view name)
{
  if (!is_zone_name(name)) { // Abseil also takes "localtime" and paths
    return std::nullopt;
  }
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(absl::string_view(name.data(), name.size()), &zone)) {
    return std::nullopt;
  }
  return TimeZone(std::make_unique<Impl>(Impl{zone}), std::string(name));
}

TimeZone TimeZone::utc()
{
  return TimeZone(std::make_unique<Impl>(Impl{absl::UTCTimeZone()}), "UTC");
}

TimeZone TimeZone::local()
{
  if (const char* tz = std::getenv("TZ")) {
    const std::string_view name = zone_name_of(tz);
    if (name.empty()) {
      return utc();
    }
    if (auto zone = find(name)) {
      return *zone;
    } // else a POSIX rule such as "CET-1CEST": use the system zone
  }
  std::array<char, 512> link{};
  const auto length = readlink("/etc/localtime", link.data(), link.size() - 1);
  if (length > 0) {
    if (auto zone = find(zone_name_of(std::string_view(link.data(), static_cast<std::size_t>(length))))) {
      return *zone;
    }
  }
  return utc();
}

LocalSeconds TimeZone::to_local(Time t) const
{
  const auto offset = std::chrono::seconds{m_impl->zone.At(to_absl(t)).offset};
  return LocalSeconds{t.time_since_epoch() + offset};
}

Time TimeZone::to_sys(LocalSeconds local) const
{
  const auto civil = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + local.time_since_epoch().count();
  const auto info = m_impl->zone.At(civil);
  switch (info.kind) {
  case absl::TimeZone::TimeInfo::SKIPPED:
    return from_absl(info.trans);
  case absl::TimeZone::TimeInfo::UNIQUE:
  case absl::TimeZone::TimeInfo::REPEATED:
    break;
  }
  return from_absl(info.pre); // the earlier of a repeated time
}

TimeZone::Offset TimeZone::offset_at(Time t) const
{
  const absl::TimeZone& zone = m_impl->zone;
  Offset result{std::chrono::seconds{zone.At(to_absl(t)).offset}, k_far_past, k_far_future};
  absl::TimeZone::CivilTransition change;
  // A change at t itself begins the span: look from just after t.
  if (zone.PrevTransition(to_absl(t + std::chrono::seconds{1}), &change)) {
    result.begin = from_absl(zone.At(change.to).trans);
  }
  if (zone.NextTransition(to_absl(t), &change)) {
    result.end = from_absl(zone.At(change.to).trans);
  }
  return result;
}

std::string TimeZone::format(Time t) const
{
  const LocalSeconds local = to_local(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const date::year_month_day date{day};
  const date::hh_mm_ss clock{local - day};
  const long offset_minutes = static_cast<long>(offset_at(t).offset.count() / 60);
  const long magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                     offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

} // namespace sdesk::util
