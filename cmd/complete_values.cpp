#include "cmd/complete_values.hpp"

#include "lib/model/enums.hpp"
#include "lib/model/link.hpp"
#include "lib/model/record_type.hpp"
#include "lib/report/dimension.hpp"
#include "lib/store/completion.hpp"
#include "lib/store/query.hpp"

#include <algorithm>

namespace sdesk::cmd::completion {

namespace {

template<typename Range>
std::vector<std::string> names_of(const Range& range)
{
  std::vector<std::string> names;
  for (const auto& item : range) {
    names.emplace_back(model::to_string(item));
  }
  return names;
}

} // namespace

Desk::Desk(std::span<const std::string> words) : m_words(words) {}

Desk::~Desk() = default;

const config::Config* Desk::config()
{
  load();
  return m_env ? &m_env->config() : nullptr;
}

std::vector<std::string> Desk::ticket_ids(std::string_view prefix)
{
  load();
  if (!m_env) {
    return {};
  }
  store::OpenIdQuery query;
  query.prefix = prefix;
  for (const model::Status status : model::open_statuses_of_any_type()) {
    query.statuses.emplace_back(model::to_string(status));
  }
  query.highest_priority = m_env->config().matrix.lowest();
  std::vector<std::string> ids;
  for (const model::TicketId id : store::open_ticket_ids(m_env->store_path(), query)) {
    ids.push_back(std::to_string(id));
  }
  return ids;
}

void Desk::load()
{
  if (m_loaded) {
    return;
  }
  m_loaded = true;
  GlobalOptions options;
  // --db and --config among the words before the one being completed.
  for (std::size_t i = 0; i + 1 < m_words.size(); ++i) {
    const std::string& word = m_words[i];
    for (auto [name, target] : {std::pair{"--db", &options.db}, std::pair{"--config", &options.config}}) {
      if (word == name && i + 2 < m_words.size()) {
        *target = m_words[i + 1];
      } else if (word.starts_with(std::string(name) + "=")) {
        *target = word.substr(std::string_view(name).size() + 1);
      }
    }
  }
  try {
    m_out = std::make_unique<Output>("never", false);
    m_journal = std::make_unique<store::ChangeJournal>();
    m_env = std::make_unique<Env>(options, *m_out, Needs::config, *m_journal);
  } catch (const std::exception&) {
    m_env.reset();
  }
}

std::vector<std::string> words_for(Values values, Desk& desk, std::string_view prefix)
{
  const config::Config* config = nullptr;
  switch (values) {
  case Values::groups:
  case Values::agents:
  case Values::categories:
  case Values::services:
  case Values::codes:
  case Values::priorities:
    config = desk.config();
    break;
  default:
    break;
  }
  switch (values) {
  case Values::none:
  case Values::files:
    return {};
  case Values::tickets:
    return desk.ticket_ids(prefix);
  case Values::groups:
    return config ? config->group_names() : std::vector<std::string>{};
  case Values::agents:
    return config ? config->agent_names() : std::vector<std::string>{};
  case Values::categories:
    return config ? config->categories : std::vector<std::string>{};
  case Values::services:
    return config ? config->services : std::vector<std::string>{};
  case Values::codes:
    return config ? config->resolution_codes : std::vector<std::string>{};
  case Values::priorities: {
    std::vector<std::string> words;
    for (int p = 1; p <= (config ? config->matrix.lowest() : 4); ++p) {
      words.push_back(model::format_priority(p));
    }
    return words;
  }
  case Values::kinds:
    return names_of(model::k_kinds);
  case Values::levels:
    return names_of(model::k_levels);
  case Values::statuses:
    return names_of(model::k_statuses);
  case Values::link_types: {
    std::vector<std::string> words;
    for (const auto name : model::link_type_names()) {
      words.emplace_back(name);
    }
    return words;
  }
  case Values::sort_fields:
    return store::sortable_fields();
  case Values::report_fields:
    return report::dimension_names();
  }
  return {};
}

} // namespace sdesk::cmd::completion
