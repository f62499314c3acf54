#pragma once

// Composing a text in the user's editor, as `git commit` does: the form
// (lib/util/edit_form.hpp) is written to a private file, $VISUAL or $EDITOR
// (else `editor`, else `vi`) edits it, and the result is read back. If the
// command then fails, the file is kept and the error names it.

#include "lib/util/edit_form.hpp"

#include <functional>
#include <string>

namespace sdesk::cmd {

// Whether standard input and output are both terminals (an editor can run).
bool on_terminal();

// Renders `form` with `title` and `text`, lets the user edit it and parses
// the result. Then calls `use` with it. Throws Error(usage) "...; nothing
// stored" when the result has no title (forms with one) or, without a
// title, no text (`what` names it: "title", "comment", "note"); Error(io)
// when the file cannot be written or read or the editor cannot be run or
// exits non-zero. When parsing or `use` throws an Error, the edited file
// is kept (mode 0600, in $TMPDIR or /tmp) and the error says where; else it
// is removed.
void compose(const util::EditForm& form, const std::string& title, const std::string& text,
             const std::string& what, const std::function<void(const util::EditedForm&)>& use);

} // namespace sdesk::cmd
