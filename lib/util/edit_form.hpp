#pragma once

// A text composed in an editor, as `git commit` does: the first line may be
// a title, then free text, then commented hints ("# ..." lines, dropped)
// and "Field: value" lines for other settings. Rendering and parsing are
// pure; running the editor is cmd/editor's.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdesk::util {

// One "Field: value" line; an empty value means "not set".
using FormField = std::pair<std::string, std::string>;

// What a form holds.
struct EditForm {
  bool has_title = false;          // the first text line is a title
  std::vector<FormField> fields;   // names (as shown) and initial values
  std::vector<std::string> hints;  // comment lines, without the "# "
};

// What the user wrote.
struct EditedForm {
  std::string title; // the first non-blank line (forms with a title), trimmed
  std::string text;  // the other text lines, without blank lines at either end
  std::vector<FormField> fields; // set fields (non-empty values, trimmed), in order
};

// The file the editor opens: `title` (forms with a title), a blank line,
// `text`, a blank line, the hints as "# " lines, the fields as "Name: value".
std::string render_form(const EditForm& form, std::string_view title, std::string_view text);

// Parses an edited form. Lines starting with '#' are dropped. The fields are
// the "Name: value" lines at the end, after the last blank line (or text
// line that is not a field); names are matched without regard to case and
// returned as `form` spells them. Throws Error(usage) "FIELD: unknown field
// 'X' (accepted: ...)" for a name `form` does not have.
EditedForm parse_form(std::string_view edited, const EditForm& form);

} // namespace sdesk::util
