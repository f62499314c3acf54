#include "lib/model/fields.hpp"
#include "lib/model/invariants.hpp"
#include "lib/model/record_type.hpp"
#include "lib/model/ticket_json.hpp"
#include "lib/util/error.hpp"
#include "tests/unit/model/filled_ticket.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sdesk;

TEST_SUITE("model::fields")
{
  TEST_CASE("the table starts with today's fields in today's order (JSON, CSV, history, import)")
  {
    // New fields go at the end: these are the JSON keys and CSV columns
    // every export written so far has, in order.
    const std::vector<std::string_view> today{
      "id", "ref", "kind", "title", "description", "status", "impact", "urgency", "priority", "category",
      "service", "group", "assignee", "requester", "escalation_level", "tags", "created", "updated",
      "first_response", "resolved", "closed", "resolution_code", "resolution_note", "response_due",
      "resolution_due", "sla_policy", "response_business_seconds", "resolution_business_seconds"};
    REQUIRE(model::k_field_count >= today.size());
    for (std::size_t i = 0; i < today.size(); ++i) {
      CHECK(model::k_fields[i].name == today[i]);
    }
  }

  TEST_CASE("find_field finds every field by name, and nothing else")
  {
    for (const model::FieldSpec& spec : model::k_fields) {
      CHECK(model::find_field(spec.name) == &spec);
    }
    CHECK(model::find_field("titel") == nullptr);
    CHECK(model::find_field("") == nullptr);
  }

  TEST_CASE("diff reports exactly the tracked fields, one at a time, for every record type")
  {
    for (const model::Kind kind : model::k_kinds) {
      const model::Ticket before = test::filled(kind, 1);
      const model::Ticket other = test::filled(kind, 2);
      std::size_t checked = 0;
      model::for_each_field([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        constexpr const model::FieldSpec& spec = model::k_fields[index];
        constexpr auto member = model::field_member<index>();
        model::Ticket after = before;
        after.*member = other.*member;
        if (before.*member == after.*member) {
          return; // kind: the same in both
        }
        ++checked;
        const auto changes = model::diff(before, after);
        CAPTURE(spec.name);
        if (spec.tracked) {
          REQUIRE(changes.size() == 1);
          CHECK(changes[0].field == spec.name);
          CHECK(changes[0].old_value == model::history_text(spec, before));
          CHECK(changes[0].new_value == model::history_text(spec, after));
          CHECK(changes[0].old_value != changes[0].new_value);
        } else {
          CHECK(changes.empty());
        }
      });
      CHECK(checked == test::field_count(kind) - 1); // every field of the record type but kind
    }
  }

  TEST_CASE("diff of every field at once lists the tracked fields in table order")
  {
    const auto changes = model::diff(test::filled(model::Kind::change, 1), test::filled(model::Kind::change, 2));
    std::vector<std::string> expected;
    for (const model::FieldSpec& spec : model::k_fields) {
      if (spec.tracked && spec.type != model::FieldType::kind && spec.applies_to(model::Kind::change)) {
        expected.emplace_back(spec.name);
      }
    }
    std::vector<std::string> names;
    for (const auto& c : changes) {
      names.push_back(c.field);
    }
    CHECK(names == expected);
  }

  TEST_CASE("initial_fields lists the tracked fields that have a value, in table order")
  {
    const model::Ticket t = test::filled(model::Kind::change, 1);
    std::vector<std::string> expected;
    for (const model::FieldSpec& spec : model::k_fields) {
      if (spec.tracked && spec.applies_to(t.kind)) {
        expected.emplace_back(spec.name);
      }
    }
    std::vector<std::string> names;
    for (const auto& f : model::initial_fields(t)) {
      CHECK_FALSE(f.old_value);
      names.push_back(f.field);
    }
    CHECK(names == expected);
  }

  TEST_CASE("JSON has a key per field the record type has, in table order")
  {
    for (const model::Kind kind : model::k_kinds) {
      util::JsonWriter json;
      model::write_json(json, test::filled(kind, 1));
      const std::string text = json.str();
      std::size_t from = 0;
      for (const model::FieldSpec& spec : model::k_fields) {
        const std::string key = "\"" + std::string(spec.name) + "\":";
        const auto at = text.find(key);
        CAPTURE(spec.name);
        if (spec.applies_to(kind)) {
          REQUIRE(at != std::string::npos);
          CHECK(at >= from);
          from = at;
        } else {
          CHECK(at == std::string::npos);
        }
      }
    }
  }

  TEST_CASE("every text field is checked under its limit")
  {
    model::for_each_field([&](auto i) {
      constexpr std::size_t index = decltype(i)::value;
      constexpr const model::FieldSpec& spec = model::k_fields[index];
      if constexpr (spec.type == model::FieldType::text) {
        model::Ticket t = test::filled(model::Kind::change, 1);
        t.*model::field_member<index>() = std::string(model::limit(spec.limit) + 1, 'x');
        CAPTURE(spec.name);
        CHECK(model::limit_of_field(spec.name) == spec.limit);
        try {
          model::check_texts(t);
          FAIL("not refused");
        } catch (const Error& e) {
          CHECK(std::string(e.what()).starts_with(std::string(spec.name) + ": too long"));
        }
      }
    });
  }

  TEST_CASE("a field another record type has is an invariant broken (field-kind)")
  {
    model::for_each_field([&](auto i) {
      constexpr std::size_t index = decltype(i)::value;
      constexpr const model::FieldSpec& spec = model::k_fields[index];
      if constexpr (spec.kinds != model::k_every_kind) {
        for (const model::Kind kind : model::k_kinds) {
          if (spec.applies_to(kind)) {
            continue;
          }
          model::Ticket t;
          t.kind = kind;
          t.status = model::record_type(kind).initial; // new is not a change's status
          // A value from a record type that has the field.
          const model::Kind owner = *std::find_if(model::k_kinds.begin(), model::k_kinds.end(),
                                                  [&](model::Kind k) { return spec.applies_to(k); });
          t.*model::field_member<index>() = test::filled(owner, 1).*model::field_member<index>();
          const auto violations = model::check_fields(t);
          REQUIRE(violations.size() == 1);
          CHECK(violations[0].field == spec.name);
          CHECK(violations[0].rule == model::k_rule_field_kind);
        }
      }
    });
    CHECK(model::misplaced_field(model::Ticket{}) == nullptr);
  }
}
