#include "lib/ops/notify.hpp"

#include "lib/mail/compose.hpp"
#include "lib/model/event_data.hpp"
#include "lib/ops/mail_out.hpp"
#include "lib/ops/mail_template.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace sdesk::ops {

namespace {

// Who each event tells when [mail.notify] does not say (docs/sdesk-mail.md).
struct DefaultRule {
  std::string_view event;
  std::vector<std::string> who;
};

const std::vector<DefaultRule>& default_rules()
{
  static const std::vector<DefaultRule> k_rules{
    {"open", {"requester", "watchers"}},
    {"comment", {"requester", "watchers"}},
    {"assign", {"assignee", "watchers"}},
    {"resolve", {"requester", "watchers"}},
    {"escalate", {"group", "informed", "watchers"}},
    {"sla_warning", {"group"}},
    {"sla_breach", {"group"}},
    {"change", {"watchers"}},
  };
  return k_rules;
}

// The notification event of an action whose first event is `first`, or
// nothing: an internal comment stays inside; actions that are not
// notifiable tell no one.
std::optional<std::string_view> event_of(const model::Event& first)
{
  using model::Action;
  if (!model::is_notifiable(first.action)) {
    return std::nullopt;
  }
  switch (first.action) {
  case Action::open: return "open";
  case Action::comment:
    if (first.data && model::is_internal(*first.data)) {
      return std::nullopt;
    }
    return "comment";
  case Action::assign: return "assign";
  case Action::resolve: return "resolve";
  case Action::escalate:
  case Action::escalate_hierarchical: return "escalate";
  case Action::sla_warning: return "sla_warning";
  case Action::sla_breach: return "sla_breach";
  default: return "change";
  }
}

// The address of `who` (an address, or an agent's name), or nothing.
std::optional<std::string> address_of(const config::Config& config, std::string_view who)
{
  if (who.find('@') != std::string_view::npos) {
    return util::to_lower(util::trim(who));
  }
  const config::Agent* agent = config.find_agent(who);
  if (agent != nullptr && agent->email) {
    return util::to_lower(*agent->email);
  }
  return std::nullopt;
}

// Whether sdesk must never mail `address`: the desk itself (or a plus
// address of it), a mail system's mailbox, or no plain address at all.
bool never_mail(const config::Config& config, const std::string& address)
{
  if (!mail::is_plain_address(address)) {
    return true;
  }
  const std::string local = address.substr(0, address.find('@'));
  const std::string domain = address.substr(address.find('@') + 1);
  if (local == "mailer-daemon" || local == "postmaster") {
    return true;
  }
  const std::string desk = util::to_lower(*config.mail.address);
  const std::string desk_local = desk.substr(0, desk.find('@'));
  const std::string desk_domain = desk.substr(desk.find('@') + 1);
  return domain == desk_domain && (local == desk_local || local.starts_with(desk_local + "+"));
}

// What one due delivery is about.
struct Occasion {
  model::Ticket ticket;
  std::vector<model::Event> events; // the action's events, first first
  std::vector<std::string> watchers;
};

// The people `rule` names for `o`, as agent names or addresses, in order.
std::vector<std::string> people(const config::Config& config, const Occasion& o, const std::string& role)
{
  const model::Event& first = o.events.front();
  if (role == "requester" && o.ticket.requester) {
    return {*o.ticket.requester};
  }
  if (role == "assignee" && o.ticket.assignee) {
    return {*o.ticket.assignee};
  }
  if (role == "group" && o.ticket.group) {
    const config::Group* group = config.find_group(*o.ticket.group);
    if (group != nullptr && group->email) {
      return {*group->email};
    }
  }
  if (role == "informed" && first.data) {
    if (const auto data = model::parse_escalation_data(*first.data)) {
      return data->informed;
    }
  }
  if (role == "watchers") {
    return o.watchers;
  }
  return {};
}

// The template's values for `o`.
std::map<std::string, std::string, std::less<>> values_of(const config::Config& config, const Occasion& o)
{
  const model::Ticket& t = o.ticket;
  const model::Event& first = o.events.front();
  std::map<std::string, std::string, std::less<>> v;
  v["id"] = std::to_string(t.id);
  v["tag"] = fmt::format("[{} #{}]", config.mail.subject_tag, t.id);
  v["title"] = t.title;
  v["status"] = std::string(model::to_string(t.status));
  v["priority"] = fmt::format("P{}", t.priority);
  v["group"] = t.group.value_or("");
  v["assignee"] = t.assignee.value_or("");
  v["requester"] = t.requester.value_or("");
  v["actor"] = first.actor;
  v["action"] = std::string(model::to_string(first.action));
  std::string note = first.note.value_or("");
  if (note.empty() && first.action == model::Action::resolve) {
    note = t.resolution_note.value_or("");
  }
  v["note"] = note;
  v["desk"] = *config.mail.address;
  v["reopen_within"] = util::format_duration(config.mail.reopen_within);
  if (first.data) {
    if (const auto data = model::parse_escalation_data(*first.data)) {
      v["percent"] = data->percent ? std::to_string(*data->percent) : "";
      v["target"] = data->target.value_or("");
    }
  }
  return v;
}

// Queues the messages of `o` (notification event `event`); how many.
int queue_occasion(Context& ctx, const Occasion& o, std::string_view event)
{
  const config::Config& config = ctx.config;
  const model::Event& first = o.events.front();
  const auto actor = address_of(config, first.actor);
  std::vector<std::string> sent_to;
  std::optional<RenderedMail> rendered;
  int queued = 0;
  for (const std::string& role : notify_recipients(config, event)) {
    for (const std::string& who : people(config, o, role)) {
      const auto address = address_of(config, who);
      if (!address || never_mail(config, *address)
          || std::find(sent_to.begin(), sent_to.end(), *address) != sent_to.end()) {
        continue;
      }
      // The actor knows what they did; but the requester who opened a
      // ticket gets its number (the acknowledgement).
      if (actor && *address == *actor && !(event == "open" && role == "requester")) {
        continue;
      }
      sent_to.push_back(*address);
      if (!rendered) {
        rendered = render_template(fmt::format("{}.txt", event), load_template(config.mail.templates, event),
                                   values_of(config, o));
      }
      MailToSend mail;
      mail.to = *address;
      mail.to_name = who.find('@') == std::string::npos ? who : "";
      mail.subject = rendered->subject;
      mail.body = rendered->body;
      mail.ticket = o.ticket.id;
      mail.kind = fmt::format("notify:{}", event);
      mail.key = fmt::format("notify event {}", first.id);
      if (queue_mail(ctx, mail)) {
        ++queued;
      }
    }
  }
  return queued;
}

// The events of the action that starts at event `event_id` in `history`.
std::vector<model::Event> action_events(const std::vector<model::Event>& history, std::int64_t event_id)
{
  std::vector<model::Event> run;
  for (const model::Event& e : history) {
    if (e.id == event_id || (!run.empty() && e.action == run.front().action && e.at == run.front().at)) {
      run.push_back(e);
    } else if (!run.empty()) {
      break;
    }
  }
  return run;
}

// Queues the notification of delivery `d` in one write transaction (claimed
// there); how many messages. Nothing when another process took it.
int notify_one(Context& ctx, const store::Delivery& d)
{
  store::Transaction tx(ctx.store, store::TxMode::write);
  auto& deliveries = ctx.backend.deliveries();
  if (!deliveries.claim(k_mail_consumer, d.entry.event_id, ctx.now, ctx.now + std::chrono::hours{1})) {
    return 0;
  }
  int queued = 0;
  Occasion o;
  if (auto ticket = ctx.store.find(d.entry.ticket_id)) {
    o.ticket = std::move(*ticket);
    o.events = action_events(ctx.store.events(o.ticket.id), d.entry.event_id);
  }
  if (!o.events.empty()) {
    if (const auto event = event_of(o.events.front())) {
      o.watchers = ctx.backend.mail().watchers(o.ticket.id);
      queued = queue_occasion(ctx, o, *event);
    }
  }
  deliveries.succeeded(k_mail_consumer, d.entry.event_id, ctx.now);
  tx.commit();
  return queued;
}

} // namespace

bool notifies_by_mail(const config::Config& config)
{
  return config.mail.address.has_value();
}

void queue_notifications(Context& ctx, std::span<const model::OutboxEntry> entries)
{
  if (!notifies_by_mail(ctx.config)) {
    return;
  }
  std::vector<std::int64_t> ids;
  for (const model::OutboxEntry& e : entries) {
    const auto action = model::find_action(e.kind);
    if (action && model::is_notifiable(*action)) {
      ids.push_back(e.event_id);
    }
  }
  if (!ids.empty()) {
    const std::vector<std::string> consumer{k_mail_consumer};
    ctx.backend.deliveries().add(ids, consumer, ctx.now);
  }
}

std::vector<std::string> notify_recipients(const config::Config& config, std::string_view event)
{
  for (const auto& [name, who] : config.mail.notify) {
    if (name == event) {
      return who;
    }
  }
  for (const DefaultRule& rule : default_rules()) {
    if (rule.event == event) {
      return rule.who;
    }
  }
  return {};
}

int notify_due(Context& ctx, std::size_t limit, std::vector<std::string>& details)
{
  if (!notifies_by_mail(ctx.config)) {
    return 0;
  }
  std::vector<store::Delivery> due;
  {
    store::Transaction tx(ctx.store, store::TxMode::read);
    due = ctx.backend.deliveries().due(ctx.now, limit, k_mail_consumer);
    tx.commit();
  }
  int queued = 0;
  for (const store::Delivery& d : due) {
    try {
      queued += notify_one(ctx, d);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::store) {
        throw;
      }
      const std::string why = e.what();
      store::Transaction tx(ctx.store, store::TxMode::write);
      ctx.backend.deliveries().failed(k_mail_consumer, d.entry.event_id, ctx.now + util::retry_delay(d.attempts + 1),
                                      why);
      tx.commit();
      details.push_back(fmt::format("mail: ticket {} event {}: notification not queued: {}", d.entry.ticket_id,
                                    d.entry.event_id, why));
    }
  }
  return queued;
}

} // namespace sdesk::ops
