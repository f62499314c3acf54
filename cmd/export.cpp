#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "cmd/replacing_file.hpp"
#include "cmd/ticket_filter.hpp"
#include "lib/io/writer.hpp"
#include "lib/ops/export.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace sdesk::cmd {

namespace {

struct ExportCommandOptions {
  TicketFilter filter;
  std::optional<std::string> format;
  std::optional<std::string> output;
};

// Where export writes: standard output, or a file that appears complete or
// not at all (ReplacingFile).
class ExportSink {
public:
  ExportSink(Output& out, const std::optional<std::string>& path)
    : m_out(out)
  {
    if (path) {
      m_file.emplace(*path);
    }
  }

  void write(std::string& buffer)
  {
    if (m_file) {
      m_file->write(buffer);
    } else {
      m_out.write(buffer);
    }
    buffer.clear();
  }

  void commit()
  {
    if (m_file) {
      m_file->commit();
    }
  }

private:
  Output& m_out;
  std::optional<ReplacingFile> m_file;
};

bool export_as_csv(const ExportCommandOptions& o)
{
  if (o.format) {
    const std::string name = util::to_lower(*o.format);
    if (name != "jsonl" && name != "csv") {
      throw Error(ErrorKind::usage,
                  fmt::format("--format: unknown format '{}' (accepted: jsonl, csv)", *o.format));
    }
    return name == "csv";
  }
  return o.output && util::to_lower(*o.output).ends_with(".csv");
}

int run_export(Env& env, const ExportCommandOptions& o)
{
  const bool csv = export_as_csv(o);
  const auto query = build_query(o.filter, env.config().matrix.lowest());
  ExportSink sink(env.out(), o.output);
  std::string buffer = csv ? ticket_csv_header() : std::string{};
  constexpr std::size_t k_flush_at = std::size_t{1} << 20;
  std::size_t count = 0;
  ops::export_records(env.store(), query, !csv,
                      [&](const model::Ticket& ticket, std::span<const model::Event> history,
                          std::span<const model::LinkedTicket> links) {
                        if (csv) {
                          buffer += ticket_csv_row(ticket);
                        } else {
                          io::append_jsonl(buffer, ticket, history, links);
                        }
                        ++count;
                        if (buffer.size() >= k_flush_at) {
                          sink.write(buffer);
                        }
                      });
  sink.write(buffer);
  sink.commit();
  if (o.output) {
    env.out().write(fmt::format("exported {} ticket{} to {}\n", count, count == 1 ? "" : "s",
                                safe(*o.output)));
  }
  return 0;
}

} // namespace

void register_export(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<ExportCommandOptions>();
  auto* sub = app.add_subcommand("export", "Export tickets and their history as JSON Lines or CSV");
  add_filter_options(sub, o->filter, invocation);
  offer(sub->add_option("--format", o->format, "jsonl or csv (default: csv for a .csv --output, else jsonl)")
          ->type_name("FORMAT"),
        {"jsonl", "csv"});
  sub->add_option("-o,--output", o->output, "Write to FILE (complete or not at all), not stdout")
    ->type_name("FILE");
  sub->callback([o, &invocation] {
    invocation.needs = Needs::store;
    invocation.run = [o](Env& env) { return run_export(env, *o); };
  });
}

} // namespace sdesk::cmd
