#include "lib/ops/update.hpp"

#include "lib/model/change_rules.hpp"
#include "lib/model/record_type.hpp"
#include "lib/ops/change.hpp"
#include "lib/ops/problem.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sdesk::ops {

model::Ticket update(Context& ctx, model::TicketId id, const UpdateRequest& r,
                     std::vector<store::KnownError>* known_errors)
{
  const auto& config = ctx.config;
  const bool anything = r.title || r.description || r.kind || r.impact || r.urgency || r.priority
                        || r.category || r.service || r.requester || !r.add_tags.empty()
                        || !r.remove_tags.empty() || r.change.any() || r.restricted;
  if (!anything) {
    throw Error(ErrorKind::usage, "update: nothing to change (name at least one field option)");
  }
  if (r.title) {
    require_one_line(*r.title, "--title");
  }
  if (r.change.change_type == "standard") {
    throw Error(ErrorKind::usage, "--change-type: a standard change is opened from a template ('sdesk change "
                                  "open'; accepted here: normal, emergency)");
  }
  // Given or not, then the value (nothing: cleared).
  using NewName = std::optional<std::optional<std::string>>;
  const NewName category =
    r.category ? NewName{listed_or_none(config.categories, *r.category, "--category")} : std::nullopt;
  const NewName service =
    r.service ? NewName{listed_or_none(config.services, *r.service, "--service")} : std::nullopt;
  if (r.requester) {
    require_one_line(*r.requester, "--requester");
  }
  if (r.restricted && *r.restricted) {
    require_group(config, **r.restricted, "--restricted");
  }
  const auto add = model::normalise_tags(r.add_tags);
  const auto remove = model::normalise_tags(r.remove_tags);
  const auto explicit_priority =
    r.priority ? std::optional{model::parse_priority(*r.priority, config.matrix.lowest())}
               : std::nullopt;

  store::Transaction tx(ctx.store, store::TxMode::write);
  model::Ticket after = apply_change(ctx, id, model::Action::update, std::nullopt, [&](model::Ticket& t) {
    if (model::record_type(t.kind).is_final(t.status)) {
      throw Error(ErrorKind::refused,
                  fmt::format("ticket {} is {}; {} is final, open a new ticket", t.id,
                              model::to_string(t.status), model::to_string(t.status)));
    }
    t.title = r.title.value_or(t.title);
    t.description = r.description.value_or(t.description);
    if (r.kind && *r.kind != t.kind && !model::record_type(*r.kind).has(t.status)) {
      // The lifecycle changes with the kind: only where the status means
      // the same in both (a new incident can become a new problem).
      throw Error(ErrorKind::refused,
                  fmt::format("ticket {} is {}; a {} has no status {} (a {} can become a {} only in "
                              "a status both have)",
                              t.id, model::to_string(t.status), model::to_string(*r.kind),
                              model::to_string(t.status), model::to_string(t.kind),
                              model::to_string(*r.kind)));
    }
    t.kind = r.kind.value_or(t.kind);
    t.impact = r.impact.value_or(t.impact);
    t.urgency = r.urgency.value_or(t.urgency);
    if (explicit_priority) {
      t.priority = *explicit_priority;
    } else if (r.impact || r.urgency) {
      t.priority = config.matrix.priority(t.impact, t.urgency);
    }
    if (category) {
      t.category = *category;
    }
    if (service) {
      t.service = *service;
    }
    if (r.requester) {
      t.requester = r.requester;
    }
    if (r.restricted) {
      t.restricted = *r.restricted;
    }
    std::vector<std::string> tags = t.tags;
    tags.insert(tags.end(), add.begin(), add.end());
    std::erase_if(tags, [&](const std::string& tag) {
      return std::find(remove.begin(), remove.end(), tag) != remove.end();
    });
    t.tags = model::normalise_tags(tags);
    if (r.change.any()) {
      if (t.kind == model::Kind::change) {
        model::require_plan_editable(t);
      }
      apply_plan(r.change, t);
    }
  });
  // A new service or category: the open known errors it matches, read in
  // the same transaction (issue 9).
  if (known_errors && (r.category || r.service)) {
    *known_errors = matching_known_errors(ctx, after);
  }
  tx.commit();
  return after;
}

} // namespace sdesk::ops
