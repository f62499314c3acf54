#include "lib/config/config.hpp"
#include "lib/util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using sdesk::config::Config;
using sdesk::config::load;
using sdesk::config::load_text;
using sdesk::config::Sources;

namespace {

// A temporary directory, removed with everything in it at scope exit.
class TempDir {
public:
  TempDir()
  {
    std::string pattern = (fs::temp_directory_path() / "sdesk-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir()
  {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }

  // Writes `text` to `name` in the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const
  {
    const fs::path path = m_path / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // The path `name` in the directory, which need not exist.
  std::string path(const std::string& name) const { return (m_path / name).string(); }

private:
  fs::path m_path;
};

// Sources with the given files (empty = not set); designated initializers
// would trip -Wmissing-field-initializers on GCC 12.
Sources sources_of(const std::string& system, const std::string& user, const std::string& explicit_)
{
  Sources sources;
  if (!system.empty()) {
    sources.system_file = system;
  }
  if (!user.empty()) {
    sources.user_file = user;
  }
  if (!explicit_.empty()) {
    sources.explicit_file = explicit_;
  }
  return sources;
}

// The setting `key`, or an empty one when there is none.
sdesk::config::Setting setting(const Config& config, const std::string& key)
{
  for (const auto& s : config.settings) {
    if (s.key == key) {
      return s;
    }
  }
  return {};
}

// The message of the config error `load` throws; fails the test otherwise.
std::string config_error(const std::function<void()>& load_it)
{
  try {
    load_it();
  } catch (const sdesk::Error& e) {
    CHECK(e.kind() == sdesk::ErrorKind::config);
    return e.what();
  }
  FAIL_CHECK("no error thrown");
  return {};
}

// The message load_text(`toml`, "site.toml") fails with.
std::string text_error(const std::string& toml)
{
  return config_error([&] { load_text(toml, "site.toml"); });
}

} // namespace

TEST_SUITE("config::load")
{
  TEST_CASE("the built-in defaults alone")
  {
    const Config config = load(Sources{});
    CHECK(config.group_names()
          == std::vector<std::string>{"second-line", "service-desk", "third-line"});
    CHECK(config.find_group("service-desk")->tier == 1);
    CHECK(config.find_group("service-desk")->escalates_to == "second-line");
    CHECK(config.find_group("second-line")->tier == 2);
    CHECK(config.find_group("second-line")->escalates_to == "third-line");
    CHECK(config.find_group("third-line")->tier == 3);
    CHECK_FALSE(config.find_group("third-line")->escalates_to);
    CHECK(config.default_group == "service-desk");
    CHECK(config.resolution_codes
          == std::vector<std::string>{"fixed", "workaround", "duplicate", "no-fault",
                                      "user-error", "cancelled"});
    CHECK(config.busy_timeout == std::chrono::milliseconds(5000));
    CHECK_FALSE(config.store_path);
    CHECK(config.agents.empty());
    CHECK(config.categories.empty());
    CHECK(config.services.empty());
    CHECK(config.matrix.cells == sdesk::config::PriorityMatrix{}.cells);

    REQUIRE(!config.settings.empty());
    for (const auto& s : config.settings) {
      CHECK(s.origin == "(default)");
    }
    CHECK(std::is_sorted(config.settings.begin(), config.settings.end(),
                         [](const auto& a, const auto& b) { return a.key < b.key; }));
    CHECK(setting(config, "priority.matrix").value == "[[1, 2, 3], [2, 3, 4], [3, 4, 4]]");
    CHECK(setting(config, "groups.service-desk.escalates_to").value == "\"second-line\"");
    CHECK(setting(config, "groups.third-line.tier").value == "3");
    CHECK(setting(config, "desk.categories").value == "[]");
    CHECK(setting(config, "store.busy_timeout").value == "\"5s\"");
  }

  TEST_CASE("a file overriding one key keeps the others")
  {
    const TempDir dir;
    const std::string file = dir.write("config.toml", "# site\n[store]\nbusy_timeout = \"30s\"\n");
    const Config config = load(sources_of("", "", file));
    CHECK(config.busy_timeout == std::chrono::milliseconds(30000));
    CHECK(setting(config, "store.busy_timeout").value == "\"30s\"");
    CHECK(setting(config, "store.busy_timeout").origin == file + ":3");
    CHECK(config.group_names().size() == 3);
    CHECK(config.default_group == "service-desk");
    for (const auto& s : config.settings) {
      if (s.key != "store.busy_timeout") {
        CHECK_MESSAGE(s.origin == "(default)", s.key);
      }
    }
  }

  TEST_CASE("system, user and explicit files take precedence in that order")
  {
    const TempDir dir;
    const Sources sources = sources_of(
      dir.write("system.toml", "[store]\n"
                                              "path = \"/srv/sdesk/desk.db\"\n"
                                              "busy_timeout = \"10s\"\n"
                                              "[desk]\n"
                                              "categories = [\"network\"]\n"),
      dir.write("user.toml", "[store]\n"
                                          "busy_timeout = \"20s\"\n"
                                          "[desk]\n"
                                          "categories = [\"email\", \"vpn\"]\n"
                                          "services = [\"mail\"]\n"),
      dir.write("explicit.toml", "[store]\nbusy_timeout = \"30s\"\n"));
    const Config config = load(sources);
    CHECK(config.store_path == "/srv/sdesk/desk.db");
    CHECK(setting(config, "store.path").origin == *sources.system_file + ":2");
    CHECK(config.busy_timeout == std::chrono::milliseconds(30000));
    CHECK(setting(config, "store.busy_timeout").origin == *sources.explicit_file + ":2");
    CHECK(config.categories == std::vector<std::string>{"email", "vpn"}); // arrays replace
    CHECK(setting(config, "desk.categories").origin == *sources.user_file + ":4");
    CHECK(config.services == std::vector<std::string>{"mail"});
    CHECK(setting(config, "desk.services").origin == *sources.user_file + ":5");
    CHECK(setting(config, "desk.default_group").origin == "(default)");

    const Config without_explicit =
      load(sources_of(*sources.system_file, *sources.user_file, ""));
    CHECK(without_explicit.busy_timeout == std::chrono::milliseconds(20000));
  }

  TEST_CASE("missing system and user files are skipped, a missing explicit file is an error")
  {
    const TempDir dir;
    const Config config =
      load(sources_of(dir.path("none.toml"), dir.path("no/user.toml"), ""));
    CHECK(config.group_names().size() == 3);

    const std::string missing = dir.path("missing.toml");
    CHECK(config_error([&] { load(sources_of("", "", missing)); })
          == "config file '" + missing + "' not found");
  }

  TEST_CASE("a file defining groups replaces the built-in groups")
  {
    const Config config = load_text("[groups.l2]\n"
                                    "tier = 2\n"
                                    "[groups.l1]\n"
                                    "tier = 1\n"
                                    "escalates_to = \"l2\"\n"
                                    "[groups.acme]\n"
                                    "tier = \"vendor\"\n"
                                    "email = \"support@acme.example\"\n",
                                    "site.toml");
    CHECK(config.group_names() == std::vector<std::string>{"acme", "l1", "l2"});
    CHECK(config.find_group("acme")->tier == sdesk::config::k_vendor_tier);
    CHECK(config.find_group("acme")->email == "support@acme.example");
    CHECK(config.find_group("service-desk") == nullptr);
    CHECK(setting(config, "groups.service-desk.tier").key.empty());
    CHECK(config.default_group == "l1"); // the lowest tier
    CHECK(setting(config, "desk.default_group").value == "\"l1\"");
    CHECK(setting(config, "desk.default_group").origin == "(default: lowest tier)");
    CHECK(setting(config, "groups.l1.escalates_to").origin == "site.toml:5");
  }

  TEST_CASE("the derived default group breaks tier ties alphabetically; a set one is kept")
  {
    CHECK(load_text("[groups.zulu]\n[groups.bravo]\ntier = 1\n", "t").default_group == "bravo");
    const Config config = load_text("[desk]\ndefault_group = \"l2\"\n"
                                    "[groups.l1]\ntier = 1\n[groups.l2]\ntier = 2\n",
                                    "t");
    CHECK(config.default_group == "l2");
    CHECK(setting(config, "desk.default_group").origin == "t:2");
    CHECK(setting(load_text("[groups.zulu]\n", "t"), "groups.zulu.tier").origin == "(default)");
  }

  TEST_CASE("file layers merge groups among themselves key by key")
  {
    const TempDir dir;
    const Sources sources = sources_of(
      dir.write("system.toml", "[groups.l1]\ntier = 1\nescalates_to = \"l2\"\n"
                                              "[groups.l2]\ntier = 2\n"),
      dir.write("user.toml", "[groups.l2]\nemail = \"l2@example.org\"\n"), "");
    const Config config = load(sources);
    CHECK(config.group_names() == std::vector<std::string>{"l1", "l2"});
    CHECK(config.find_group("l2")->tier == 2);
    CHECK(config.find_group("l2")->email == "l2@example.org");
    CHECK(setting(config, "groups.l2.tier").origin == *sources.system_file + ":5");
    CHECK(setting(config, "groups.l2.email").origin == *sources.user_file + ":2");
  }

  TEST_CASE("agents, lists and the store")
  {
    const Config config = load_text("[agents.\"j.smith\"]\n"
                                    "email = \"j.smith@example.org\"\n"
                                    "groups = [\"service-desk\", \"second-line\"]\n"
                                    "[agents.ana]\n"
                                    "[store]\n"
                                    "path = \"/srv/desk.db\"\n"
                                    "busy_timeout = \"1m30s\"\n",
                                    "t");
    CHECK(config.agent_names() == std::vector<std::string>{"ana", "j.smith"});
    CHECK(config.find_agent("j.smith")->groups
          == std::vector<std::string>{"service-desk", "second-line"});
    CHECK(setting(config, "agents.\"j.smith\".email").origin == "t:2");
    CHECK(config.busy_timeout == std::chrono::milliseconds(90000));
    CHECK(config.store_path == "/srv/desk.db");
  }
}

TEST_SUITE("config::load examples")
{
  TEST_CASE("examples/config.toml loads as documented")
  {
    // The repository: $SDESK_SOURCE_DIR (set by ctest), else from this file's
    // path (which a compiler cache may have made relative to the build).
    const char* root = std::getenv("SDESK_SOURCE_DIR");
    const fs::path example = (root ? fs::path(root) : fs::path(__FILE__).parent_path() / "../../..")
                             / "examples/config.toml";
    REQUIRE_MESSAGE(fs::exists(example), example.string());
    const Config config = load(sources_of("", "", example.string()));
    CHECK(config.store_path == "/var/lib/sdesk/desk.db");
    CHECK(config.busy_timeout == std::chrono::seconds(10));
    CHECK(config.group_names()
          == std::vector<std::string>{"acme-support", "desktop", "infrastructure", "network",
                                      "service-desk"});
    CHECK(config.find_group("acme-support")->tier == sdesk::config::k_vendor_tier);
    CHECK(config.find_group("infrastructure")->escalates_to == "acme-support");
    CHECK(config.agent_names() == std::vector<std::string>{"alice", "bob", "chandra"});
    CHECK(config.default_group == "service-desk");
    CHECK(config.matrix.lowest() == 4);
  }
}

TEST_SUITE("config::load errors")
{
  TEST_CASE("unknown keys, with a suggestion when one is close")
  {
    CHECK(text_error("[desk]\ncategories = []\n\n[gruops.l2]\ntier = 2\n")
          == "site.toml:4: unknown key 'gruops' (did you mean 'groups'?)");
    CHECK(text_error("[groups.l2]\ntier = 2\nescalate_to = \"l3\"\n")
          == "site.toml:3: groups.l2: unknown key 'escalate_to' (did you mean 'escalates_to'?)");
    CHECK(text_error("[store]\ncolour = \"red\"\n")
          == "site.toml:2: store: unknown key 'colour' (accepted: path, busy_timeout)");
  }

  TEST_CASE("wrong types and values")
  {
    CHECK(text_error("[groups.l1]\ntier = 1\n\n[groups.l2]\n\n\ntier = \"four\"\n")
          == "site.toml:7: groups.l2.tier: expected 1, 2, 3 or \"vendor\", got \"four\"");
    CHECK(text_error("[groups.l2]\ntier = 0\n")
          == "site.toml:2: groups.l2.tier: expected 1, 2, 3 or \"vendor\", got 0");
    CHECK(text_error("[desk]\ncategories = \"network\"\n")
          == "site.toml:2: desk.categories: expected an array of strings, got \"network\"");
    CHECK(text_error("[desk]\nresolution_codes = []\n")
          == "site.toml:2: desk.resolution_codes: expected at least one entry, got []");
    CHECK(text_error("[desk]\nservices = [\"mail\", \"mail\"]\n")
          == "site.toml:2: desk.services: 'mail' is listed twice");
    // A blank entry (a category named " ") used to be accepted: `open -c ' '`
    // then passed the list check and stored a nameless category.
    CHECK(text_error("[desk]\ncategories = [\"network\", \"  \"]\n")
          == "site.toml:2: desk.categories: empty or blank string in list");
    CHECK(text_error("[desk]\nservices = [\"\"]\n")
          == "site.toml:2: desk.services: empty or blank string in list");
    // Every list holds names (or a command's words): a line break, which a
    // TOML escape allows, would reach the history as a two-line name.
    CHECK(text_error("[desk]\ncategories = [\"net\\nwork\"]\n")
          == "site.toml:2: desk.categories: a line break in 'net work' (accepted: one line each)");
    CHECK(text_error("desk = 3\n") == "site.toml:1: desk: expected a table, got 3");
    CHECK(text_error("[desk]\nservices = [{ name = \"mail\", hours = 8 }]\n")
          == "site.toml:2: desk.services: expected an array of strings, "
             "got [{ hours = 8, name = \"mail\" }]");
    CHECK(text_error("[agents.bob]\nemail = \"bob\"\n")
          == "site.toml:2: agents.bob.email: expected an email address, got \"bob\"");
    CHECK(text_error("[groups.\"first line\"]\n")
          == "site.toml:1: groups.\"first line\": bad name (use letters, digits, '.', '_' and '-')");
    CHECK(text_error("groups = {}\n")
          == "site.toml:1: groups: no groups defined (add at least one [groups.NAME] table)");
  }

  TEST_CASE("a bad busy_timeout")
  {
    CHECK(text_error("[store]\nbusy_timeout = \"5 seconds\"\n")
          == "site.toml:2: store.busy_timeout: bad duration '5 seconds' "
             "(accepted: e.g. 45s, 30m, 4h, 1h30m, 2d, 1w)");
    CHECK(text_error("[store]\nbusy_timeout = 5000\n")
          == "site.toml:2: store.busy_timeout: expected a duration such as \"5s\", got 5000");
    CHECK(text_error("[store]\nbusy_timeout = \"1h1s\"\n")
          == "site.toml:2: store.busy_timeout: expected at most 1h, got \"1h1s\"");
    CHECK(load_text("[store]\nbusy_timeout = \"1h\"\n", "t").busy_timeout
          == std::chrono::hours(1));
  }

  TEST_CASE("a matrix that is not 3x3 integers from 1 to 9")
  {
    const std::string expected = "site.toml:2: priority.matrix: expected 3 rows of 3 integers "
                                 "from 1 to 9 (rows: impact high..low, columns: urgency "
                                 "high..low), got ";
    CHECK(text_error("[priority]\nmatrix = [[1, 2], [2, 3], [3, 4]]\n")
          == expected + "[[1, 2], [2, 3], [3, 4]]");
    CHECK(text_error("[priority]\nmatrix = [[1, 2, 3], [2, 3, 4]]\n")
          == expected + "[[1, 2, 3], [2, 3, 4]]");
    CHECK(text_error("[priority]\nmatrix = [[0, 2, 3], [2, 3, 4], [3, 4, 4]]\n")
          == expected + "[[0, 2, 3], [2, 3, 4], [3, 4, 4]]");
    CHECK(text_error("[priority]\nmatrix = [[1, 2, 3], [2, 3, 4], [3, 4, \"4\"]]\n")
          == expected + "[[1, 2, 3], [2, 3, 4], [3, 4, \"4\"]]");
  }

  TEST_CASE("references to undefined groups")
  {
    CHECK(text_error("[groups.service-desk]\ntier = 1\n[groups.l2]\ntier = 2\n"
                     "escalates_to = \"l3\"\n")
          == "site.toml:5: groups.l2.escalates_to: unknown group 'l3' "
             "(defined: l2, service-desk)");
    CHECK(text_error("[agents.ana]\ngroups = [\"service-desk\", \"network\"]\n")
          == "site.toml:2: agents.ana.groups: unknown group 'network' "
             "(defined: second-line, service-desk, third-line)");
    CHECK(text_error("[desk]\ndefault_group = \"helpdesk\"\n")
          == "site.toml:2: desk.default_group: unknown group 'helpdesk' "
             "(defined: second-line, service-desk, third-line)");
  }

  TEST_CASE("control characters from the file do not reach the message")
  {
    CHECK(text_error("[agents.x]\ngroups = [\"a\\tb\\u001b[2J\"]\n")
          == "site.toml:2: agents.x.groups: unknown group 'a b?[2J' "
             "(defined: second-line, service-desk, third-line)");
  }

  TEST_CASE("bad TOML names file, line and column")
  {
    const std::string message = text_error("[store]\npath = \"/srv/x.db\n");
    CHECK(message.rfind("site.toml:2:", 0) == 0);
    CHECK(message.find("bad TOML: ") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }

  TEST_CASE("an error in a later file names that file")
  {
    const TempDir dir;
    const std::string system = dir.write("system.toml", "[groups.l1]\ntier = 1\n");
    const std::string user = dir.write("user.toml", "[groups.l1]\nescalates_to = \"l9\"\n");
    CHECK(config_error([&] { load(sources_of(system, user, "")); })
          == user + ":2: groups.l1.escalates_to: unknown group 'l9' (defined: l1)");
  }
}
