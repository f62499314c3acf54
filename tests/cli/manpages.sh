#!/usr/bin/env bash
# Man pages: built from docs/*.md (docs/CMakeLists.txt), one for each page,
# without groff warnings, each with a NAME line whatis(1) can read; every
# command has its page and every option of its --help is in that page's
# OPTIONS; man(1) finds them in the build's man directory.
#
# Environment: SDESK, SDESK_SOURCE_DIR, SDESK_BUILD_DIR (the build directory,
# whose man/ holds the built pages).
. "$(dirname "$0")/lib.sh"

src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
man_dir=${SDESK_BUILD_DIR:-$(dirname "$SDESK")}/man
for tool in groff man lexgrog; do
  command -v "$tool" >/dev/null || { echo "$tool missing (scripts/install-deps): skipped" >&2; exit 125; }
done
[ -d "$man_dir" ] || { fail "no built man pages in $man_dir (target 'man')"; finish; }

# The plain text of man page $1, wide enough that no option is hyphenated.
render() {
  MANWIDTH=250 MAN_KEEP_FORMATTING='' man -l "$1" 2>/dev/null
}

# The lines of rendered section $2 ("OPTIONS") of the text $1.
section_of() {
  awk -v name="$2" '/^[A-Z]/ { inside = ($0 == name); next } inside { print }' <<<"$1"
}

# Whether the text on stdin names option $1 as a whole word.
names_option() {
  grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|$)"
}

# --- Every docs page is a man page ------------------------------------------
pages=()
for md in "$src"/docs/*.md; do
  title=$(head -n 1 "$md")
  if [[ ! $title =~ ^\#\ ([a-z0-9.-]+)\(([1-8])\)$ ]]; then
    fail "docs/${md##*/}: first line '$title' is not '# NAME(SECTION)'"
    continue
  fi
  name=${BASH_REMATCH[1]} section=${BASH_REMATCH[2]}
  page=$man_dir/man$section/$name.$section
  if [ ! -f "$page" ]; then
    fail "docs/${md##*/}: no man page $name($section) built ($page)"
    continue
  fi
  pages+=("$page")

  # whatis reads the NAME section: "name - what it is".
  whatis=$(lexgrog "$page" 2>&1)
  expect_contains "$whatis" "\"$name - " "lexgrog $name.$section (the whatis line)"

  # No warning from troff (-ww: all of them) or tbl at groff's 78 columns
  # (-k: the pages are UTF-8; man-db runs preconv too), and nothing on
  # standard error from man(1) on an 80-column terminal.
  warnings=$(groff -k -t -man -ww -z -Tutf8 "$page" 2>&1)
  expect_eq "$warnings" "" "groff warnings in $name($section)"
  warnings=$(MANWIDTH=80 man -l "$page" 2>&1 >/dev/null)
  expect_eq "$warnings" "" "man -l $name.$section on 80 columns: warnings"
done
expect_eq "$(find "$man_dir" -type f -name '*.[1-8]' | wc -l)" "${#pages[@]}" \
  "man pages built: one per docs page, no stale ones"

# The pages the issue names.
for want in man1/sdesk.1 man1/sdesk-open.1 man5/sdesk-config.5 man7/sdesk-exit-codes.7; do
  [ -f "$man_dir/$want" ] || fail "no man page $want"
done

# --- A page that breaks the rule stops the build -------------------------
# (docs/md2man.cmake; docs/CMakeLists.txt refuses a first line that is not
# '# NAME(SECTION)' the same way at configure time.)
mkdir -p "$TEST_DIR/docs"
printf '# sdesk-frob(1)\n\n## SYNOPSIS\n\nsdesk frob\n' >"$TEST_DIR/docs/sdesk-frob.md"
if msg=$(cmake -DIN="$TEST_DIR/docs/sdesk-frob.md" -DOUT="$TEST_DIR/man/man1/sdesk-frob.1" \
  -DNAME=sdesk-frob -DSECTION=1 -DLOWDOWN=lowdown -DGZIP=gzip -DVERSION=0 \
  -P "$src/docs/md2man.cmake" 2>&1); then
  fail "md2man.cmake converted a page without a NAME section"
fi
expect_contains "$msg" "a section '## NAME' must follow" "md2man.cmake on a page without NAME"
[ ! -e "$TEST_DIR/man/man1/sdesk-frob.1" ] || fail "md2man.cmake wrote a page it refused"

# --- man(1) finds them ------------------------------------------------------
for topic in sdesk sdesk-open "5 sdesk-config" "7 sdesk-exit-codes"; do
  # shellcheck disable=SC2086
  found=$(MANPATH=$man_dir man -w $topic 2>&1)
  expect_contains "$found" "$man_dir/" "man -w $topic"
done

# --- Every command and option ------------------------------------------------
top_help=$("$SDESK" --help)
mapfile -t commands < <(awk '/^Subcommands:/ { s = 1; next } s && /^  [a-z]/ { print $1 }' <<<"$top_help")
[ "${#commands[@]}" -gt 0 ] || fail "sdesk --help lists no commands"
sdesk_page=$(render "$man_dir/man1/sdesk.1")
commands_section=$(section_of "$sdesk_page" COMMANDS)
for opt in $(sed -n 's/^  \(-[^ ]*\).*/\1/p' <<<"$top_help" | tr ',' '\n' | grep '^--'); do
  section_of "$sdesk_page" "GLOBAL OPTIONS" | names_option "$opt" \
    || fail "sdesk(1): global option $opt is not in GLOBAL OPTIONS"
done
for cmd in "${commands[@]}"; do
  names_option "$cmd" <<<"$commands_section" || fail "sdesk(1): command $cmd is not in COMMANDS"
  page=$man_dir/man1/sdesk-$cmd.1
  if [ ! -f "$page" ]; then
    fail "$cmd: no man page sdesk-$cmd(1)"
    continue
  fi
  text=$(render "$page")
  expect_contains "$(section_of "$text" NAME)" "sdesk-$cmd - " "sdesk-$cmd(1) NAME"
  expect_contains "$(section_of "$text" SYNOPSIS)" "sdesk $cmd" "sdesk-$cmd(1) SYNOPSIS"
  options=$(section_of "$text" OPTIONS)
  help=$("$SDESK" "$cmd" --help)
  for opt in $(sed -n 's/^  \(-[^ ]*\).*/\1/p' <<<"$help" | tr ',' '\n' | sed 's/[:=].*//' | grep -E '^-'); do
    names_option "$opt" <<<"$options" || fail "sdesk-$cmd(1): option $opt is not in OPTIONS"
  done
done

finish
