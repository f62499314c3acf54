#pragma once

// Attachments of tickets (docs/sdesk-attachment.md): files from mail or
// from `sdesk attach`, their content stored once under its SHA-256.

#include "lib/ops/context.hpp"
#include "lib/store/mail_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::ops {

// A file to attach.
struct NewAttachment {
  std::string name;
  std::string content_type = "application/octet-stream";
  std::string content;
};

// `name` as a file name that is safe to create in the current directory:
// no directory part, no control characters, no leading dot or dash, at
// most 200 bytes; "attachment" when nothing is left.
std::string safe_file_name(std::string_view name);

// Stores `files` as attachments of ticket `id` inside the caller's write
// transaction (content put once per SHA-256) and returns their records.
// Records no history (the caller does: see attachments_json). Throws
// Error(store).
std::vector<store::AttachmentRecord> store_attachments(Context& ctx, model::TicketId id,
                                                       const std::vector<NewAttachment>& files);

// `records` as a JSON array of {"name", "size", "sha256"} for event data.
std::string attachments_json(const std::vector<store::AttachmentRecord>& records);

// `sdesk attach`: stores `files` on ticket `id` in one write transaction
// with one attach event (data {"attachments": [...]}). Throws
// Error(usage) for a file over mail.max_attachment or an empty or
// multi-line name, Error(not_found) for an unknown ticket, Error(store).
std::vector<store::AttachmentRecord> attach_files(Context& ctx, model::TicketId id,
                                                  const std::vector<NewAttachment>& files);

// The attachments of ticket `id`, oldest first. Throws Error(not_found)
// for an unknown ticket, Error(store).
std::vector<store::AttachmentRecord> list_attachments(Context& ctx, model::TicketId id);

// The newest attachment of ticket `id` called `name` (or whose id is
// `name` written "#N") and its content. Throws Error(not_found) for an
// unknown ticket or name (with the names it has), Error(store).
std::pair<store::AttachmentRecord, std::string> read_attachment(Context& ctx, model::TicketId id,
                                                                std::string_view name);

} // namespace sdesk::ops
