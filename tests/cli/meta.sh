#!/bin/bash
# Meta test: the docs, the completions and `--help` agree.
#
# For every command that `sdesk --help` lists:
#   - `sdesk CMD --help` exits 0;
#   - docs/sdesk-CMD.md exists, its SYNOPSIS starts with `sdesk CMD` and
#     matches the usage line of --help, and its OPTIONS section names every
#     option that --help prints;
#   - `sdesk __complete` offers the command and every option of its --help,
#     and so does completions/sdesk.bash (by running its completion
#     function), which asks `sdesk __complete` as _sdesk and sdesk.fish do
#     (tests/cli/completion.sh drives all three shells);
#   - docs/sdesk.md links the command from its command table.
# Also: `sdesk --version` prints a version; the global options are in
# docs/sdesk.md and completed; no docs page or completion names a command
# that does not exist.
#
# Environment: SDESK (the built binary), SDESK_SOURCE_DIR (the repository).
# Every mismatch is reported; the test fails (exit 1) if there was any.

set -u

if [[ -z ${SDESK:-} || ! -x ${SDESK:-} ]]; then
    echo "meta.sh: set SDESK to the built sdesk binary" >&2
    exit 1
fi
src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
docs=$src/docs
bash_completion=$src/completions/sdesk.bash
zsh_completion=$src/completions/_sdesk
fish_completion=$src/completions/sdesk.fish

# sdesk must not touch a real store or config while we ask it for help.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
export SDESK_SYSTEM_CONFIG=$tmp/none.toml TZ=UTC
unset SDESK_DB SDESK_CONFIG SDESK_USER SDESK_NOW

failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# The options of a --help text, one a line: "-d" and "--description" from
# "  -d,--description TEXT   Details".
options_of()
{
    sed -n 's/^  \(-[^ ]*\).*/\1/p' <<<"$1" | tr ',' '\n' | sed 's/[:=].*//' | grep -E '^-'
}

# Whether `text` (from stdin) names option $1 as a whole word.
names_option()
{
    grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|$)"
}

# The section "## NAME" of a markdown file, up to the next "## ".
section()
{
    awk -v name="$2" '
        /^## / { inside = ($0 == "## " name); next }
        inside { print }
    ' "$1"
}

# The words `sdesk __complete` offers for "sdesk $1 $2", completing $2.
complete_offers()
{
    "$SDESK" __complete -- $1 "$2" 2>&1 | cut -f1
}

# The words bash's completion offers for "sdesk $1 $2", completing $2 (run
# in a subshell).
bash_offers()
{
    bash -c '
        source "$1" || exit 1
        COMP_WORDS=("$4" $2 "$3")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _sdesk
        printf "%s\n" "${COMPREPLY[@]}"
    ' _ "$bash_completion" "$1" "$2" "$SDESK" 2>&1
}

# --- Version --------------------------------------------------------------
if version=$("$SDESK" --version 2>&1); then
    if ! grep -qE '^[0-9]+\.[0-9]+(\.[0-9]+)?([-+.~][0-9A-Za-z.+~-]*)?$' <<<"$version"; then
        fail "sdesk --version: expected a version such as 1.2.3, got '$version'"
    fi
else
    fail "sdesk --version exited $? (output: $version)"
fi

# --- The command list -----------------------------------------------------
if ! top_help=$("$SDESK" --help 2>&1); then
    fail "sdesk --help exited non-zero"
fi
mapfile -t commands < <(awk '/^Subcommands:/ { s = 1; next } s && /^  [a-z]/ { print $1 }' <<<"$top_help")
if ((${#commands[@]} == 0)); then
    fail "sdesk --help lists no commands (no 'Subcommands:' section?)"
fi
for file in "$bash_completion" "$zsh_completion" "$fish_completion" "$docs/sdesk.md"; do
    [[ -f $file ]] || fail "missing file ${file#"$src"/}"
done

# --- Global options -------------------------------------------------------
global_offered=$(complete_offers "" -)
for opt in $(options_of "$top_help" | grep '^--'); do
    section "$docs/sdesk.md" "GLOBAL OPTIONS" | names_option "$opt" \
        || fail "global option $opt: not in the GLOBAL OPTIONS of docs/sdesk.md"
    grep -qx -- "$opt" <<<"$global_offered" || fail "global option $opt: sdesk __complete does not offer it"
done

# --- Each command ---------------------------------------------------------
bash_commands=$(bash_offers "" "" | sort)
for cmd in "${commands[@]}"; do
    page=$docs/sdesk-$cmd.md
    if ! help=$("$SDESK" "$cmd" --help 2>&1); then
        fail "sdesk $cmd --help: exit status is not 0"
        continue
    fi

    # The command table of docs/sdesk.md.
    grep -qE "^\|.*\[\`?$cmd\`?\]\(sdesk-$cmd\.md\)" "$docs/sdesk.md" \
        || fail "$cmd: not in the command table of docs/sdesk.md (a row with [$cmd](sdesk-$cmd.md))"

    # Completions name the command.
    grep -qx -- "$cmd" <<<"$bash_commands" || fail "$cmd: completions/sdesk.bash does not complete the command"

    if [[ ! -f $page ]]; then
        fail "$cmd: docs/sdesk-$cmd.md does not exist"
        continue
    fi

    # SYNOPSIS: the first line of its first code block.
    synopsis=$(section "$page" SYNOPSIS | awk '/^```/ { if (f) exit; f = 1; next } f { print; exit }')
    if [[ ! $synopsis =~ ^sdesk\ $cmd(\ |$) ]]; then
        fail "$cmd: the SYNOPSIS of docs/sdesk-$cmd.md starts with '$synopsis', not 'sdesk $cmd'"
    else
        usage=$(sed -n 's/^Usage: //p' <<<"$help" | head -n 1)
        if [[ ${synopsis,,} != "${usage,,}"* ]]; then
            fail "$cmd: SYNOPSIS '$synopsis' does not match the usage line of --help '$usage'"
        fi
    fi

    options_section=$(section "$page" OPTIONS)
    [[ -n $options_section ]] || fail "$cmd: docs/sdesk-$cmd.md has no OPTIONS section"
    offered=$(bash_offers "$cmd" -)
    completed=$(complete_offers "$cmd" -)
    for opt in $(options_of "$help"); do
        names_option "$opt" <<<"$options_section" \
            || fail "$cmd $opt: not in the OPTIONS of docs/sdesk-$cmd.md"
        [[ $opt == --* ]] || continue
        grep -qx -- "$opt" <<<"$completed" || fail "$cmd $opt: sdesk __complete does not offer it"
        grep -qx -- "$opt" <<<"$offered" || fail "$cmd $opt: completions/sdesk.bash does not offer it"
    done
done

# --- Nothing stale ----------------------------------------------------------
is_command()
{
    local c
    for c in "${commands[@]}"; do [[ $c == "$1" ]] && return 0; done
    return 1
}
for page in "$docs"/sdesk-*.md; do
    [[ -e $page ]] || continue
    name=${page##*/sdesk-}
    name=${name%.md}
    is_command "$name" || fail "docs/sdesk-$name.md: sdesk has no command '$name'"
done
for c in $bash_commands; do
    is_command "$c" || fail "completions/sdesk.bash completes '$c', which is not a command"
done
# The scripts ask sdesk instead of listing commands and options themselves.
for file in "$bash_completion" "$zsh_completion" "$fish_completion"; do
    grep -q '__complete' "$file" || fail "${file#"$src"/}: does not call 'sdesk __complete'"
done

if ((failures > 0)); then
    echo "meta: $failures mismatch(es) between sdesk --help, docs/ and completions/"
    exit 1
fi
echo "meta: ${#commands[@]} commands checked: help, docs and completions agree"
