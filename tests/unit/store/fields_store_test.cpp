#include "tests/unit/fixture.hpp"
#include "tests/unit/model/filled_ticket.hpp"

#include "lib/store/query.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

namespace {

bool not_id(const model::FieldSpec& spec)
{
  return spec.type != model::FieldType::id;
}

} // namespace

TEST_SUITE("store::SqliteStore fields")
{
  TEST_CASE("every field reads back as inserted, then as updated, for every record type")
  {
    auto s = test::memory_store();
    for (const model::Kind kind : model::k_kinds) {
      CAPTURE(model::to_string(kind));
      const model::Ticket first = test::filled(kind, 1);
      const model::TicketId id = s->insert(first);
      const auto inserted = s->find(id);
      REQUIRE(inserted);
      CHECK(inserted->id == id);
      CHECK(test::joined(test::differing(*inserted, first, not_id)) == "");

      model::Ticket second = test::filled(kind, 2);
      second.id = id;
      REQUIRE(test::differing(first, second, not_id).size() == test::field_count(kind) - 2); // all but id and kind
      s->update(second);
      const auto updated = s->find(id);
      REQUIRE(updated);
      CHECK(test::joined(test::differing(*updated, second)) == "");

      // Back to empty: every optional field reads back as nothing.
      model::Ticket empty;
      empty.id = id;
      empty.kind = kind;
      s->update(empty);
      CHECK(test::joined(test::differing(*s->find(id), empty)) == "");
    }
  }

  TEST_CASE("for_each reads every field as find does")
  {
    auto s = test::memory_store();
    const model::TicketId id = s->insert(test::filled(model::Kind::change, 1));
    std::vector<model::Ticket> seen;
    s->for_each(store::TicketQuery{}, [&](const model::Ticket& t) { seen.push_back(t); });
    REQUIRE(seen.size() == 1);
    CHECK(test::joined(test::differing(seen[0], *s->find(id))) == "");
  }

  TEST_CASE("every sortable field sorts, and only those are accepted")
  {
    std::vector<std::string> expected;
    for (const model::FieldSpec& spec : model::k_fields) {
      if (spec.sortable) {
        expected.emplace_back(spec.name);
      }
    }
    CHECK(store::sortable_fields() == expected);
    auto s = test::memory_store();
    s->insert(test::filled(model::Kind::incident, 1));
    s->insert(test::filled(model::Kind::incident, 2));
    for (const std::string& name : expected) {
      store::TicketQuery q;
      q.sort = store::parse_sort("-" + name);
      std::size_t rows = 0;
      s->for_each(q, [&](const model::Ticket&) { ++rows; });
      CHECK(rows == 2);
    }
  }
}
