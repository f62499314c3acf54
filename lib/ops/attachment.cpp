#include "lib/ops/attachment.hpp"

#include "lib/ops/change.hpp"
#include "lib/ops/validate.hpp"
#include "lib/util/error.hpp"
#include "lib/util/json_writer.hpp"
#include "lib/util/sha256.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/utf8.hpp"

#include <fmt/format.h>

namespace sdesk::ops {

std::string safe_file_name(std::string_view name)
{
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  std::string out;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out += u < 0x20 || u == 0x7F || c == ':' ? '_' : c;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == '-' || out.front() == ' ')) {
    out.erase(0, 1);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) {
    out.pop_back();
  }
  out = std::string(util::utf8_prefix(out, 200));
  return out.empty() ? "attachment" : out;
}

std::vector<store::AttachmentRecord> store_attachments(Context& ctx, model::TicketId id,
                                                       const std::vector<NewAttachment>& files)
{
  store::MailStore& mail = ctx.backend.mail();
  std::vector<store::AttachmentRecord> records;
  for (const NewAttachment& f : files) {
    store::AttachmentRecord r;
    r.ticket = id;
    r.name = f.name;
    r.content_type = f.content_type;
    r.size = static_cast<std::int64_t>(f.content.size());
    r.sha256 = util::to_hex(util::sha256(f.content));
    r.added = ctx.now;
    r.added_by = ctx.actor;
    mail.put_content(r.sha256, f.content);
    r.id = mail.add_attachment(r);
    records.push_back(std::move(r));
  }
  return records;
}

std::string attachments_json(const std::vector<store::AttachmentRecord>& records)
{
  util::JsonWriter w;
  w.begin_array();
  for (const store::AttachmentRecord& r : records) {
    w.begin_object().key("name").value(r.name).key("size").value(r.size).key("sha256").value(r.sha256).end_object();
  }
  w.end_array();
  return w.str();
}

std::vector<store::AttachmentRecord> attach_files(Context& ctx, model::TicketId id,
                                                  const std::vector<NewAttachment>& files)
{
  for (const NewAttachment& f : files) {
    if (util::trim(f.name).empty()) {
      throw Error(ErrorKind::usage, "FILE: the name must not be empty");
    }
    require_one_line(f.name, "FILE");
    if (static_cast<std::int64_t>(f.content.size()) > ctx.config.mail.max_attachment) {
      throw Error(ErrorKind::usage,
                  fmt::format("FILE: {} is too large (accepted: at most {} bytes, mail.max_attachment)",
                              util::quote(f.name), ctx.config.mail.max_attachment));
    }
  }
  store::Transaction tx(ctx.store, store::TxMode::write);
  load_ticket(ctx.store, id);
  auto records = store_attachments(ctx, id, files);
  std::vector<std::string> names;
  for (const auto& r : records) {
    names.push_back(r.name);
  }
  apply_change(ctx, id, model::Action::attach, "attached: " + util::join(names, ", "), [](model::Ticket&) {},
               [&records](const model::Ticket&, const model::Ticket&) {
                 return std::optional<std::string>("{\"attachments\":" + attachments_json(records) + "}");
               });
  tx.commit();
  return records;
}

std::vector<store::AttachmentRecord> list_attachments(Context& ctx, model::TicketId id)
{
  store::Transaction tx(ctx.store, store::TxMode::read);
  load_ticket(ctx.store, id);
  auto records = ctx.backend.mail().attachments(id);
  tx.commit();
  return records;
}

std::pair<store::AttachmentRecord, std::string> read_attachment(Context& ctx, model::TicketId id,
                                                                std::string_view name)
{
  store::Transaction tx(ctx.store, store::TxMode::read);
  load_ticket(ctx.store, id);
  store::MailStore& mail = ctx.backend.mail();
  const auto records = mail.attachments(id);
  const store::AttachmentRecord* found = nullptr;
  for (const auto& r : records) {
    if (r.name == name || (name.size() > 1 && name[0] == '#' && name.substr(1) == std::to_string(r.id))) {
      found = &r;
    }
  }
  if (found == nullptr) {
    std::vector<std::string> names;
    for (const auto& r : records) {
      names.push_back(r.name);
    }
    throw Error(ErrorKind::not_found,
                fmt::format("ticket {} has no attachment {}{}", id, util::quote_with_suggestion(name, names),
                            names.empty() ? " (it has none)" : ""));
  }
  auto content = mail.content(found->sha256);
  if (!content) {
    throw Error(ErrorKind::store, fmt::format("attachment {} of ticket {}: its content {} is missing",
                                              util::quote(found->name), id, found->sha256));
  }
  tx.commit();
  return {*found, std::move(*content)};
}

} // namespace sdesk::ops
