#pragma once

// Where `sdesk __complete` finds the values it offers (cmd/complete.hpp):
// the model's fixed lists, the configuration and the store the command
// line names.

#include "cmd/command.hpp"
#include "cmd/complete.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sdesk::cmd::completion {

// The configuration and store the command line names, loaded on first use.
class Desk {
public:
  // `words`: the words after `sdesk`; --db and --config among them count.
  explicit Desk(std::span<const std::string> words);
  ~Desk();
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  // The configuration, or null when it cannot be loaded.
  const config::Config* config();

  // Open ticket ids starting with `prefix` (store::open_ticket_ids); none
  // when the configuration or the store cannot be read.
  std::vector<std::string> ticket_ids(std::string_view prefix);

private:
  void load();

  std::span<const std::string> m_words;
  bool m_loaded = false;
  std::unique_ptr<Output> m_out;
  std::unique_ptr<store::ChangeJournal> m_journal;
  std::unique_ptr<Env> m_env;
};

// The words `values` stands for: fixed lists from the model, names from the
// configuration, ids from the store (those starting with `prefix`); none
// for Values::none and Values::files, or when the source cannot be read.
std::vector<std::string> words_for(Values values, Desk& desk, std::string_view prefix);

} // namespace sdesk::cmd::completion
