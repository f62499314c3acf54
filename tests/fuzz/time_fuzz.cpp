// libFuzzer target: the time, duration and period parsers: import times
// (lib/io/time_reader.cpp) in UTC and in a zone with DST, command-line
// times (lib/util/time.cpp), durations (lib/util/duration.cpp) and report
// periods (lib/report/period.cpp). The input is one text, or two separated
// by the first newline (the ends of a --from/--to range).

#include "tests/fuzz/fuzz_support.hpp"

#include "lib/io/time_reader.hpp"
#include "lib/report/period.hpp"
#include "lib/util/duration.hpp"
#include "lib/util/time.hpp"

#include <optional>
#include <string>

namespace {

using namespace sdesk;

// Runs `body`, ignoring the Error it throws for bad input.
template<typename Body>
void expect_ok_or_error(Body body)
{
  try {
    body();
  } catch (const Error&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  // Loading a zone reads tzdata: once per process, not per input.
  static const io::TimeReader utc(std::string("UTC"));
  static const io::TimeReader berlin(std::string("Europe/Berlin"));
  static const report::Zone zone = report::Zone::named("America/Santiago", "--tz");

  const std::string_view text = fuzz::text_of(data, size);
  const std::size_t newline = text.find('\n');
  const std::string_view first = text.substr(0, newline);
  const std::string_view second = newline == std::string_view::npos ? "" : text.substr(newline + 1);

  if (const auto t = utc.read(text)) {
    (void)util::format_time_utc(*t);
  }
  if (const auto t = berlin.read(text)) {
    (void)util::format_time_utc(*t);
  }
  expect_ok_or_error([&] { (void)util::format_time(util::parse_time(text, "--since")); });
  expect_ok_or_error([&] { (void)util::format_duration(util::parse_duration(text, "--within")); });
  expect_ok_or_error([&] { (void)report::month_period(text, zone); });
  expect_ok_or_error([&] { (void)report::quarter_period(text, zone); });
  expect_ok_or_error([&] { (void)report::half_period(text, zone); });
  expect_ok_or_error([&] { (void)report::months_of(report::year_period(text, zone), zone); });
  expect_ok_or_error([&] { (void)report::months_of(report::range_period(first, second, zone), zone); });
  return 0;
}
