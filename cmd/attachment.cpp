#include "cmd/command.hpp"
#include "cmd/complete.hpp"
#include "lib/io/input.hpp"
#include "lib/ops/attachment.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/text_table.hpp"
#include "lib/util/time.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace sdesk::cmd {

namespace {

struct AttachOptions {
  std::string id;
  std::vector<std::string> files;
};

struct AttachmentListOptions {
  std::string id;
  bool json = false;
};

struct AttachmentGetOptions {
  std::string id;
  std::string name;
  std::optional<std::string> output;
  bool force = false;
};

// Writes `bytes` to `fd`; throws Error(io) naming `path`.
void write_all(int fd, std::string_view bytes, const std::string& path)
{
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      throw Error(ErrorKind::io, fmt::format("{}: {}", util::quote(path), std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
}

// Creates `path` with `bytes`: never through a symbolic link, and never
// over an existing file unless `force`.
void write_new_file(const std::string& path, std::string_view bytes, bool force)
{
  const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
  const int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) {
    if (errno == EEXIST) {
      throw Error(ErrorKind::refused, fmt::format("{} exists; nothing was written (accepted: --force to "
                                                  "replace it, or -o FILE)",
                                                  util::quote(path)));
    }
    if (errno == ELOOP) {
      throw Error(ErrorKind::refused, fmt::format("{} is a symbolic link; nothing was written", util::quote(path)));
    }
    throw Error(ErrorKind::io, fmt::format("{}: {}", util::quote(path), std::strerror(errno)));
  }
  try {
    write_all(fd, bytes, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) {
    throw Error(ErrorKind::io, fmt::format("{}: {}", util::quote(path), std::strerror(errno)));
  }
}

int run_attach(Env& env, const AttachOptions& o)
{
  const model::TicketId id = parse_ticket_id(o.id);
  const auto cap = static_cast<std::size_t>(env.config().mail.max_attachment);
  std::vector<ops::NewAttachment> files;
  for (const std::string& path : o.files) {
    ops::NewAttachment f;
    const auto slash = path.find_last_of('/');
    f.name = slash == std::string::npos ? path : path.substr(slash + 1);
    f.content = io::Input::open(path).read_rest(cap + 1);
    files.push_back(std::move(f));
  }
  auto ctx = env.context();
  for (const store::AttachmentRecord& r : ops::attach_files(ctx, id, files)) {
    env.out().write(fmt::format("attached {} ({} bytes) to ticket {}\n", safe(r.name), r.size, id));
  }
  return 0;
}

int run_attachment_list(Env& env, const AttachmentListOptions& o)
{
  const model::TicketId id = parse_ticket_id(o.id);
  auto ctx = env.context();
  const auto records = ops::list_attachments(ctx, id);
  if (o.json) {
    util::JsonWriter w;
    w.begin_array();
    for (const auto& r : records) {
      w.begin_object();
      w.key("id").value(r.id).key("name").value(r.name).key("content_type").value(r.content_type);
      w.key("size").value(r.size).key("sha256").value(r.sha256);
      w.key("added").value(util::format_time_utc(r.added)).key("added_by").value(r.added_by);
      w.end_object();
    }
    w.end_array();
    env.out().write(w.str() + "\n");
    return 0;
  }
  for (const auto& r : records) {
    env.out().write(fmt::format("#{}\t{}\t{}\t{}\t{}\n", r.id, safe(r.name), r.size, safe(r.content_type),
                                util::format_time(r.added)));
  }
  return 0;
}

int run_attachment_get(Env& env, const AttachmentGetOptions& o)
{
  const model::TicketId id = parse_ticket_id(o.id);
  auto ctx = env.context();
  const auto [record, content] = ops::read_attachment(ctx, id, o.name);
  if (o.output && *o.output == "-") {
    write_all(STDOUT_FILENO, content, "standard output");
    return 0;
  }
  const std::string path = o.output ? *o.output : ops::safe_file_name(record.name);
  write_new_file(path, content, o.force);
  std::fprintf(stderr, "%s\n", fmt::format("wrote {} ({} bytes)", safe(path), content.size()).c_str());
  return 0;
}

} // namespace

void register_attach(CLI::App& app, Invocation& invocation)
{
  auto o = std::make_shared<AttachOptions>();
  auto* sub = app.add_subcommand("attach", "Attach files to a ticket");
  sub->add_option("id", o->id, "Ticket id")->required();
  offer(sub->add_option("files", o->files, "Files to attach")->type_name("FILE")->required(), Values::files);
  sub->callback([o, &invocation] {
    invocation.run = [o](Env& env) { return run_attach(env, *o); };
  });
}

void register_attachment(CLI::App& app, Invocation& invocation)
{
  auto* sub = app.add_subcommand("attachment", "List and save a ticket's attachments");
  sub->require_subcommand(1);
  auto list = std::make_shared<AttachmentListOptions>();
  auto* ls = sub->add_subcommand("list", "The attachments of a ticket");
  ls->add_option("id", list->id, "Ticket id")->required();
  ls->add_flag("--json", list->json, "A JSON array");
  ls->callback([list, &invocation] {
    invocation.run = [list](Env& env) { return run_attachment_list(env, *list); };
  });
  auto get = std::make_shared<AttachmentGetOptions>();
  auto* g = sub->add_subcommand("get", "Save an attachment to a file");
  g->add_option("id", get->id, "Ticket id")->required();
  g->add_option("name", get->name, "The attachment's name (or #N, its number)")->type_name("NAME")->required();
  offer(g->add_option("-o,--output", get->output, "The file to write ('-': standard output; default: the "
                                                  "attachment's name, made safe, in this directory)")
          ->type_name("FILE"),
        Values::files);
  g->add_flag("--force", get->force, "Replace an existing file (never through a symbolic link)");
  g->callback([get, &invocation] {
    invocation.run = [get](Env& env) { return run_attachment_get(env, *get); };
  });
}

} // namespace sdesk::cmd
