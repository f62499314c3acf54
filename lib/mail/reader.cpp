// parse_message() over GMime 3: the only file that includes gmime.h
// (ARCHITECTURE.md, The layers). GMime is initialised by the first
// parse_message() of a process, so that commands other than the mail ones
// pay nothing for it.

#include "lib/mail/message.hpp"
#include "lib/mail/text.hpp"
#include "lib/util/error.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/utf8.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <string>

// g_mime_init() registers GMime's GIO stream type, which would pull GIO's
// file, D-Bus and mount code (and libmount, of which Debian ships no static
// archive) into the static link. sdesk never makes a GIO stream, so this
// definition stands in for the library's: linked before libgmime-3.0.a, it
// keeps gmime-stream-gio.o out (a link that needs that object after all
// fails with a duplicate symbol, not silently).
GType g_mime_stream_gio_get_type()
{
  return G_TYPE_INVALID;
}

// The constructors moved out of .init_array at build time (GObject's
// gobject_init; see the top-level CMakeLists.txt), between these two
// symbols that GNU ld defines for the section.
extern "C" {
extern void (*const __start_sdesk_gobject_init[])();
extern void (*const __stop_sdesk_gobject_init[])();
}

namespace sdesk::mail {

namespace {

// Initialises GMime on the first call, once per process (thread-safe).
// Never shut down: GMime 3.2 cannot be initialised again after
// g_mime_shutdown() (its charset tables stay freed), and a process that
// read mail ends soon after.
void init_gmime()
{
  static const bool k_initialised = [] {
    for (auto* init = __start_sdesk_gobject_init; init != __stop_sdesk_gobject_init; ++init) {
      (*init)();
    }
    g_mime_init();
    return true;
  }();
  (void)k_initialised;
}

struct ObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GPtr = std::unique_ptr<T, ObjectUnref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

std::string text_or_empty(const char* text)
{
  return text == nullptr ? std::string() : std::string(text);
}

// `text` on one line: control characters dropped, line breaks as spaces.
std::string one_line(const std::string& text)
{
  std::string out = normalise_text(text);
  for (char& c : out) {
    c = c == '\n' || c == '\t' ? ' ' : c;
  }
  return std::string(util::trim(out));
}

// The value of header `name` of `object`, trimmed; nothing without it.
std::optional<std::string> header(GMimeObject* object, const char* name)
{
  const char* value = g_mime_object_get_header(object, name);
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(util::trim(value));
}

void add_addresses(InternetAddressList* list, std::vector<Address>& out)
{
  if (list == nullptr) {
    return;
  }
  const int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(a)) {
      add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), out);
    } else if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
      const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
      std::string address = repair_utf8(text_or_empty(addr));
      if (address.empty() || address.find('@') == std::string::npos) {
        continue;
      }
      out.push_back({normalise_text(c1_as_windows_1252(repair_utf8(text_or_empty(internet_address_get_name(a))))),
                     std::move(address)});
    }
  }
}

// The decoded bytes of `part` (transfer encoding undone).
std::string content_bytes(GMimePart* part)
{
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (wrapper == nullptr) {
    return {};
  }
  GPtr<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(wrapper, stream.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return bytes == nullptr ? std::string()
                          : std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// `bytes` converted from `from` (an iconv name) to UTF-8, or nothing when
// iconv refuses them.
std::optional<std::string> convert(const std::string& bytes, const char* from)
{
  gsize written = 0;
  GString_ out(g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", from, nullptr,
                         &written, nullptr));
  if (!out) {
    return std::nullopt;
  }
  return std::string(out.get(), written);
}

// `bytes` in `charset` as UTF-8. US-ASCII and ISO-8859-1 labels are read as
// Windows-1252 (what the senders mean, as browsers do); what cannot be
// converted is read as ISO-8859-1, which maps every byte.
std::string to_utf8(const std::string& bytes, const char* charset)
{
  const std::string name = util::to_lower(charset == nullptr ? "utf-8" : charset);
  if (name == "utf-8" || name == "utf8") {
    return repair_utf8(bytes);
  }
  const bool latin = name == "us-ascii" || name == "ascii" || name == "iso-8859-1" || name == "latin1"
                     || name == "iso8859-1" || name == "windows-1252" || name == "cp1252";
  if (!latin) {
    if (auto out = convert(bytes, g_mime_charset_iconv_name(charset))) {
      return repair_utf8(*out);
    }
    if (!util::find_invalid_utf8(bytes)) {
      return bytes;
    }
  }
  if (auto out = convert(bytes, "WINDOWS-1252")) {
    return repair_utf8(*out);
  }
  return repair_utf8(convert(bytes, "ISO-8859-1").value_or(bytes));
}

// Walks the MIME tree: the first text/plain and text/html parts that are
// not attachments give the text, everything else with content is an
// attachment.
class Walker {
public:
  explicit Walker(Message& message)
    : m_message(message)
  {
  }

  void walk(GMimeObject* object, int depth)
  {
    if (object == nullptr || depth > 50) {
      return;
    }
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      const int n = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < n; ++i) {
        walk(g_mime_multipart_get_part(multipart, i), depth + 1);
      }
    } else if (GMIME_IS_MESSAGE_PART(object)) {
      attach_message(GMIME_MESSAGE_PART(object));
    } else if (GMIME_IS_PART(object)) {
      part(GMIME_PART(object));
    }
  }

  std::string html;

private:
  void part(GMimePart* p)
  {
    GMimeObject* object = GMIME_OBJECT(p);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const char* filename = g_mime_part_get_filename(p);
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    const bool attachment = (filename != nullptr && *filename != '\0')
                            || (disposition != nullptr && g_mime_content_disposition_is_attachment(disposition));
    const char* charset = type != nullptr ? g_mime_content_type_get_parameter(type, "charset") : nullptr;
    if (!attachment && type != nullptr && g_mime_content_type_is_type(type, "text", "plain")) {
      const std::string text = normalise_text(to_utf8(content_bytes(p), charset));
      if (!text.empty()) {
        m_message.text += (m_message.text.empty() ? "" : "\n\n") + text;
      }
      return;
    }
    if (!attachment && type != nullptr && g_mime_content_type_is_type(type, "text", "html")) {
      if (html.empty()) {
        html = to_utf8(content_bytes(p), charset);
      }
      return;
    }
    Attachment a;
    a.name = one_line(c1_as_windows_1252(repair_utf8(text_or_empty(filename))));
    GString_ mime_type(type != nullptr ? g_mime_content_type_get_mime_type(type) : nullptr);
    a.content_type = mime_type ? util::to_lower(mime_type.get()) : "application/octet-stream";
    a.content = content_bytes(p);
    add(std::move(a));
  }

  void attach_message(GMimeMessagePart* part)
  {
    GMimeMessage* inner = g_mime_message_part_get_message(part);
    if (inner == nullptr) {
      return;
    }
    Attachment a;
    GString_ raw(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
    a.content = text_or_empty(raw.get());
    a.name = one_line(c1_as_windows_1252(repair_utf8(text_or_empty(g_mime_message_get_subject(inner)))));
    a.name = a.name.empty() ? std::string() : a.name + ".eml";
    a.content_type = "message/rfc822";
    add(std::move(a));
  }

  void add(Attachment a)
  {
    if (a.name.empty()) {
      a.name = "attachment-" + std::to_string(m_message.attachments.size() + 1);
    }
    m_message.attachments.push_back(std::move(a));
  }

  Message& m_message;
};

std::optional<std::string> message_id(GMimeObject* object, const char* name)
{
  const char* value = g_mime_object_get_header(object, name);
  if (value == nullptr) {
    return std::nullopt;
  }
  GString_ id(g_mime_utils_decode_message_id(value));
  if (!id || *id == '\0') {
    return std::nullopt;
  }
  return repair_utf8(id.get());
}

std::vector<std::string> references(GMimeObject* object)
{
  std::vector<std::string> ids;
  const char* value = g_mime_object_get_header(object, "References");
  if (value == nullptr) {
    return ids;
  }
  GMimeReferences* refs = g_mime_references_parse(nullptr, value);
  if (refs == nullptr) {
    return ids;
  }
  const int n = g_mime_references_length(refs);
  for (int i = 0; i < n; ++i) {
    if (const char* id = g_mime_references_get_message_id(refs, i); id != nullptr && *id != '\0') {
      ids.push_back(repair_utf8(id));
    }
  }
  g_mime_references_free(refs);
  return ids;
}

std::optional<std::string> lower_header(GMimeObject* object, const char* name)
{
  auto value = header(object, name);
  if (value) {
    *value = util::to_lower(repair_utf8(*value));
  }
  return value;
}

} // namespace

Message parse_message(std::string_view raw)
{
  if (util::trim(raw).empty()) {
    throw Error(ErrorKind::usage, "mail: the message is empty");
  }
  init_gmime();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> parsed(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!parsed) {
    throw Error(ErrorKind::usage, "mail: not a message (no header could be read)");
  }
  GMimeMessage* m = parsed.get();
  GMimeObject* object = GMIME_OBJECT(m);
  Message message;
  std::vector<Address> from;
  add_addresses(g_mime_message_get_from(m), from);
  if (from.empty()) {
    add_addresses(g_mime_message_get_sender(m), from);
  }
  if (from.empty()) {
    throw Error(ErrorKind::usage, "mail: the message has no From address");
  }
  message.from = from.front();
  add_addresses(g_mime_message_get_to(m), message.to);
  add_addresses(g_mime_message_get_cc(m), message.cc);
  const std::string subject = normalise_text(c1_as_windows_1252(repair_utf8(text_or_empty(g_mime_message_get_subject(m)))));
  message.forwarded = is_forward(subject);
  message.subject = strip_reply_prefixes(subject);
  if (const char* id = g_mime_message_get_message_id(m); id != nullptr && *id != '\0') {
    message.message_id = repair_utf8(id);
  }
  message.in_reply_to = message_id(object, "In-Reply-To");
  message.references = references(object);
  message.auto_submitted = lower_header(object, "Auto-Submitted");
  message.precedence = lower_header(object, "Precedence");
  message.loop = lower_header(object, k_loop_header);
  if (auto path = header(object, "Return-Path")) {
    std::string inner = *path;
    if (const auto open = inner.find('<'); open != std::string::npos) {
      const auto close = inner.find('>', open);
      inner = inner.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    }
    message.return_path = repair_utf8(util::trim(inner));
  }
  Walker walker(message);
  walker.walk(g_mime_message_get_mime_part(m), 0);
  if (message.text.empty() && !walker.html.empty()) {
    message.text = normalise_text(html_to_text(walker.html));
    message.text_from_html = true;
  }
  return message;
}

bool same_address(std::string_view a, std::string_view b)
{
  return util::to_lower(util::trim(a)) == util::to_lower(util::trim(b));
}

} // namespace sdesk::mail
