#pragma once

// The history of imported tickets (see import.hpp); internal to lib/ops.

#include "lib/io/record.hpp"
#include "lib/model/record_type.hpp"

#include <span>
#include <string>
#include <vector>

namespace sdesk::ops {

// Builds the history events of imported tickets, reusing its buffers from
// one ticket to the next. Events get ticket id 0; the caller sets it.
//
// The history of an imported ticket is what the input says happened: its
// status changes, comments and escalations, each at its time, by its actor,
// with its note. A change the lifecycle makes in two steps, leaving
// resolved for in_progress or pending (other tools' "reopen into work"), is
// recorded as those two steps, as sdesk's own commands would make it: a
// reopen (to assigned, or new without an assignee), then start or pending,
// both at its time, by its actor. Any other change the lifecycle does not
// allow is recorded as given, and the import then refuses the record. The other fields come with no history: the input gives
// only their last values, and an "open" event per field would claim they
// were there from the start.
class ImportHistory {
public:
  // `actor`: who the events are by when the input names nobody.
  explicit ImportHistory(std::string actor);

  // Completes the ticket of `record` (status, resolved, closed and updated
  // when not given) and returns its history as a new ticket: an "open"
  // event with the opening status, then the events, oldest first.
  std::vector<model::Event>& for_new(io::ImportRecord& record);

  // The events that take `before` (with `history`, oldest first) to the
  // record: its events the history does not hold yet, each with its own
  // time and actor, then, under "import" at `at`, each field still
  // different from `after` (the stored ticket with the record's fields,
  // completed here like for_new). SLA fields are not recorded: sdesk
  // derives them from the history. An event of the record that the history
  // does not hold and that is older than the history's last event cannot
  // be added (history is append-only and in time order): throws
  // Error(usage) "line N: field 'events': ..." naming it.
  std::vector<model::Event>& for_update(const model::Ticket& before,
                                        std::span<const model::Event> history,
                                        const io::ImportRecord& record, model::Ticket& after,
                                        util::Time at);

private:
  struct Step {
    util::Time at;
    std::optional<model::Status> status; // else an action that carries a note
    std::optional<model::Action> action; // with no status
    const std::optional<std::string>* actor;
    const std::optional<std::string>* note;
    bool given = false; // an event of the input, not implied by the times
  };

  // What status changes imply: the status and when it was last resolved
  // and closed (cleared by a reopen).
  struct State {
    model::Status status = model::Status::new_;
    std::optional<util::Time> resolved;
    std::optional<util::Time> closed;
  };

  void collect_steps(const io::ImportRecord& record, const model::Ticket& ticket);
  void apply(const Step& step, State& state);
  void replay(std::size_t begin, std::size_t skip, State& state);
  // The step whose status the ticket opens in, or the number of steps.
  std::size_t opening_step(util::Time created) const;
  // The last status the steps name, if any.
  std::optional<model::Status> last_status() const;
  // The index of the first step that `history` (ending at `recorded`) does
  // not hold; throws for a step given in `record` that it does not hold and
  // that is older than `recorded`.
  std::size_t first_new_step(std::span<const model::Event> history, util::Time recorded,
                             const io::ImportRecord& record) const;
  void add(util::Time at, const std::optional<std::string>* actor, model::Action action,
           std::string_view field, std::optional<std::string> old_value,
           std::optional<std::string> new_value, const std::optional<std::string>* note = nullptr);

  std::string m_actor;
  std::vector<Step> m_steps;
  std::vector<model::Event> m_events;
  util::Time m_last{}; // the latest event time so far
  // The lifecycle replayed: the ticket's record type's, or the incident
  // lifecycle up to a migrate step (history from before schema 9).
  const model::RecordType* m_type = nullptr;
  const model::RecordType* m_own_type = nullptr; // the ticket's record type
  bool m_assigned = false;                       // whether the ticket has an assignee
  // Where a reopen goes (as `sdesk reopen`, asking the type): for an
  // incident assigned when the ticket has an assignee, else new; nothing
  // for a type that is not reopened.
  std::optional<model::Status> m_reopen_to;

  // Sets the types and m_reopen_to for `t`, whose new steps start at `begin`.
  void use_type_of(const model::Ticket& t, std::size_t begin);
  // Replays by `type` from here on.
  void set_type(const model::RecordType& type);
};

} // namespace sdesk::ops
