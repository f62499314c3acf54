#pragma once

// The message of the Error(store) a store operation throws, for tests that
// check how the store refuses something.

#include "lib/util/error.hpp"

#include <functional>
#include <string>

#include <doctest/doctest.h>

namespace sdesk::test {

// Runs `action`; checks that it throws Error(store) and returns its message
// (fails the test, returning "", when it throws nothing).
inline std::string store_error(const std::function<void()>& action)
{
  try {
    action();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::store);
    return e.what();
  }
  FAIL("no error");
  return {};
}

} // namespace sdesk::test
