# Converts one Markdown page of docs/ to a man page (run by docs/CMakeLists.txt
# as `cmake -DIN=... -DOUT=... -DNAME=... -DSECTION=... -DLOWDOWN=...
# -DVERSION=... -P md2man.cmake`).
#
# The page's first line, `# NAME(SECTION)`, becomes the .TH line; its
# `## NAME` section must be one paragraph starting `NAME - `, the line
# whatis(1) and apropos(1) read. Every other heading moves up one level
# (`## OPTIONS` is .SH, `### ...` is .SS). Link targets are dropped (they are
# file names in docs/); a link whose text is a page's file name ("config.md")
# shows that page's man name instead ("sdesk-config(5)"). lowdown does the
# rest; smart typography is off, so `--` stays two hyphens. Writes OUT and
# OUT.gz (gzip -9n, as Debian installs man pages). Fails (and writes nothing)
# when the page does not follow these rules.

foreach(var IN ITEMS IN OUT NAME SECTION LOWDOWN GZIP VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "md2man.cmake: -D${var}=... is missing")
  endif()
endforeach()
get_filename_component(docs_dir "${IN}" DIRECTORY)
get_filename_component(page_file "${IN}" NAME)

file(READ "${IN}" text)
if(NOT text MATCHES "^# ([^\n]*)\n")
  message(FATAL_ERROR "docs/${page_file}: the first line must be '# ${NAME}(${SECTION})'")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL "${NAME}(${SECTION})")
  message(FATAL_ERROR "docs/${page_file}: the first line is '# ${CMAKE_MATCH_1}', "
                      "expected '# ${NAME}(${SECTION})' (re-run cmake after changing it)")
endif()
string(REGEX REPLACE "^# [^\n]*\n\n*" "" text "${text}")

# The NAME section: "## NAME", a blank line, "NAME - what it is".
string(REGEX MATCH "^## NAME\n\n([^\n]*)" name_section "${text}")
if(NOT name_section OR NOT CMAKE_MATCH_1 MATCHES "^${NAME} - [^ ]")
  message(FATAL_ERROR "docs/${page_file}: after the title, a section '## NAME' must follow "
                      "whose paragraph starts with '${NAME} - ' and says what the page is")
endif()

# Links whose text is a docs file name show the man name of that page.
string(REGEX MATCHALL "\\[`?[a-z0-9-]+\\.md`?\\]\\(" link_texts "${text}")
list(REMOVE_DUPLICATES link_texts)
foreach(link IN LISTS link_texts)
  string(REGEX REPLACE "^\\[`?([a-z0-9-]+\\.md)`?\\]\\($" "\\1" target "${link}")
  if(EXISTS "${docs_dir}/${target}")
    file(STRINGS "${docs_dir}/${target}" title LIMIT_COUNT 1)
    if(title MATCHES "^# ([a-z0-9.-]+\\([1-8]\\))$")
      string(REPLACE "${link}" "[${CMAKE_MATCH_1}](" text "${text}")
    endif()
  endif()
endforeach()

get_filename_component(out_dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${out_dir}")
set(body "${OUT}.md")
file(WRITE "${body}" "${text}")
execute_process(
  COMMAND "${LOWDOWN}" -s -Tman --parse-no-metadata --out-no-smarty --nroff-nolinks
          -M "title=${NAME}" -M "section=${SECTION}" -M "source=sdesk ${VERSION}"
          -M shiftheadinglevelby=-1 -o "${OUT}.tmp" "${body}"
  RESULT_VARIABLE status)
file(REMOVE "${body}")
if(NOT status EQUAL 0)
  file(REMOVE "${OUT}.tmp")
  message(FATAL_ERROR "docs/${page_file}: lowdown failed (${status})")
endif()

# Tables: lowdown sets every cell as a tbl text block of one width (a share
# of the line) and justifies it, so a narrow column full of words cannot be
# filled ("cannot adjust line", printed by man(1) on an 80-column terminal).
# Set table text ragged-right and let the last column (the prose one in our
# tables: "Meaning", "What it does") take the width the others leave. This
# rewrites only the table set-up lowdown writes; a table of any other shape
# stops the build, so a new lowdown cannot slip past it.
file(READ "${OUT}.tmp" roff)
file(REMOVE "${OUT}.tmp")
string(REGEX MATCHALL "\n\\.TS\n" tables "${roff}")
list(LENGTH tables table_count)
string(REGEX REPLACE
  "\n\\.TS\ntab\\(\\|\\) expand allbox;\n([^\n]*[a-z])\n([^\n]*[a-z])\\.\n"
  "\n.na\n.TS\ntab(|) allbox;\n\\1x\n\\2x.\n" roff "${roff}")
string(REGEX MATCHALL "\n\\.na\n\\.TS\n" adjusted "${roff}")
list(LENGTH adjusted adjusted_count)
if(NOT adjusted_count EQUAL table_count)
  message(FATAL_ERROR "docs/${page_file}: lowdown wrote a table set-up md2man.cmake does not know")
endif()
string(REPLACE "\n.TE\n" "\n.TE\n.ad\n" roff "${roff}")
file(WRITE "${OUT}" "${roff}")
execute_process(COMMAND "${GZIP}" -9 -n -c "${OUT}" OUTPUT_FILE "${OUT}.gz" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE "${OUT}" "${OUT}.gz")
  message(FATAL_ERROR "docs/${page_file}: gzip failed (${status})")
endif()
