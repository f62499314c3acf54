#!/bin/bash
# Composing in $VISUAL/$EDITOR (cmd/editor.hpp): `open` without a title and
# `comment ID` without text on a terminal, `resolve --edit`. The terminal is
# script(1)'s (bsdutils, essential in Debian); the editor is a script that
# saves the template it was given and writes $EDIT_TEXT in its place.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "script (bsdutils) missing: skipped" >&2; exit 125; }

export TMPDIR="$TEST_DIR/tmp" SDESK_DB="$DB"
mkdir -p "$TMPDIR"
cat >"$TEST_DIR/editor" <<'SH'
#!/bin/sh
for file; do :; done # the last argument
cp "$file" "$TEST_DIR/template"
printf '%s' "$EDIT_TEXT" >"$file"
SH
chmod +x "$TEST_DIR/editor"
export TEST_DIR EDITOR="$TEST_DIR/editor"
unset VISUAL

# on_tty EXPECTED_EXIT ARGS...: runs sdesk in a pseudo-terminal; sets $out
# (what the terminal showed, without carriage returns) and $rc.
on_tty() {
  local expected=$1 cmd
  shift
  cmd=$(printf '%q ' "$SDESK" "$@")
  SHELL=/bin/bash script -qec "$cmd" /dev/null </dev/null >"$TEST_DIR/tty.out"
  rc=$?
  out=$(tr -d '\r' <"$TEST_DIR/tty.out")
  [ "$rc" -eq "$expected" ] || fail "sdesk $* on a terminal exited $rc, expected $expected: $out"
}
kept_files() { find "$TMPDIR" -type f | wc -l; }

sd 0 init

# --- open: the template, and what comes back ---
EDIT_TEXT=$'VPN down for the 3rd floor\n\nSince 9:00 nobody connects.\nSecond line.\n\n# a comment\nKind: request\nPriority: P2\nCategory: network\nTags: vpn, floor3\nGroup:\n' \
  on_tty 0 open -g second-line -a alice
expect_contains "$out" "opened ticket 1 (request, P2, group service-desk)" "open from the editor"
template=$(cat "$TEST_DIR/template")
expect_eq "$(head -n 1 "$TEST_DIR/template")" "" "the template starts with an empty title line"
expect_contains "$template" "# Write the title on the first line" "the template's hints"
expect_contains "$template" $'Kind: incident\nImpact: medium\nUrgency: medium\nPriority:\nCategory:\nService:\nGroup: second-line\nRequester:\nAssignee: alice\nTags:\nRef:' \
  "the template's fields hold the options given"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket.title' <<<"$out")" "VPN down for the 3rd floor" "title from the first line"
expect_eq "$(jq -r '.ticket.description' <<<"$out")" $'Since 9:00 nobody connects.\nSecond line.' "description from the text"
expect_eq "$(jq -r '.ticket | [.kind, .priority, .category, .group, .assignee] | join(" ")' <<<"$out")" \
  "request P2 network service-desk " "fields parsed back (an emptied field takes the default)"
expect_eq "$(jq -r '.ticket.tags | join(",")' <<<"$out")" "floor3,vpn" "tags field"
expect_eq "$(kept_files)" "0" "the edit file is removed after success"

# --- an empty result aborts, nothing stored ---
before=$(store_digest)
EDIT_TEXT=$'# only comments\n\nKind: incident\n' on_tty 2 open
expect_contains "$out" "sdesk: error: empty title; nothing stored" "empty title aborts"
EDIT_TEXT=$'\n# nothing\n' on_tty 2 comment 1
expect_contains "$out" "sdesk: error: empty comment; nothing stored" "empty comment aborts"
EDIT_TEXT=$'# nothing\nCode: fixed\n' on_tty 2 resolve 1 --code fixed --edit
expect_contains "$out" "sdesk: error: empty note; nothing stored" "empty note aborts"
expect_eq "$(store_digest)" "$before" "nothing stored after an empty result"
expect_eq "$(kept_files)" "0" "nothing kept after an empty result"

# --- a failure after the edit keeps the text in a private file ---
EDIT_TEXT=$'Printer jam\n\nTray 2.\nKind: incidnet\n' on_tty 2 open
expect_contains "$out" "sdesk: error: --kind: unknown value 'incidnet'" "a bad field value: the usual error"
kept=$(sed -n 's/.*(your text is kept in \(.*\))$/\1/p' <<<"$out")
[ -n "$kept" ] && [ -f "$kept" ] || fail "the error names the kept file: $out"
expect_eq "$(cat "$kept")" $'Printer jam\n\nTray 2.\nKind: incidnet' "the kept file holds the edited text"
expect_eq "$(stat -c %a "$kept")" "600" "the kept file is private"
expect_eq "$(printf '%s\n' "$out" | grep -c 'sdesk: error')" "1" "one error line"
EDIT_TEXT=$'Printer jam\nColour: red\n' on_tty 2 open
expect_contains "$out" "sdesk: error: Colour: unknown field 'Colour' (accepted: Kind, Impact" "an unknown field is refused"
expect_contains "$out" "(your text is kept in $TMPDIR/sdesk-edit-" "... and the text is kept"
EDIT_TEXT=$'Looked at it.\n' on_tty 3 comment 99
expect_contains "$out" "sdesk: error: ticket 99 not found (your text is kept in" "a missing ticket: text kept"
EDIT_TEXT=$'Rebooted.\nCode: fixd\n' on_tty 2 resolve 1 --code fixed --edit
expect_contains "$out" "(your text is kept in" "a bad resolution code: text kept"
expect_eq "$(store_digest)" "$before" "nothing stored after a failure"

# --- comment and resolve from the editor ---
EDIT_TEXT=$'Called the user.\n\nWill check tomorrow.\n' on_tty 0 comment 1
expect_contains "$(cat "$TEST_DIR/template")" "# Your comment on ticket 1." "the comment template"
sd 0 show 1 --json
expect_eq "$(jq -r '.comments[-1].text' <<<"$out")" $'Called the user.\n\nWill check tomorrow.' "comment from the editor"
EDIT_TEXT=$'Restarted the VPN concentrator.\nCode: workaround\n' on_tty 0 resolve 1 --code fixed --note "draft" --edit
expect_contains "$(cat "$TEST_DIR/template")" $'draft\n\n# What was done to resolve ticket 1.' "the note template starts with --note"
expect_contains "$(cat "$TEST_DIR/template")" "Code: fixed" "the code field holds --code"
sd 0 show 1 --json
expect_eq "$(jq -r '.ticket | [.status, .resolution_code, .resolution_note] | join("|")' <<<"$out")" \
  "resolved|workaround|Restarted the VPN concentrator." "resolve from the editor"

# --- the editor: $VISUAL first, its failure stores nothing ---
before=$(store_digest)
VISUAL="$TEST_DIR/editor" EDITOR=false EDIT_TEXT=$'From VISUAL\n' on_tty 0 open
expect_contains "$out" "opened ticket 2" "\$VISUAL is preferred"
EDITOR=false on_tty 74 open
expect_contains "$out" "sdesk: error: editor 'false' failed (exit status 1); nothing stored" "a failing editor"
EDITOR="$TEST_DIR/editor --flag" EDIT_TEXT=$'With args\n' on_tty 0 open
expect_contains "$out" "opened ticket 3" "an editor command with arguments (run by sh, as git does)"

# --- a bad ticket id is refused before the editor opens ---
rm -f "$TEST_DIR/template"
EDIT_TEXT=$'text\n' on_tty 2 comment abc
expect_contains "$out" "sdesk: error: ticket id: bad value 'abc'" "comment: a bad id"
EDIT_TEXT=$'text\n' on_tty 2 resolve abc --code fixed --edit
expect_contains "$out" "sdesk: error: ticket id: bad value 'abc'" "resolve --edit: a bad id"
[ -e "$TEST_DIR/template" ] && fail "the editor ran for a bad ticket id"

# --- without a terminal, today's usage errors stay ---
before=$(store_digest)
sd 2 open </dev/null
expect_error "title is required (see 'sdesk open --help')" "open without a title, no terminal"
sd 2 comment 1 </dev/null
expect_error "text is required (see 'sdesk comment --help')" "comment without text, no terminal"
sd 2 resolve 2 --code fixed --edit </dev/null
expect_error "--edit: needs a terminal (use --note)" "resolve --edit, no terminal"
expect_eq "$(store_digest)" "$before" "nothing stored without a terminal"

finish
