// Reads [mail]: the desk's address, the subject tag, the quarantine for
// mail that cannot be read, when a reply reopens a resolved ticket, whether
// Cc addresses become watchers, the attachment size cap, and the sendmail
// command that mail out will run. docs/config.md documents every key.

#include "lib/config/sections.hpp"
#include "lib/util/duration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace sdesk::config::detail {

namespace {

using Type = Value::Type;

// The largest attachment cap: 1 GB.
constexpr std::int64_t k_max_cap = 1000LL * 1000 * 1000;

// A size: a whole number of bytes, or a string "20MB", "512KiB", "1GB"
// (KB, MB, GB in powers of 1000; KiB, MiB, GiB in powers of 1024).
std::int64_t read_size(const Value& value)
{
  const auto bad = [&value] {
    return error_at(value, fmt::format("expected a size such as \"20MB\" or a number of bytes "
                                       "(accepted units: B, KB, MB, GB, KiB, MiB, GiB; at most 1GB), "
                                       "got {}",
                                       describe(value)));
  };
  std::int64_t bytes = 0;
  if (value.type == Type::integer) {
    bytes = value.integer;
  } else if (value.type == Type::string) {
    const std::string& text = value.text;
    std::size_t i = 0;
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0 && n <= k_max_cap) {
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    if (i == 0) {
      throw bad();
    }
    std::string unit = text.substr(i);
    while (!unit.empty() && unit.front() == ' ') {
      unit.erase(0, 1);
    }
    struct Unit {
      std::string_view name;
      std::int64_t factor;
    };
    constexpr std::array<Unit, 7> k_units{{{"", 1},
                                           {"B", 1},
                                           {"KB", 1000},
                                           {"MB", 1000 * 1000},
                                           {"GB", 1000 * 1000 * 1000},
                                           {"KiB", 1024},
                                           {"MiB", 1024 * 1024}}};
    bool found = false;
    for (const Unit& u : k_units) {
      if (u.name == unit) {
        bytes = n * u.factor;
        found = true;
      }
    }
    if (unit == "GiB") {
      bytes = n * 1024 * 1024 * 1024;
      found = true;
    }
    if (!found) {
      throw bad();
    }
  } else {
    throw bad();
  }
  if (bytes < 1 || bytes > k_max_cap) {
    throw bad();
  }
  return bytes;
}

// A duration from 1s to 1h.
std::chrono::seconds read_timeout(const Value& value)
{
  const std::string& text = expect(value, Type::string, "a duration such as \"60s\"").text;
  std::chrono::seconds d{};
  try {
    d = util::parse_duration(text, value.path);
  } catch (const Error& e) {
    throw Error(ErrorKind::config, fmt::format("{}: {}", value.origin, e.what()));
  }
  if (d < std::chrono::seconds{1} || d > std::chrono::seconds{3600}) {
    throw error_at(value, fmt::format("expected from 1s to 1h, got {}", describe(value)));
  }
  return d;
}

// The keys of mail out: deliver, hourly_limit, send_timeout, templates and
// [mail.notify].
void read_mail_out(const Value& section, MailSettings& mail)
{
  if (const Value* deliver = section.find("deliver")) {
    const std::string& text = expect(*deliver, Type::string, "\"tick\" or \"commit\"").text;
    if (text != "tick" && text != "commit") {
      throw error_at(*deliver, fmt::format("expected \"tick\" or \"commit\", got {}", describe(*deliver)));
    }
    mail.deliver_at_commit = text == "commit";
  }
  if (const Value* limit = section.find("hourly_limit")) {
    const Value& n = expect(*limit, Type::integer, "a number of messages from 1 to 10000");
    if (n.integer < 1 || n.integer > 10000) {
      throw error_at(n, fmt::format("expected a number of messages from 1 to 10000, got {}", describe(n)));
    }
    mail.hourly_limit = n.integer;
  }
  if (const Value* timeout = section.find("send_timeout")) {
    mail.send_timeout = read_timeout(*timeout);
  }
  if (const Value* templates = section.find("templates")) {
    mail.templates = read_string(*templates);
  }
  if (const Value* notify = section.find("notify")) {
    expect(*notify, Type::table, "a table of events and who they notify");
    std::vector<std::string> events(std::begin(k_notify_events), std::end(k_notify_events));
    check_keys(*notify, events);
    for (const std::string_view event : k_notify_events) {
      const Value* who = notify->find(event);
      if (who == nullptr) {
        continue;
      }
      std::vector<std::string> list = read_list(*who);
      for (const std::string& w : list) {
        if (std::find(std::begin(k_notify_recipients), std::end(k_notify_recipients), w)
            == std::end(k_notify_recipients)) {
          throw error_at(*who, fmt::format("unknown recipient '{}' (accepted: requester, assignee, group, "
                                           "informed, watchers)",
                                           w));
        }
      }
      mail.notify.emplace_back(std::string(event), std::move(list));
    }
  }
}

} // namespace

void read_mail(const Value& section, Config& config)
{
  check_keys(expect(section, Type::table, "a table"),
             {"address", "subject_tag", "sendmail", "quarantine", "reopen_within", "cc_become_watchers",
              "max_attachment", "deliver", "hourly_limit", "send_timeout", "templates", "notify"});
  MailSettings& mail = config.mail;
  if (const Value* address = section.find("address")) {
    mail.address = read_email(*address);
  }
  if (const Value* tag = section.find("subject_tag")) {
    const std::string text = read_string(*tag);
    for (const char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '_' && c != '.') {
        throw error_at(*tag, fmt::format("expected letters, digits, '-', '_' or '.', got {}", describe(*tag)));
      }
    }
    mail.subject_tag = text;
  }
  if (const Value* sendmail = section.find("sendmail")) {
    mail.sendmail = read_list(*sendmail, false);
  }
  if (const Value* quarantine = section.find("quarantine")) {
    mail.quarantine = read_string(*quarantine);
  }
  if (const Value* within = section.find("reopen_within")) {
    const std::string& text = expect(*within, Type::string, "a duration such as \"14d\"").text;
    try {
      mail.reopen_within = util::parse_duration(text, within->path);
    } catch (const Error& e) {
      throw Error(ErrorKind::config, fmt::format("{}: {}", within->origin, e.what()));
    }
  }
  if (const Value* cc = section.find("cc_become_watchers")) {
    mail.cc_become_watchers = expect(*cc, Type::boolean, "true or false").text == "true";
  }
  if (const Value* cap = section.find("max_attachment")) {
    mail.max_attachment = read_size(*cap);
  }
  read_mail_out(section, mail);
}

} // namespace sdesk::config::detail
