#include "cmd/command.hpp"
#include "lib/io/reader.hpp"
#include "lib/ops/import.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <unistd.h>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ImportCommandOptions {
  std::string file;
  std::optional<std::string> format;
  std::vector<std::string> map;
  std::optional<std::string> tz;
  bool dry_run = false;
  bool json = false;
};

// A progress line on stderr while a long import runs, when stderr is a
// terminal; erased when done (or on error, before the message).
class ImportProgressBar {
public:
  ImportProgressBar(const io::Input& input, bool enabled)
    : m_input(input),
      m_enabled(enabled),
      m_start(std::chrono::steady_clock::now())
  {
  }

  ImportProgressBar(const ImportProgressBar&) = delete;
  ImportProgressBar& operator=(const ImportProgressBar&) = delete;

  ~ImportProgressBar() { clear(); }

  void update(const ops::ImportSummary& summary, bool saving)
  {
    const auto now = std::chrono::steady_clock::now();
    if (!m_enabled || now - m_start < std::chrono::seconds{1}
        || (!saving && now - m_last < std::chrono::milliseconds{100})) {
      return; // short imports show nothing
    }
    m_last = now;
    constexpr int k_width = 30;
    const std::string_view tail = saving ? ", saving" : "";
    if (m_input.size() > 0) {
      const double done = static_cast<double>(m_input.position()) / static_cast<double>(m_input.size());
      const int filled = static_cast<int>(done * k_width);
      fmt::print(stderr, "\rimporting [{:#<{}}{:-<{}}] {:3.0f}%  {} tickets{}", "", filled, "",
                 k_width - filled, done * 100, summary.records, tail);
    } else {
      fmt::print(stderr, "\rimporting  {} tickets{}", summary.records, tail);
    }
    std::fflush(stderr);
    m_shown = true;
  }

  void clear()
  {
    if (m_shown) {
      fmt::print(stderr, "\r\x1b[K");
      std::fflush(stderr);
      m_shown = false;
    }
  }

private:
  const io::Input& m_input;
  bool m_enabled;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last{};
};

std::string import_summary_text(const ops::ImportSummary& s, bool dry_run)
{
  return fmt::format("{} {} ticket{} ({} created, {} updated, {} unchanged), {} history events{}\n",
                     dry_run ? "dry run: would import" : "imported", s.records,
                     s.records == 1 ? "" : "s", s.created, s.updated, s.unchanged, s.events,
                     dry_run ? "; nothing written" : "");
}

std::string import_summary_json(const ops::ImportSummary& s, bool dry_run)
{
  util::JsonWriter json;
  json.begin_object();
  json.key("records").value(static_cast<std::int64_t>(s.records));
  json.key("created").value(static_cast<std::int64_t>(s.created));
  json.key("updated").value(static_cast<std::int64_t>(s.updated));
  json.key("unchanged").value(static_cast<std::int64_t>(s.unchanged));
  json.key("events").value(static_cast<std::int64_t>(s.events));
  json.key("dry_run").value(dry_run);
  json.end_object();
  return json.str() + "\n";
}

int run_import(Env& env, const ImportCommandOptions& o)
{
  const io::FieldMap fields(o.map);
  const io::TimeReader times(o.tz);
  io::Input input = io::Input::open(o.file);
  const io::Format format = io::choose_format(o.format, o.file, input);
  io::RecordBuilder builder(times, env.config().matrix.lowest());
  const auto reader = io::make_reader(format, input, fields, builder);
  ImportProgressBar bar(input, isatty(STDERR_FILENO) == 1);
  auto ctx = env.context();
  const auto summary = ops::import_tickets(
    ctx, [&reader](io::ImportRecord& record) { return reader->next(record); }, {o.dry_run},
    [&bar](const ops::ImportSummary& s, bool saving) { bar.update(s, saving); });
  bar.clear();
  env.out().write(o.json ? import_summary_json(summary, o.dry_run)
                         : import_summary_text(summary, o.dry_run));
  return 0;
}

} // namespace

void register_import(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ImportCommandOptions>();
  auto* sub = app.add_subcommand("import", "Import tickets with their history from JSON Lines or CSV");
  sub->add_option("file", o->file, "Input file; '-' reads standard input")->required()->type_name("FILE");
  sub->add_option("--format", o->format, "jsonl or csv (default: from the file name, else sniffed)")
    ->type_name("FORMAT");
  sub->add_option("--map", o->map, "Read input column COLUMN as FIELD; COLUMN= skips it (repeatable)")
    ->type_name("COLUMN=FIELD");
  sub->add_option("--tz", o->tz, "Time zone of times without an offset (default: TZ)")
    ->type_name("ZONE");
  sub->add_flag("-n,--dry-run", o->dry_run, "Check and count everything, write nothing");
  sub->add_flag("--json", o->json, "Print the summary as JSON");
  sub->callback([o, &invocation] {
    invocation.needs = Needs::store;
    invocation.run = [o](Env& env) { return run_import(env, *o); };
  });
}

} // namespace sdesk::cmd
