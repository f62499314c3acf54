#include "lib/hooks/discover.hpp"

#include <algorithm>
#include <filesystem>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::hooks {

namespace fs = std::filesystem;

namespace {

bool known_event(std::string_view event)
{
  return std::find(std::begin(k_events), std::end(k_events), event) != std::end(k_events);
}

std::size_t event_rank(std::string_view event)
{
  return static_cast<std::size_t>(std::find(std::begin(k_events), std::end(k_events), event)
                                  - std::begin(k_events));
}

// The hooks in `event_dir` (an `<event>.d` directory) into `found`.
void read_event_dir(const fs::path& event_dir, const std::string& event, Found& found)
{
  std::error_code ec;
  fs::directory_iterator it(event_dir, ec);
  if (ec) {
    found.ignored.push_back({event_dir.string(), fmt::format("cannot read: {}", ec.message())});
    return;
  }
  for (const fs::directory_entry& entry : it) {
    const std::string name = entry.path().filename().string();
    const std::string path = entry.path().string();
    if (name.starts_with('.') || name.ends_with('~')) {
      found.ignored.push_back({path, "hidden or a backup file"});
      continue;
    }
    std::error_code type_ec;
    if (!entry.is_regular_file(type_ec)) { // follows symbolic links
      found.ignored.push_back({path, "not a regular file"});
      continue;
    }
    if (::access(path.c_str(), X_OK) != 0) {
      found.ignored.push_back({path, "not executable"});
      continue;
    }
    std::erase_if(found.hooks, [&](const Hook& h) { return h.event == event && h.name == name; });
    found.hooks.push_back({event, name, path});
  }
}

} // namespace

Found discover(const std::vector<std::string>& dirs)
{
  Found found;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      continue; // no hooks there (the common case: one failed open)
    }
    for (const fs::directory_entry& entry : it) {
      const std::string name = entry.path().filename().string();
      std::error_code type_ec;
      if (!name.ends_with(".d") || !entry.is_directory(type_ec)) {
        continue; // a README, say
      }
      const std::string event = name.substr(0, name.size() - 2);
      if (!known_event(event)) {
        std::string accepted;
        for (const std::string_view e : k_events) {
          accepted += (accepted.empty() ? "" : ", ") + std::string(e);
        }
        found.ignored.push_back(
          {entry.path().string(), fmt::format("unknown event name '{}' (accepted: {})", event, accepted)});
        continue;
      }
      read_event_dir(entry.path(), event, found);
    }
  }
  std::sort(found.hooks.begin(), found.hooks.end(), [](const Hook& a, const Hook& b) {
    return event_rank(a.event) != event_rank(b.event) ? event_rank(a.event) < event_rank(b.event)
                                                      : a.name < b.name;
  });
  std::sort(found.ignored.begin(), found.ignored.end(),
            [](const Ignored& a, const Ignored& b) { return a.path < b.path; });
  return found;
}

std::vector<const Hook*> hooks_for(const Found& found, std::string_view event)
{
  std::vector<const Hook*> hooks;
  for (const Hook& h : found.hooks) {
    if (h.event == event) {
      hooks.push_back(&h);
    }
  }
  return hooks;
}

} // namespace sdesk::hooks
