#pragma once

// A fresh temporary directory for one test, removed with everything in it
// at scope exit.

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace sdesk::test {

struct TempDir {
  TempDir()
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "sdesk-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir()
  {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }

  std::filesystem::path path;
};

} // namespace sdesk::test
