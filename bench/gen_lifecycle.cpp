#include "bench/gen_lifecycle.hpp"

#include "bench/gen_text.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

namespace sdesk::bench {

namespace {

using model::Status;
using model::Ticket;
using model::Time;
using namespace std::chrono_literals;

template<typename T, std::size_t N>
std::span<const T> all(const std::array<T, N>& items)
{
  return {items.data(), N};
}

std::string pick(Rng& rng, std::span<const std::string_view> items)
{
  return std::string(rng.pick(items));
}

Time after(Time t, double seconds)
{
  return t + std::chrono::seconds{std::max<std::int64_t>(1, std::llround(seconds))};
}

// Moves `t` into business hours (Monday to Friday, 07:00 to 19:00 UTC)
// unless the priority is P1, which is worked around the clock.
Time agent_time(Rng& rng, Time t, int priority)
{
  if (priority == 1) {
    return t;
  }
  const auto seconds = t.time_since_epoch().count();
  auto day = seconds / 86400;
  const auto second_of_day = seconds % 86400;
  auto weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  if (weekday < 5 && second_of_day >= 7 * 3600 && second_of_day < 19 * 3600) {
    return t;
  }
  if (second_of_day >= 7 * 3600) {
    ++day;
    weekday = (weekday + 1) % 7;
  }
  day += weekday >= 5 ? 7 - weekday : 0;
  return Time{std::chrono::seconds{day * 86400 + 7 * 3600 + static_cast<std::int64_t>(rng.uniform(0, 5400))}};
}

std::string requester_name(Rng& rng)
{
  // Skewed: a few people open many tickets.
  const double u = rng.uniform();
  const auto index = static_cast<std::size_t>(u * u * 3000.0);
  return std::string(text::k_first_names[index % text::k_first_names.size()]) + "."
         + std::string(text::k_last_names[index / text::k_first_names.size() % text::k_last_names.size()]);
}

std::string agent_of(Rng& rng, std::size_t group)
{
  const auto first = text::k_group_first_agent[group];
  const auto count = text::k_group_first_agent[group + 1] - first;
  return std::string(text::k_agents[first + rng.below(count)]);
}

std::string make_title(Rng& rng, model::Kind kind, const text::Category& category)
{
  static constexpr std::array changes{std::string_view{"upgrade"}, std::string_view{"migration"},
                                      std::string_view{"configuration change"},
                                      std::string_view{"decommissioning"}};
  const std::string subject(category.subject);
  switch (kind) {
  case model::Kind::incident: {
    std::string title = subject + " " + pick(rng, all(text::k_symptoms));
    return rng.chance(0.4) ? title + " (" + pick(rng, all(text::k_places)) + ")" : title;
  }
  case model::Kind::request:
    return subject + ": " + pick(rng, all(text::k_request_phrases));
  case model::Kind::change:
    return "Change: " + subject + " " + pick(rng, all(changes)) + " (" + pick(rng, all(text::k_places)) + ")";
  case model::Kind::problem:
    return "Recurring: " + subject + " " + pick(rng, all(text::k_symptoms));
  }
  return subject;
}

// The ticket as `sdesk open` builds it, before it is stored.
Ticket new_ticket(Rng& rng, Time created)
{
  static constexpr std::array kinds{model::Kind::incident, model::Kind::request, model::Kind::change,
                                    model::Kind::problem};
  // Changes and problems have lifecycles of their own (docs/record-types.md)
  // that the incident-style walk below does not follow: none of them until
  // the generator walks those lifecycles.
  static constexpr std::array kind_weights{70.0, 20.0, 0.0, 0.0};
  static constexpr std::array priority_weights{2.0, 8.0, 70.0, 20.0};
  // Impact/urgency cells of the default matrix giving P1..P4.
  using model::Level;
  static constexpr std::array<std::array<std::pair<Level, Level>, 3>, 4> cells{{
    {{{Level::high, Level::high}, {Level::high, Level::high}, {Level::high, Level::high}}},
    {{{Level::high, Level::medium}, {Level::medium, Level::high}, {Level::high, Level::medium}}},
    {{{Level::medium, Level::medium}, {Level::high, Level::low}, {Level::low, Level::high}}},
    {{{Level::medium, Level::low}, {Level::low, Level::medium}, {Level::low, Level::low}}},
  }};

  Ticket t;
  t.kind = kinds[rng.weighted(all(kind_weights))];
  t.priority = static_cast<int>(rng.weighted(all(priority_weights))) + 1;
  const auto cell = cells[static_cast<std::size_t>(t.priority - 1)][rng.below(3)];
  t.impact = cell.first;
  t.urgency = cell.second;
  const auto& category = rng.pick(all(text::k_categories));
  t.category = std::string(category.name);
  const double s = rng.uniform();
  if (s < 0.85) {
    t.service = std::string(text::k_services[category.service]);
  } else if (s < 0.90) {
    t.service = pick(rng, all(text::k_services));
  }
  t.title = make_title(rng, t.kind, category);
  if (rng.chance(0.75)) {
    t.description = pick(rng, all(text::k_descriptions));
    if (rng.chance(0.4)) {
      t.description.append(" ").append(rng.pick(all(text::k_descriptions)));
    }
  }
  t.group = std::string(text::k_groups[0]);
  t.requester = requester_name(rng);
  if (rng.chance(0.3)) {
    const int count = rng.between(1, 3);
    for (int i = 0; i < count; ++i) {
      t.tags.push_back(pick(rng, all(text::k_tags)));
    }
    t.tags = model::normalise_tags(t.tags);
  }
  t.created = created;
  t.updated = created;
  return t;
}

// Whether the SLA clocks can differ between `a` and `b` (the fields
// ops::change_ticket checks before it refreshes them).
bool sla_inputs_differ(const Ticket& a, const Ticket& b)
{
  return a.status != b.status || a.priority != b.priority || a.kind != b.kind || a.service != b.service
         || a.group != b.group || a.first_response != b.first_response || a.resolved != b.resolved
         || a.created != b.created;
}

// Records actions the way ops::open_ticket and ops::change_ticket do;
// ignores every action after the end of the period.
class Recorder {
public:
  Recorder(Ticket ticket, const Timeline& timeline) : m_timeline(timeline)
  {
    m_result.ticket = std::move(ticket);
  }

  Ticket& ticket() { return m_result.ticket; }

  void open(const std::string& actor)
  {
    auto& t = m_result.ticket;
    const model::Event opened{0, 0, t.created, actor, model::Action::open, "status", std::nullopt,
                              std::string(model::to_string(t.status)), std::nullopt, std::nullopt};
    sla::refresh(m_timeline.sla, t, std::span(&opened, 1));
    Action action{t.created, {}};
    for (auto& field : model::initial_fields(t)) {
      action.events.push_back({0, 0, t.created, actor, model::Action::open, std::move(field.field), std::nullopt,
                               std::move(field.new_value), std::nullopt, std::nullopt});
    }
    record(std::move(action));
  }

  template<typename Change>
  void act(Time at, const std::string& actor, model::Action name, const std::optional<std::string>& note,
           Change change)
  {
    if (m_stopped || at > m_timeline.end) {
      m_stopped = true;
      return;
    }
    auto& t = m_result.ticket;
    const Ticket before = t;
    change(t);
    if (sla_inputs_differ(before, t)) {
      refresh_sla(before, at, actor);
    }
    Action action{at, {}};
    for (auto& field : model::diff(before, t)) {
      action.events.push_back({0, 0, at, actor, name, std::move(field.field), std::move(field.old_value),
                               std::move(field.new_value), action.events.empty() ? note : std::nullopt, std::nullopt});
    }
    if (action.events.empty() && note) {
      action.events.push_back({0, 0, at, actor, name, std::nullopt, std::nullopt, std::nullopt, note, std::nullopt});
    }
    if (!action.events.empty()) {
      t.updated = at;
      record(std::move(action));
    }
  }

  SimulatedTicket take() { return std::move(m_result); }

private:
  // As ops::refresh_sla: the history so far plus the status change being made.
  void refresh_sla(const Ticket& before, Time at, const std::string& actor)
  {
    auto& t = m_result.ticket;
    const bool status_changed = t.status != before.status;
    if (status_changed) {
      m_history.push_back({0, 0, at, actor, model::Action::update, "status", std::string(model::to_string(before.status)),
                           std::string(model::to_string(t.status)), std::nullopt, std::nullopt});
    }
    sla::refresh(m_timeline.sla, t, m_history);
    if (status_changed) {
      m_history.pop_back();
    }
  }

  void record(Action action)
  {
    m_history.insert(m_history.end(), action.events.begin(), action.events.end());
    m_result.actions.push_back(std::move(action));
  }

  SimulatedTicket m_result;
  const Timeline& m_timeline;
  std::vector<model::Event> m_history; // as the store would return it
  bool m_stopped = false;
};

void assign(Recorder& r, Time at, const std::string& actor, const std::string& agent)
{
  r.act(at, actor, model::Action::assign, std::nullopt, [&](Ticket& t) {
    t.assignee = agent;
    t.status = Status::assigned;
  });
}

void start(Recorder& r, Time at, const std::string& actor)
{
  r.act(at, actor, model::Action::start, std::nullopt, [&](Ticket& t) {
    t.status = Status::in_progress;
    if (!t.assignee) {
      t.assignee = actor;
    }
  });
}

void comment(Recorder& r, Time at, const std::string& actor, const std::string& text)
{
  r.act(at, actor, model::Action::comment, text, [&](Ticket& t) {
    if (!t.first_response && t.requester != actor) {
      t.first_response = at;
    }
  });
}

void escalate(Recorder& r, Time at, const std::string& actor, std::size_t to,
              const std::optional<std::string>& reason)
{
  r.act(at, actor, model::Action::escalate, reason, [&](Ticket& t) {
    t.group = std::string(text::k_groups[to]);
    t.assignee.reset();
    t.escalation_level += 1;
    if (t.status != Status::new_) {
      t.status = Status::assigned;
    }
  });
}

void resolve(Recorder& r, Rng& rng, Time at, const std::string& actor)
{
  const std::string code(text::k_resolution_codes[rng.weighted(all(text::k_resolution_weights))]);
  const auto note = rng.chance(0.7) ? std::optional{pick(rng, all(text::k_resolution_notes))} : std::nullopt;
  r.act(at, actor, model::Action::resolve, std::nullopt, [&](Ticket& t) {
    t.status = Status::resolved;
    t.resolved = at;
    t.resolution_code = code;
    t.resolution_note = note;
  });
}

// Where a still-open ticket stops.
enum class Stage { new_, assigned, in_progress, pending, done };

} // namespace

SimulatedTicket simulate_ticket(Rng& rng, Time created, const Timeline& timeline)
{
  static constexpr std::array response_minutes{5.0, 20.0, 60.0, 180.0};
  static constexpr std::array resolution_hours{4.0, 10.0, 30.0, 60.0};
  static constexpr std::array escalation_chance{0.5, 0.4, 0.24, 0.2};

  Ticket initial = new_ticket(rng, created);
  const int p = initial.priority;
  const auto pi = static_cast<std::size_t>(p - 1);
  const std::string requester = *initial.requester;
  std::size_t group = 0;
  std::string agent = agent_of(rng, group);
  std::string opener = requester;
  if (rng.chance(0.4)) { // by phone or walk-in: an agent records it
    opener = agent;
    if (rng.chance(0.25)) {
      initial.assignee = agent;
      initial.status = Status::assigned;
    }
  }

  Stage stop = Stage::done;
  const double age = static_cast<double>((timeline.end - created).count());
  if (rng.chance(std::exp(-age / timeline.open_tau_seconds))) {
    static constexpr std::array stage_weights{15.0, 25.0, 40.0, 20.0};
    stop = static_cast<Stage>(rng.weighted(all(stage_weights)));
  }

  Recorder r(std::move(initial), timeline);
  r.open(opener);
  Time t = created;
  if (stop == Stage::new_) {
    return r.take();
  }
  if (!r.ticket().assignee) {
    t = agent_time(rng, after(t, 60 * rng.lognormal(response_minutes[pi], 0.8)), p);
    assign(r, t, agent_of(rng, 0), agent);
  }
  if (stop == Stage::assigned) {
    return r.take();
  }
  t = after(t, rng.uniform(60, 900));
  start(r, t, agent);
  t = after(t, rng.uniform(30, 600));
  comment(r, t, agent, pick(rng, all(text::k_agent_comments)));

  const double escalate_p = r.ticket().kind == model::Kind::problem ? 0.6 : escalation_chance[pi];
  for (int level = 0; level < 2 && rng.chance(level == 0 ? escalate_p : 0.2); ++level) {
    t = agent_time(rng, after(t, 3600 * rng.lognormal(2, 1)), p);
    const auto reason = rng.chance(0.8) ? std::optional{pick(rng, all(text::k_escalation_reasons))} : std::nullopt;
    escalate(r, t, agent, ++group, reason);
    agent = agent_of(rng, group);
    t = agent_time(rng, after(t, 60 * rng.lognormal(30, 0.8)), p);
    assign(r, t, agent, agent);
    t = after(t, rng.uniform(60, 1800));
    start(r, t, agent);
  }

  if (stop == Stage::pending || (stop == Stage::done && rng.chance(0.3))) {
    t = agent_time(rng, after(t, 3600 * rng.lognormal(3, 1)), p);
    r.act(t, agent, model::Action::pending, pick(rng, all(text::k_pending_reasons)),
          [](Ticket& x) { x.status = Status::pending; });
    if (stop == Stage::pending) {
      return r.take();
    }
    t = after(t, 3600 * rng.lognormal(20, 1));
    comment(r, t, requester, pick(rng, all(text::k_requester_comments)));
    t = agent_time(rng, after(t, 60 * rng.lognormal(45, 1)), p);
    start(r, t, agent);
  }
  for (int extra = rng.between(0, 2); extra > 0; --extra) {
    t = after(t, 3600 * rng.lognormal(3, 1));
    const bool by_agent = rng.chance(0.6);
    comment(r, by_agent ? agent_time(rng, t, p) : t, by_agent ? agent : requester,
            pick(rng, by_agent ? all(text::k_agent_comments) : all(text::k_requester_comments)));
  }
  if (stop == Stage::in_progress) {
    return r.take();
  }

  const Time due = after(created, 3600 * rng.lognormal(resolution_hours[pi], 1.0));
  t = agent_time(rng, std::max(due, after(t, rng.uniform(300, 3600))), p);
  resolve(r, rng, t, agent);
  if (rng.chance(0.04)) {
    t = after(t, 3600 * rng.lognormal(24, 0.8));
    r.act(t, requester, model::Action::reopen, pick(rng, all(text::k_reopen_reasons)), [](Ticket& x) {
      x.status = x.assignee ? Status::assigned : Status::new_;
      x.resolved.reset();
      x.resolution_code.reset();
      x.resolution_note.reset();
    });
    t = agent_time(rng, after(t, 60 * rng.lognormal(60, 1)), p);
    start(r, t, agent);
    t = agent_time(rng, after(t, 3600 * rng.lognormal(8, 1)), p);
    resolve(r, rng, t, agent);
  }
  t = after(t, 86400 * rng.uniform(4, 6));
  r.act(t, "autoclose", model::Action::close, std::nullopt, [&](Ticket& x) {
    x.status = Status::closed;
    x.closed = t;
  });
  return r.take();
}

} // namespace sdesk::bench
