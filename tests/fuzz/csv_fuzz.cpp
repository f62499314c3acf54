// libFuzzer target: CSV import records (lib/io/csv_reader.cpp).

#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  sdesk::fuzz::read_records(sdesk::fuzz::text_of(data, size), sdesk::io::Format::csv);
  return 0;
}
