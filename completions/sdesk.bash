# bash completion for sdesk                                  -*- shell-script -*-
#
# Install: copy to /usr/share/bash-completion/completions/sdesk, or source it
# from ~/.bashrc. The candidates come from sdesk itself:
# `sdesk __complete -- WORD... CURRENT` (docs/completion.md) knows every
# command and option, and the groups, agents, ... and open ticket ids of
# the desk, so this script names none of them.

_sdesk()
{
    local cword=$COMP_CWORD
    # bash splits "--group=ser" at '=' (COMP_WORDBREAKS): join the pieces,
    # so that sdesk sees the words as typed.
    local -a args=()
    local i w joined=0
    for ((i = 1; i <= cword; i++)); do
        w=${COMP_WORDS[i]}
        # A word typed in quotes ('my dir/desk.db'): without them.
        if ((i < cword)) && [[ $w == \'*\' || $w == \"*\" ]] && ((${#w} >= 2)); then
            w=${w:1:${#w}-2}
        fi
        if [[ $w == = && ${#args[@]} -gt 0 && ${args[-1]} == -* && ${args[-1]} != *=* ]]; then
            args[-1]+==
            joined=1
            continue
        fi
        if ((joined)); then
            args[-1]+=$w
            joined=0
            continue
        fi
        args+=("$w")
    done
    ((${#args[@]} > 0)) || args=("")
    local cur=${COMP_WORDS[cword]}
    # When the current word was joined, bash still replaces only its part
    # after '=' (or the '=' itself).
    local strip=""
    if [[ ${args[-1]} != "$cur" && ${args[-1]} == *=* ]]; then
        strip=${args[-1]%%=*}=
        [[ $cur == = ]] && strip=${strip%=}
    fi

    local line files=0
    COMPREPLY=()
    while IFS= read -r line; do
        if [[ $line == :files ]]; then
            files=1
            continue
        fi
        line=${line%%$'\t'*}
        COMPREPLY+=("${line#"$strip"}")
    done < <("${COMP_WORDS[0]}" __complete -- "${args[@]}" 2>/dev/null)
    if ((files)); then
        compopt -o filenames 2>/dev/null
        local f
        while IFS= read -r f; do
            COMPREPLY+=("$f")
        done < <(compgen -f -- "${cur#=}")
    fi
}

complete -F _sdesk sdesk
