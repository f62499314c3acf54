#pragma once

// Times for tests: instants by their UTC calendar fields, and a TZ setting
// for the length of a scope.

#include "lib/util/time.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace sdesk::test {

// y-m-d hh:mm:ss UTC.
inline util::Time at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0)
{
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

// Sets TZ to `tz` (unset for null), then back to what it was.
class ScopedTz {
public:
  explicit ScopedTz(const char* tz)
  {
    if (const char* old = std::getenv("TZ")) {
      m_old = old;
    }
    set(tz);
  }
  ~ScopedTz() { set(m_old ? m_old->c_str() : nullptr); }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

private:
  static void set(const char* tz)
  {
    if (tz) {
      setenv("TZ", tz, 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

  std::optional<std::string> m_old;
};

} // namespace sdesk::test
