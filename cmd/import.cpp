#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "lib/io/reader.hpp"
#include "lib/ops/import.hpp"
#include "lib/util/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
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
  bool skip_invalid = false;
  bool notify = false;
  std::optional<std::string> rejects;
};

// The --rejects file: one JSON object a line per refused record,
// {"line": N, "error": "...", "text": "..."} (docs/sdesk-import.md). Created
// (or truncated) before the import reads anything, with mode 0644 (less the
// umask), never through a symbolic link; each line is flushed as it is
// written, so that a write error fails the import before it commits.
class RejectsFile {
public:
  explicit RejectsFile(const std::string& path)
    : m_path(path)
  {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw Error(ErrorKind::io, fmt::format("--rejects: cannot create '{}': {}", path,
                                             std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw Error(ErrorKind::io, fmt::format("--rejects: '{}' is not a regular file", path));
    }
    if ((st.st_mode & S_IWOTH) != 0) {
      ::fchmod(fd, st.st_mode & 0755); // never left writable by everyone
    }
    m_file = ::fdopen(fd, "w");
    if (m_file == nullptr) {
      ::close(fd);
      throw Error(ErrorKind::io, fmt::format("--rejects: cannot write '{}'", path));
    }
  }

  RejectsFile(const RejectsFile&) = delete;
  RejectsFile& operator=(const RejectsFile&) = delete;

  ~RejectsFile() { std::fclose(m_file); }

  // Writes one refused record; throws Error(io) when that fails.
  void write(const io::ImportRecord& record, const std::string& reason)
  {
    util::JsonWriter json;
    json.begin_object();
    json.key("line").value(static_cast<std::int64_t>(record.line));
    json.key("error").value(reason);
    json.key("text").value(record.text);
    json.end_object();
    const std::string& line = json.str();
    if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size()
        || std::fputc('\n', m_file) == EOF || std::fflush(m_file) != 0) {
      throw Error(ErrorKind::io, fmt::format("--rejects: cannot write '{}': {}", m_path,
                                             std::strerror(errno)));
    }
  }

private:
  std::string m_path;
  std::FILE* m_file = nullptr;
};

// The line number an error message starts with ("line 12: ..."), else 0.
std::size_t line_of_error(std::string_view message)
{
  std::size_t line = 0;
  if (message.starts_with("line ")) {
    std::from_chars(message.data() + 5, message.data() + message.size(), line);
  }
  return line;
}

// Reads records for an import with --skip-invalid: a record the reader
// refuses comes out with its `error`; every record comes with its input
// `text` (lines before its first line, such as blank lines or a CSV header,
// left out). A refused CSV header, and any error but bad input, still end
// the import.
class SkippingSource {
public:
  SkippingSource(io::RecordReader& reader, io::Input& input, io::Format format)
    : m_reader(reader),
      m_input(input),
      m_format(format)
  {
    m_input.keep_lines();
  }

  bool next(io::ImportRecord& record)
  {
    bool more = true;
    try {
      more = m_reader.next(record);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::usage || (m_format == io::Format::csv && m_first)) {
        throw;
      }
      record.clear();
      record.error = e.what();
      record.line = line_of_error(*record.error);
    }
    m_first = false;
    take_text(record);
    return more;
  }

private:
  void take_text(io::ImportRecord& record)
  {
    std::string text = m_input.take_kept_lines();
    const std::size_t first = m_next_line;
    m_next_line += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    std::size_t skip = record.line > first ? record.line - first : 0;
    std::size_t from = 0;
    while (skip-- > 0 && from < text.size()) {
      from = text.find('\n', from);
      from = from == std::string::npos ? text.size() : from + 1;
    }
    if (!text.empty() && text.back() == '\n') {
      text.pop_back();
    }
    record.text = text.substr(std::min(from, text.size()));
  }

  io::RecordReader& m_reader;
  io::Input& m_input;
  io::Format m_format;
  bool m_first = true;
  std::size_t m_next_line = 1; // the line number of the next kept line
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

std::string import_summary_text(const ops::ImportSummary& s, bool dry_run, bool skip_invalid)
{
  const std::size_t stored = s.records - s.rejected;
  return fmt::format("{} {} ticket{} ({} created, {} updated, {} unchanged{}), {} history events{}\n",
                     dry_run ? "dry run: would import" : "imported", stored, stored == 1 ? "" : "s",
                     s.created, s.updated, s.unchanged,
                     skip_invalid ? fmt::format("; {} rejected", s.rejected) : "", s.events,
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
  json.key("rejected").value(static_cast<std::int64_t>(s.rejected));
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
  std::optional<RejectsFile> rejects;
  if (o.rejects) {
    struct stat in {};
    struct stat out {};
    if (o.file != "-" && ::stat(o.file.c_str(), &in) == 0 && ::stat(o.rejects->c_str(), &out) == 0
        && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      throw Error(ErrorKind::usage,
                  fmt::format("--rejects: '{}' is the input file (it would be emptied)", *o.rejects));
    }
    rejects.emplace(*o.rejects);
  }
  std::optional<SkippingSource> skipping;
  ops::ImportOptions options{o.dry_run, o.skip_invalid, {}, o.notify};
  ops::RecordSource source = [&reader](io::ImportRecord& record) { return reader->next(record); };
  if (o.skip_invalid) {
    skipping.emplace(*reader, input, format);
    source = [&skipping](io::ImportRecord& record) { return skipping->next(record); };
    options.reject = [&rejects](const io::ImportRecord& record, const std::string& reason) {
      rejects->write(record, reason);
    };
  }
  ImportProgressBar bar(input, isatty(STDERR_FILENO) == 1);
  auto ctx = env.context();
  const auto summary = ops::import_tickets(
    ctx, source, options, [&bar](const ops::ImportSummary& s, bool saving) { bar.update(s, saving); });
  bar.clear();
  env.out().write(o.json ? import_summary_json(summary, o.dry_run)
                         : import_summary_text(summary, o.dry_run, o.skip_invalid));
  return 0;
}

} // namespace

void register_import(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ImportCommandOptions>();
  auto* sub = app.add_subcommand("import", "Import tickets with their history from JSON Lines or CSV");
  sub->add_option("file", o->file, "Input file; '-' reads standard input")->required()->type_name("FILE");
  offer(sub->add_option("--format", o->format, "jsonl or csv (default: from the file name, else sniffed)")
          ->type_name("FORMAT"),
        {"jsonl", "csv"});
  sub->add_option("--map", o->map, "Read input column COLUMN as FIELD; COLUMN= skips it (repeatable)")
    ->type_name("COLUMN=FIELD");
  sub->add_option("--tz", o->tz, "Time zone of times without an offset (default: TZ)")
    ->type_name("ZONE");
  sub->add_flag("-n,--dry-run", o->dry_run, "Check and count everything, write nothing");
  sub->add_flag("--json", o->json, "Print the summary as JSON");
  sub->add_flag("--notify", o->notify, "Queue the imported actions in the outbox (default: not)");
  auto* skip = sub->add_flag("--skip-invalid", o->skip_invalid,
                             "Store the valid records; write each refused one to --rejects FILE");
  auto* rejects = sub->add_option("--rejects", o->rejects, "Where --skip-invalid writes refused records (JSON Lines)")
                    ->type_name("FILE");
  skip->needs(rejects);
  rejects->needs(skip);
  sub->callback([o, &invocation] {
    invocation.needs = Needs::store;
    invocation.run = [o](Env& env) { return run_import(env, *o); };
  });
}

} // namespace sdesk::cmd
