#include "lib/model/outbox.hpp"
#include "lib/model/action.hpp"

#include <doctest/doctest.h>

using namespace sdesk;

TEST_SUITE("model::outbox")
{
  TEST_CASE("what people act on is notifiable; bookkeeping and imports are not")
  {
    for (const char* action : {"open", "assign", "start", "pending", "comment", "update", "escalate",
                               "escalate_hierarchical", "resolve", "close", "reopen"}) {
      CHECK_MESSAGE(model::is_notifiable(model::parse_action(action)), action);
    }
    for (const char* action : {"import", "escalate_skipped", "link", "unlink", "migrate"}) {
      CHECK_MESSAGE(!model::is_notifiable(model::parse_action(action)), action);
    }
  }
}
