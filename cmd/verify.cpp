#include "cmd/command.hpp"
#include "cmd/exit_code.hpp"
#include "lib/ops/verify.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct VerifyOptions {
  bool json = false;
  bool quiet = false;
  bool digest = false;                 // --digest
  std::optional<std::string> against; // --against FILE-OR-VALUE
};

// "ticket 12 (INC-7): resolved: missing: ... (rule resolved-status)", one
// line per violation; "history of ticket 12 (INC-7) breaks at event 40:
// hash-mismatch: ..." for a broken hash chain.
std::string verify_text(const model::Ticket& t, std::span<const model::Violation> violations,
                        const std::optional<model::ChainBreak>& broken)
{
  std::string text;
  const std::string ref = t.ref ? fmt::format(" ({})", safe(*t.ref)) : "";
  for (const model::Violation& v : violations) {
    text += fmt::format("ticket {}{}: {}\n", t.id, ref, safe(model::describe(v)));
  }
  if (broken) {
    text += fmt::format("history of ticket {}{} breaks at event {}: {}: {}\n", t.id, ref,
                        broken->event_id, model::to_string(broken->problem), broken->message);
  }
  return text;
}

// {"id": 12, "ref": "INC-7", "violations": [{"field", "rule", "message"}]}
void verify_json(util::JsonWriter& json, const model::Ticket& t,
                 std::span<const model::Violation> violations)
{
  json.begin_object();
  json.key("id").value(static_cast<std::int64_t>(t.id));
  json.key("ref").value(t.ref);
  json.key("violations").begin_array();
  for (const model::Violation& v : violations) {
    json.begin_object();
    json.key("field").value(v.field);
    json.key("rule").value(v.rule);
    json.key("message").value(v.message);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

// {"id": 12, "ref": "INC-7", "event": 40, "problem": "hash-mismatch", "message": "..."}
void chain_json(util::JsonWriter& json, const model::Ticket& t, const model::ChainBreak& broken)
{
  json.begin_object();
  json.key("id").value(static_cast<std::int64_t>(t.id));
  json.key("ref").value(t.ref);
  json.key("event").value(broken.event_id);
  json.key("problem").value(model::to_string(broken.problem));
  json.key("message").value(broken.message);
  json.end_object();
}

// The checkpoint given to --against: the contents of file `value` when
// there is one, else `value` itself. Throws Error(usage) when it holds none.
ops::Checkpoint read_checkpoint(const std::string& value)
{
  std::string text = value;
  if (std::error_code ec; std::filesystem::is_regular_file(value, ec)) {
    std::ifstream in(value, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      throw Error(ErrorKind::io, fmt::format("--against: cannot read '{}'", value));
    }
  }
  const auto checkpoint = ops::parse_checkpoint(text);
  if (!checkpoint) {
    throw Error(ErrorKind::usage,
                fmt::format("--against: no checkpoint in {} (accepted: a file or the line "
                            "'sdesk verify --digest' printed, \"sdesk-checkpoint-1 last-ticket=T "
                            "last-event=E digest=HEX\")",
                            util::quote(value.substr(0, 80))));
  }
  return *checkpoint;
}

// "checkpoint holds: ..." or "checkpoint broken: ...".
std::string against_text(const ops::Checkpoint& c, bool holds)
{
  return holds ? fmt::format("checkpoint holds: nothing recorded up to event {} (tickets up to {}) "
                             "was changed\n",
                             c.last_event, c.last_ticket)
               : fmt::format("checkpoint broken: the history recorded up to event {} (tickets up "
                             "to {}) is not what it was\n",
                             c.last_event, c.last_ticket);
}

std::string summary_text(const ops::VerifySummary& s)
{
  std::string text;
  if (s.broken_chains > 0) {
    text += fmt::format("history chains: {} of {} broken\n", s.broken_chains, s.checked);
  }
  text += s.failed == 0 ? fmt::format("checked {} ticket{}: every invariant holds\n", s.checked,
                                      s.checked == 1 ? "" : "s")
                        : fmt::format("checked {} ticket{}: {} break{} an invariant\n", s.checked,
                                      s.checked == 1 ? "" : "s", s.failed, s.failed == 1 ? "s" : "");
  return text;
}

int run_verify(Env& env, const VerifyOptions& o)
{
  const std::optional<ops::Checkpoint> against =
    o.against ? std::optional{read_checkpoint(*o.against)} : std::nullopt;
  util::JsonWriter json;   // holds the tickets that break a rule, not all tickets
  util::JsonWriter chains; // the broken chains
  if (o.json) {
    json.begin_object();
    json.key("tickets").begin_array();
    chains.begin_array();
  }
  const auto summary = ops::verify_store(
    env.store(),
    [&](const model::Ticket& t, std::span<const model::Violation> violations,
        const std::optional<model::ChainBreak>& broken) {
      if (o.json) {
        if (!violations.empty()) {
          verify_json(json, t, violations);
        }
        if (broken) {
          chain_json(chains, t, *broken);
        }
      } else if (o.quiet) {
        env.out().write(fmt::format("{}\n", t.id));
      } else {
        env.out().write(verify_text(t, violations, broken));
      }
    },
    against);
  const bool chains_hold = summary.broken_chains == 0;
  if (o.json) {
    json.end_array();
    chains.end_array();
    json.key("checked").value(static_cast<std::int64_t>(summary.checked));
    json.key("failed").value(static_cast<std::int64_t>(summary.failed));
    json.key("broken_chains").value(static_cast<std::int64_t>(summary.broken_chains));
    json.key("chains").raw(chains.str());
    if (o.digest && chains_hold) {
      json.key("checkpoint").value(ops::format_checkpoint(summary.checkpoint));
    }
    if (against) {
      json.key("checkpoint_holds").value(*summary.checkpoint_holds);
    }
    json.end_object();
    env.out().write(json.str() + "\n");
  } else {
    if (against) {
      env.out().write(against_text(*against, *summary.checkpoint_holds));
    }
    if (o.digest && chains_hold) {
      env.out().write(ops::format_checkpoint(summary.checkpoint) + "\n");
    } else if (!o.quiet) {
      env.out().write(summary_text(summary));
    }
  }
  const bool ok = summary.failed == 0 && chains_hold && summary.checkpoint_holds.value_or(true);
  return ok ? k_exit_ok : k_exit_check_failed;
}

} // namespace

void register_verify(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<VerifyOptions>();
  auto* sub = app.add_subcommand("verify", "Check every stored ticket against the invariants and its history's hash chain");
  auto* json = sub->add_flag("--json", o->json, "Print the result as JSON");
  sub->add_flag("-q,--quiet", o->quiet, "Print only the ids of tickets that break one")->excludes(json);
  sub->add_flag("--digest", o->digest,
                "Print a checkpoint: one digest over every history chain's head, to keep elsewhere");
  sub->add_option("--against", o->against,
                  "Check that nothing recorded up to a checkpoint (a file or the line --digest "
                  "printed) was changed");
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_verify(env, *o); };
  });
}

} // namespace sdesk::cmd
