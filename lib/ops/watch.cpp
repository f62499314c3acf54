#include "lib/ops/watch.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/mail_identity.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>

namespace sdesk::ops {

namespace {

// Records one watch or unwatch event naming `who` on ticket `id`.
void record(Context& ctx, model::TicketId id, model::Action action, const std::vector<std::string>& who)
{
  const std::string note = std::string(action == model::Action::watch ? "watchers added: " : "watchers removed: ")
                           + util::join(who, ", ");
  apply_change(ctx, id, action, note, [](model::Ticket&) {},
               [&who](const model::Ticket&, const model::Ticket&) {
                 util::JsonWriter w;
                 w.begin_object().key("who").value(who).end_object();
                 return std::optional<std::string>(w.str());
               });
}

} // namespace

std::vector<std::string> add_watchers(Context& ctx, model::TicketId id, const std::vector<std::string>& who)
{
  std::vector<std::string> added;
  for (const std::string& w : who) {
    if (std::find(added.begin(), added.end(), w) == added.end() && ctx.backend.mail().add_watcher(id, w, ctx.now)) {
      added.push_back(w);
    }
  }
  if (!added.empty()) {
    record(ctx, id, model::Action::watch, added);
  }
  return added;
}

WatchResult watch_ticket(Context& ctx, model::TicketId id, const std::vector<std::string>& who, bool add)
{
  std::vector<std::string> names;
  for (const std::string& w : who) {
    const std::string name = normalise_watcher(ctx.config, w, "WHO");
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  WatchResult result;
  store::Transaction tx(ctx.store, store::TxMode::write);
  load_ticket(ctx.store, id);
  store::MailStore& mail = ctx.backend.mail();
  for (const std::string& name : names) {
    const bool changed = add ? mail.add_watcher(id, name, ctx.now) : mail.remove_watcher(id, name);
    (changed ? result.changed : result.unchanged).push_back(name);
  }
  if (!result.changed.empty()) {
    record(ctx, id, add ? model::Action::watch : model::Action::unwatch, result.changed);
  }
  result.watchers = mail.watchers(id);
  tx.commit();
  return result;
}

std::vector<std::string> ticket_watchers(Context& ctx, model::TicketId id)
{
  return ctx.backend.mail().watchers(id);
}

} // namespace sdesk::ops
