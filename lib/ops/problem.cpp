#include "lib/ops/problem.hpp"

#include "lib/model/lifecycle.hpp"
#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace sdesk::ops {

namespace {

// The fields `problem candidates --by` accepts, with the store's key.
struct CandidateField {
  std::string_view name;
  store::CandidateKey key;
};
constexpr std::array k_candidate_fields{
  CandidateField{"category", store::CandidateKey::category},
  CandidateField{"service", store::CandidateKey::service},
  CandidateField{"group", store::CandidateKey::group},
  CandidateField{"priority", store::CandidateKey::priority},
};

// "an incident", "a problem".
std::string a_kind(model::Kind kind)
{
  const std::string_view name = model::to_string(kind);
  return fmt::format("{} {}", name.front() == 'i' ? "an" : "a", name);
}

// Refuses ticket `t` unless it is a problem: `verb` is what was asked.
void require_problem(const model::Ticket& t, std::string_view verb, std::string_view rule)
{
  if (t.kind != model::Kind::problem) {
    throw Error(ErrorKind::refused,
                fmt::format("ticket {} is {}; '{}' applies to problems only (rule {})", t.id,
                            a_kind(t.kind), verb, rule));
  }
}

void require_text(const std::string& text, std::string_view what)
{
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorKind::usage, fmt::format("{}: must not be empty", what));
  }
}

// The note an incident resolved with its problem gets.
std::string cascade_note(const model::Ticket& problem)
{
  return fmt::format("resolved with problem #{}: {}; workaround: {}", problem.id, problem.title,
                     problem.workaround.value_or("none recorded"));
}

} // namespace

std::vector<IncidentLink> link_incidents(Context& ctx, model::TicketId problem,
                                         const std::vector<model::TicketId>& incidents,
                                         LinkChange change)
{
  if (incidents.empty()) {
    throw Error(ErrorKind::usage, "INCIDENT: name at least one incident");
  }
  const std::string_view verb = change == LinkChange::link ? "problem link" : "problem unlink";
  store::Transaction tx(ctx.store, store::TxMode::write);
  require_problem(load_ticket(ctx.store, problem), verb, "problem-link");
  std::vector<IncidentLink> result;
  for (const model::TicketId id : incidents) {
    if (std::any_of(result.begin(), result.end(), [&](const IncidentLink& l) { return l.incident == id; })) {
      continue;
    }
    const model::Ticket incident = load_ticket(ctx.store, id);
    if (incident.kind != model::Kind::incident) {
      throw Error(ErrorKind::refused,
                  fmt::format("ticket {} is {}; '{}' links incidents to a problem (rule problem-link)",
                              id, a_kind(incident.kind), verb));
    }
    const model::Link link = model::make_link(id, "caused-by", problem, "INCIDENT");
    result.push_back({id, apply_link(ctx, link, change, ctx.now)});
  }
  tx.commit();
  return result;
}

model::Ticket record_known_error(Context& ctx, model::TicketId problem, const std::string& root_cause,
                                 const std::string& workaround)
{
  require_text(root_cause, "--root-cause");
  require_text(workaround, "--workaround");
  return change_ticket(ctx, problem, model::Action::known_error, std::nullopt, [&](model::Ticket& t) {
    require_problem(t, "problem known-error", "problem-only");
    // Recorded again on a known error: the texts change, the status stays.
    if (t.status != model::Status::known_error) {
      model::require_transition(t.id, t.kind, t.status, model::Status::known_error);
      t.status = model::Status::known_error;
    }
    t.root_cause = root_cause;
    t.workaround = workaround;
  });
}

Cascade resolve_cascade(Context& ctx, model::TicketId problem, const std::string& code,
                        const std::optional<std::string>& note)
{
  require_listed(ctx.config.resolution_codes, code, "--code");
  store::Transaction tx(ctx.store, store::TxMode::write);
  require_problem(load_ticket(ctx.store, problem), "resolve --cascade", "cascade");
  Cascade done;
  done.problem = apply_change(ctx, problem, model::Action::resolve, std::nullopt, [&](model::Ticket& t) {
    model::require_transition(t.id, t.kind, t.status, *model::record_type(t.kind).moves.resolve);
    t.status = *model::record_type(t.kind).moves.resolve;
    t.resolved = ctx.now;
    t.resolution_code = code;
    t.resolution_note = note;
  });
  for (const model::Link& link : ctx.store.links(problem)) {
    const model::LinkEnd end = model::link_end(link, problem);
    if (end.type != "causes") {
      continue;
    }
    const model::Ticket incident = load_ticket(ctx.store, end.target);
    const model::RecordType& type = model::record_type(incident.kind);
    if (!type.is_open(incident.status) || !type.moves.resolve) {
      continue;
    }
    done.incidents.push_back(
      apply_change(ctx, incident.id, model::Action::resolve, std::nullopt, [&](model::Ticket& t) {
        model::require_transition(t.id, t.kind, t.status, *type.moves.resolve);
        t.status = *type.moves.resolve;
        t.resolved = ctx.now;
        t.resolution_code = code;
        t.resolution_note = cascade_note(done.problem);
      }));
  }
  tx.commit();
  return done;
}

bool known_errors_apply(const model::Ticket& ticket)
{
  return ticket.kind == model::Kind::incident && ticket.service && ticket.category;
}

std::vector<store::KnownError> matching_known_errors(Context& ctx, const model::Ticket& ticket)
{
  if (!known_errors_apply(ticket)) {
    return {};
  }
  return ctx.backend.problems().known_errors(*ticket.service, *ticket.category);
}

std::vector<store::CandidateGroup> problem_candidates(Context& ctx, const CandidateRequest& request)
{
  if (request.since <= std::chrono::seconds{0}) {
    throw Error(ErrorKind::usage, "--since: must be longer than 0 (e.g. 90d)");
  }
  if (request.min < 1) {
    throw Error(ErrorKind::usage, fmt::format("--min: must be at least 1 (got {})", request.min));
  }
  std::vector<std::string> names;
  for (const CandidateField& f : k_candidate_fields) {
    names.emplace_back(f.name);
  }
  store::CandidateQuery query;
  for (const std::string& name : request.by) {
    const auto* field = std::find_if(k_candidate_fields.begin(), k_candidate_fields.end(),
                                     [&](const CandidateField& f) { return f.name == name; });
    if (field == k_candidate_fields.end()) {
      throw Error(ErrorKind::usage, fmt::format("--by: unknown field {} (accepted: {})",
                                                util::quote_with_suggestion(name, names),
                                                util::join(names, ", ")));
    }
    if (std::find(query.by.begin(), query.by.end(), field->key) != query.by.end()) {
      throw Error(ErrorKind::usage, fmt::format("--by: '{}' given twice", name));
    }
    query.by.push_back(field->key);
  }
  if (query.by.empty()) {
    throw Error(ErrorKind::usage, fmt::format("--by: name at least one field (accepted: {})",
                                              util::join(names, ", ")));
  }
  const auto now = ctx.now.time_since_epoch();
  query.from = std::chrono::duration_cast<std::chrono::seconds>(now - request.since).count();
  query.to = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  query.min = request.min;
  store::Transaction tx(ctx.store, store::TxMode::read);
  auto groups = ctx.backend.problems().candidates(query);
  tx.commit();
  return groups;
}

} // namespace sdesk::ops
