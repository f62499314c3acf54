#include "cmd/complete.hpp"
#include "cmd/complete_values.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace completion {

namespace {

// The validator names that carry a tag: "sdesk-offer:N" (a Values) and
// "sdesk-offer=WORD\nWORD..." (fixed words).
constexpr std::string_view k_values_tag = "sdesk-offer:";
constexpr std::string_view k_words_tag = "sdesk-offer=";

CLI::Validator tag(std::string name)
{
  return CLI::Validator([](std::string&) { return std::string(); }, "", std::move(name));
}

// One candidate: the word and what it is (may be empty).
struct Candidate {
  std::string word;
  std::string description;
};

// What an option or positional takes: a kind of values, or fixed words.
struct Offer {
  Values values = Values::none;
  std::vector<std::string> words;
};

// The tag of `option`, if `offer` gave it one.
std::optional<Offer> tagged(CLI::Option& option)
{
  for (int i = 0;; ++i) {
    const CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return std::nullopt;
    }
    const std::string name = validator->get_name();
    if (name.starts_with(k_values_tag)) {
      return Offer{static_cast<Values>(std::stoi(name.substr(k_values_tag.size()))), {}};
    }
    if (name.starts_with(k_words_tag)) {
      Offer offer;
      for (auto& word : CLI::detail::split(name.substr(k_words_tag.size()), '\n')) {
        offer.words.push_back(word);
      }
      return offer;
    }
  }
}

// What `option` takes: its tag; else the choices of a CLI::IsMember check
// ("WHEN:{auto,always,never}"); else what its type name says; else, for a
// positional named "id", ticket ids.
Offer offer_of(CLI::Option& option)
{
  if (auto found = tagged(option)) {
    return *found;
  }
  const std::string type = option.get_type_name();
  const auto open = type.find(":{");
  if (open != std::string::npos && type.ends_with('}')) {
    Offer offer;
    offer.words = CLI::detail::split(type.substr(open + 2, type.size() - open - 3), ',');
    return offer;
  }
  static constexpr std::pair<std::string_view, Values> k_by_type[] = {
    {"GROUP", Values::groups},     {"AGENT", Values::agents},  {"KIND", Values::kinds},
    {"LEVEL", Values::levels},     {"STATUS", Values::statuses}, {"P", Values::priorities},
    {"CODE", Values::codes},       {"FILE", Values::files},    {"PATH", Values::files},
    {"TYPE", Values::link_types},
  };
  const std::string_view name = std::string_view(type).substr(0, type.find(':'));
  for (const auto& [type_name, values] : k_by_type) {
    if (name == type_name) {
      return Offer{values, {}};
    }
  }
  if (option.get_positional() && option.get_name() == "id") {
    return Offer{Values::tickets, {}};
  }
  return Offer{};
}

// The option `word` ("--db", "-g", "--group=x") names in `scope` or the
// commands around it (global options are accepted after a command), or null.
CLI::Option* find_option(CLI::App* scope, std::string_view word)
{
  const std::string name(word.substr(0, word.find('=')));
  for (CLI::App* app = scope; app != nullptr; app = app->get_parent()) {
    if (CLI::Option* option = app->get_option_no_throw(name)) {
      return option;
    }
  }
  return nullptr;
}

CLI::App* find_subcommand(CLI::App* scope, std::string_view word)
{
  for (CLI::App* sub : scope->get_subcommands({})) {
    if (sub->get_name() == word && !sub->get_group().empty()) {
      return sub;
    }
  }
  return nullptr;
}

// Where the words before the one being completed leave the command line.
struct State {
  CLI::App* scope = nullptr;         // the (sub)command the words chose
  CLI::Option* pending = nullptr;    // an option still waiting for its value
  std::size_t positionals = 0;       // positional words given to `scope`
  bool only_positionals = false;     // after "--"
};

State walk(CLI::App& app, std::span<const std::string> before)
{
  State state{&app};
  for (const std::string& word : before) {
    if (state.pending) {
      state.pending = nullptr;
      continue;
    }
    if (!state.only_positionals && word == "--") {
      state.only_positionals = true;
      continue;
    }
    if (!state.only_positionals && word.size() > 1 && word.starts_with('-')) {
      CLI::Option* option = find_option(state.scope, word);
      if (option && option->get_type_size() != 0 && word.find('=') == std::string::npos &&
          !(word.size() > 2 && word[1] != '-')) { // "-gX" holds its value
        state.pending = option;
      }
      continue;
    }
    if (state.positionals == 0 && !state.only_positionals) {
      if (CLI::App* sub = find_subcommand(state.scope, word)) {
        state.scope = sub;
        continue;
      }
    }
    ++state.positionals;
  }
  return state;
}

// The positional of `scope` that the next positional word fills, or null.
CLI::Option* next_positional(CLI::App* scope, std::size_t given)
{
  std::size_t index = 0;
  for (CLI::Option* option : scope->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    const auto takes = static_cast<std::size_t>(std::max(option->get_items_expected_max(), 1));
    if (given < index + takes) {
      return option;
    }
    index += takes;
  }
  return nullptr;
}

struct Result {
  std::vector<Candidate> candidates;
  bool files = false;
};

// Candidates for the value `text` of `option`; each is prefixed by `lead`
// ("--group=" when the value is in the same word).
void add_values(Result& result, CLI::Option& option, Desk& desk, std::string_view lead,
                std::string_view text)
{
  const Offer offer = offer_of(option);
  if (offer.values == Values::files) {
    result.files = true;
    return;
  }
  // Lists: complete the last comma-separated item; "-"/"+" of a sort key stays.
  const auto comma = text.rfind(',');
  std::string head(lead);
  if (comma != std::string_view::npos) {
    head += text.substr(0, comma + 1);
    text.remove_prefix(comma + 1);
  }
  if (offer.values == Values::sort_fields && !text.empty() && (text[0] == '-' || text[0] == '+')) {
    head += text[0];
    text.remove_prefix(1);
  }
  if (offer.values == Values::tickets && text.starts_with('#')) {
    head += '#';
    text.remove_prefix(1);
  }
  const auto words = offer.words.empty() ? words_for(offer.values, desk, text) : offer.words;
  for (const auto& word : words) {
    if (word.starts_with(text)) {
      result.candidates.push_back({head + word, ""});
    }
  }
}

void add_options(Result& result, CLI::App* scope, std::string_view text)
{
  std::vector<std::string> seen; // a subcommand's own option hides its parent's
  for (CLI::App* app = scope; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      if (option->get_group().empty() || option->get_positional()) {
        continue;
      }
      std::vector<std::string> names;
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
      for (const auto& name : option->get_snames()) {
        names.push_back("-" + name);
      }
      for (const auto& name : names) {
        // --help and --version of the top level do not apply after a command.
        const bool top_only = app != scope && (name == "--help" || name == "-h" || name == "--version");
        if (name.starts_with(text) && !top_only &&
            std::find(seen.begin(), seen.end(), name) == seen.end()) {
          seen.push_back(name);
          result.candidates.push_back({name, option->get_description()});
        }
      }
    }
  }
}

Result candidates(CLI::App& app, std::span<const std::string> words, Desk& desk)
{
  Result result;
  const std::string_view current = words.back();
  const State state = walk(app, words.first(words.size() - 1));
  if (state.pending) {
    add_values(result, *state.pending, desk, "", current);
    return result;
  }
  if (!state.only_positionals && current.starts_with("--") && current.find('=') != std::string_view::npos) {
    if (CLI::Option* option = find_option(state.scope, current)) {
      const auto equals = current.find('=');
      add_values(result, *option, desk, current.substr(0, equals + 1), current.substr(equals + 1));
    }
    return result;
  }
  if (!state.only_positionals && current.starts_with('-')) {
    add_options(result, state.scope, current);
    return result;
  }
  if (state.positionals == 0) {
    for (const CLI::App* sub : state.scope->get_subcommands({})) {
      if (!sub->get_group().empty() && sub->get_name().starts_with(current)) {
        result.candidates.push_back({sub->get_name(), sub->get_description()});
      }
    }
  }
  if (CLI::Option* positional = next_positional(state.scope, state.positionals)) {
    add_values(result, *positional, desk, "", current);
  }
  return result;
}

// A description on one line, without tabs.
std::string one_line(std::string text)
{
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return text;
}

} // namespace

} // namespace completion

CLI::Option* offer(CLI::Option* option, Values values)
{
  if (option == nullptr) { // left out of a lean parse (add_optional)
    return nullptr;
  }
  return option->check(completion::tag(fmt::format("{}{}", completion::k_values_tag, static_cast<int>(values))));
}

CLI::Option* offer(CLI::Option* option, const std::vector<std::string>& words)
{
  if (option == nullptr) {
    return nullptr;
  }
  return option->check(completion::tag(fmt::format("{}{}", completion::k_words_tag, fmt::join(words, "\n"))));
}

int complete(CLI::App& app, std::span<const std::string> words)
{
  if (words.empty()) {
    return 0;
  }
  try {
    completion::Desk desk(words);
    const auto result = completion::candidates(app, words, desk);
    std::string text;
    for (const auto& candidate : result.candidates) {
      text += candidate.word;
      if (!candidate.description.empty()) {
        text += '\t' + completion::one_line(candidate.description);
      }
      text += '\n';
    }
    if (result.files) {
      text += ":files\n";
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
  } catch (const std::exception&) {
    return 0;
  }
  return 0;
}

} // namespace sdesk::cmd
