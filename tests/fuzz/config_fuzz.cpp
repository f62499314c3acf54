// libFuzzer target: a configuration file (lib/config): the input is parsed
// as one TOML layer over the defaults, then read and validated into a
// Config, as `sdesk --config FILE` does.

#include "tests/fuzz/fuzz_support.hpp"

#include "lib/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  try {
    const sdesk::config::Config config =
      sdesk::config::load_text(sdesk::fuzz::text_of(data, size), "fuzz.toml");
  } catch (const sdesk::Error&) {
  }
  return 0;
}
