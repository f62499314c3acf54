#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sdesk::util {

// Returns `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

// Returns `text` in ASCII lower case.
std::string to_lower(std::string_view text);

// Splits `text` at every `separator`, trimming each piece and dropping empty
// pieces: split_list(" a, b,,c ") == {"a", "b", "c"}.
std::vector<std::string> split_list(std::string_view text, char separator = ',');

// Joins `items` with `separator` between them.
std::string join(const std::vector<std::string>& items, std::string_view separator);

// Returns the candidate closest to `word` by edit distance if it is close
// enough to be a likely typo, else an empty string.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Quotes a value for an error message: "'text'", made safe for a terminal
// (sanitize_for_terminal). A value longer than 60 bytes is cut to an
// excerpt: "'first 60 bytes…' (300000 bytes)", so that no message grows
// with its input.
std::string quote(std::string_view text);

// Formats "'word' (did you mean 'x'?)" or "'word'" when nothing is close,
// quoting as quote() does; used in error messages about unknown names.
std::string quote_with_suggestion(std::string_view word, const std::vector<std::string>& candidates);

// Replaces what a terminal may act on with '?', so user text cannot move
// the cursor, change colours or reorder what is shown: control characters
// (C0, DEL, and C1 U+0080..U+009F), bytes that are not UTF-8 (a raw 0x9B is
// an 8-bit CSI), and the bidirectional embeddings, overrides and isolates
// (U+202A..U+202E, U+2066..U+2069). With `keep_newlines`, '\n' is kept (for
// multi-line descriptions); otherwise newlines, tabs and CR become spaces.
std::string sanitize_for_terminal(std::string_view text, bool keep_newlines = false);

// Number of columns `text` takes on a terminal, counting UTF-8 code points.
std::size_t display_width(std::string_view text);

// Cuts `text` to at most `width` display columns, ending with "…" when cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

} // namespace sdesk::util
