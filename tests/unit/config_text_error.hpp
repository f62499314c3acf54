#pragma once

// The configuration error a TOML text gives, for the config tests.

#include "lib/config/config.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <string>

namespace sdesk::test {

// The message of the config error load_text(`toml`, "site.toml") throws;
// fails the check when it throws none or another kind.
inline std::string config_text_error(const std::string& toml)
{
  try {
    config::load_text(toml, "site.toml");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::config);
    return e.what();
  }
  FAIL_CHECK("no error thrown");
  return {};
}

} // namespace sdesk::test
