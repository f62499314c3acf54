# bash completion for sdesk                                  -*- shell-script -*-
#
# Install: copy to /usr/share/bash-completion/completions/sdesk, or source it
# from ~/.bashrc. Keep in step with `sdesk COMMAND --help` (tests/cli/meta.sh
# checks that every long option is listed here).
#
# Word lists here never contain spaces, so splitting compgen's output is safe.
# shellcheck disable=SC2207

_sdesk_commands="init open show list log assign start comment pending escalate sla resolve close reopen update config report import export verify outbox link unlink event"
_sdesk_global_opts="--db --config --as --now --color --version --help -h"
# Global options also accepted after the command name.
_sdesk_global_opts_after="--db --config --as --now --color"

# Options of each command, as `sdesk COMMAND --help` prints them. The ticket
# filters are shared by list, sla, report and export (cmd/ticket_filter.cpp).
_sdesk_filter_opts="--status --open --kind --priority --group --assignee --unassigned --requester --category --service --tag --ref --created-since --created-until --updated-since --updated-until"
_sdesk_opts_init="--shared --group --json --help -h"
_sdesk_opts_open="--description -d --kind -k --impact -i --urgency -u --priority -p --category -c --service -s --group -g --requester -r --assignee -a --tag -t --ref --json --quiet -q --help -h"
_sdesk_opts_show="--ref --json --help -h"
_sdesk_opts_list="$_sdesk_filter_opts --sort --limit --json --csv --quiet -q --help -h"
_sdesk_opts_log="--json --help -h"
_sdesk_opts_assign="--group -g --me --json --quiet -q --help -h"
_sdesk_opts_start="--json --quiet -q --help -h"
_sdesk_opts_comment="--json --quiet -q --help -h"
_sdesk_opts_pending="--reason --json --quiet -q --help -h"
_sdesk_opts_escalate="--to --reason --hierarchical --inform --auto --dry-run --json --quiet -q --help -h"
_sdesk_opts_sla="$_sdesk_filter_opts --at-risk --json --help -h"
_sdesk_opts_sla_explain="--json --help -h"
_sdesk_opts_resolve="--code --note --json --quiet -q --help -h"
_sdesk_opts_close="--json --quiet -q --help -h"
_sdesk_opts_reopen="--reason --json --quiet -q --help -h"
_sdesk_opts_update="--title --description -d --kind -k --impact -i --urgency -u --priority -p --category -c --service -s --requester -r --add-tag --remove-tag --json --quiet -q --help -h"
_sdesk_opts_config="--json --help -h"
_sdesk_opts_report="--month --last-month --quarter --half --year --from --to --tz --by --format --json --output -o --trend --no-trend $_sdesk_filter_opts --help -h"
_sdesk_opts_import="--format --map --tz --dry-run -n --json --notify --skip-invalid --rejects --help -h"
_sdesk_opts_export="$_sdesk_filter_opts --format --output -o --help -h"
_sdesk_opts_verify="--json --quiet -q --digest --against --help -h"
_sdesk_opts_outbox="--limit --json --quiet -q --help -h"
_sdesk_opts_link="--type -t --json --help -h"
_sdesk_opts_unlink="--type -t --json --help -h"
_sdesk_opts_event="--help -h"
_sdesk_opts_event_raw="--source --key --action --severity --summary --label --json --help -h"

# Options that take a value (the next word is not a command or an option).
_sdesk_value_opts=" --db --config --as --now --color --group -g --description -d --kind -k --impact -i --urgency -u --priority -p --category -c --service -s --requester -r --assignee -a --tag -t --ref --status --created-since --created-until --updated-since --updated-until --sort --limit --reason --to --inform --code --note --title --add-tag --remove-tag --format --map --tz --rejects --output -o --at-risk --month --quarter --half --year --from --by --type --source --key --action --severity --summary --label "

_sdesk_statuses="new assigned in_progress pending resolved closed investigating known_error requested assessed approved rejected scheduled implementing review cancelled"
_sdesk_kinds="incident request change problem"
_sdesk_levels="high medium low"
_sdesk_sort_fields="id priority status kind title created updated resolved closed group assignee requester category service escalation_level response_due resolution_due"
_sdesk_report_fields="priority group assignee category kind service"
_sdesk_sla_commands="explain"
_sdesk_event_commands="raw"
# Link types and their inverses (lib/model/link.cpp).
_sdesk_link_types="caused-by causes duplicates duplicated-by relates-to fixed-by fixes blocks blocked-by"

# Groups and resolution codes from the effective configuration.
_sdesk_config_groups()
{
    "${1:-sdesk}" config 2>/dev/null \
        | sed -n 's/^groups\.\(.*\)\.tier = .*/\1/p' | tr -d '"'
}
_sdesk_config_codes()
{
    "${1:-sdesk}" config 2>/dev/null \
        | sed -n 's/^desk\.resolution_codes = \[\(.*\)\].*/\1/p' | sed 's/[",]/ /g'
}

# Completes the last item of a comma-separated list in $cur from the words
# in $1; a leading - or + on the item is kept when $2 is "signed".
_sdesk_complete_list()
{
    local words=$1 signed=$2 head item sign=""
    if [[ $cur == *,* ]]; then
        head=${cur%,*},
        item=${cur##*,}
    else
        head=""
        item=$cur
    fi
    if [[ $signed == signed && ( $item == -* || $item == +* ) ]]; then
        sign=${item:0:1}
        item=${item:1}
    fi
    local w
    COMPREPLY=()
    for w in $words; do
        [[ $w == "$item"* ]] && COMPREPLY+=("$head$sign$w")
    done
    compopt -o nospace 2>/dev/null
}

# The first word of COMP_WORDS from index $1, before the cursor ($cword of
# the caller), that is not an option or an option's value: sets _sdesk_word
# and _sdesk_word_at and succeeds, or fails when there is none.
_sdesk_first_word()
{
    local i word
    for ((i = $1; i < cword; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == = ]]; then
            ((i++))
            continue
        fi
        if [[ $word == -* ]]; then
            [[ $word != *=* && $_sdesk_value_opts == *" $word "* ]] && ((i++))
            continue
        fi
        _sdesk_word=$word
        _sdesk_word_at=$i
        return 0
    done
    return 1
}

_sdesk()
{
    local cur prev cword words
    COMPREPLY=()
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=""
    ((cword > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

    # --opt=value: bash splits at '=' (COMP_WORDBREAKS).
    if [[ $cur == = ]]; then
        cur=""
    fi
    if [[ $prev == = && $cword -gt 1 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi

    # The command: the first word that is not an option or an option's value.
    local cmd="" cmd_at=$cword
    if _sdesk_first_word 1; then
        cmd=$_sdesk_word
        cmd_at=$_sdesk_word_at
    fi

    local sdesk=${COMP_WORDS[0]}
    case $prev in
        --db | --config | --output | -o | --rejects | --against)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return
            ;;
        --map | --tz | --source | --key | --summary | --label)
            return # free text
            ;;
        --action)
            COMPREPLY=($(compgen -W "trigger acknowledge resolve" -- "$cur"))
            return
            ;;
        --severity)
            COMPREPLY=($(compgen -W "critical error warning info" -- "$cur"))
            return
            ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return
            ;;
        --kind | -k)
            if [[ $cmd == list || $cmd == export || $cmd == sla || $cmd == report ]]; then
                _sdesk_complete_list "$_sdesk_kinds"
            else
                COMPREPLY=($(compgen -W "$_sdesk_kinds" -- "$cur"))
            fi
            return
            ;;
        --impact | -i | --urgency | -u)
            COMPREPLY=($(compgen -W "$_sdesk_levels" -- "$cur"))
            return
            ;;
        --status)
            _sdesk_complete_list "$_sdesk_statuses"
            return
            ;;
        --format)
            if [[ $cmd == import || $cmd == export ]]; then
                COMPREPLY=($(compgen -W "jsonl csv" -- "$cur"))
            elif [[ $cmd == report ]]; then
                COMPREPLY=($(compgen -W "table markdown csv json html" -- "$cur"))
            fi
            return
            ;;
        --sort)
            _sdesk_complete_list "$_sdesk_sort_fields" signed
            return
            ;;
        --by)
            _sdesk_complete_list "$_sdesk_report_fields"
            return
            ;;
        --priority | -p)
            COMPREPLY=($(compgen -W "P1 P2 P3 P4" -- "$cur"))
            return
            ;;
        --group | -g | --to)
            [[ $cmd == report ]] && return # --to DATE: free text
            COMPREPLY=($(compgen -W "$(_sdesk_config_groups "$sdesk")" -- "$cur"))
            return
            ;;
        --code)
            COMPREPLY=($(compgen -W "$(_sdesk_config_codes "$sdesk")" -- "$cur"))
            return
            ;;
        --type)
            COMPREPLY=($(compgen -W "$_sdesk_link_types" -- "$cur"))
            return
            ;;
        --as | --now | --description | -d | --category | -c | --service | -s | \
            --requester | -r | --assignee | -a | --tag | -t | --created-since | \
            --created-until | --updated-since | --updated-until | --limit | --reason | \
            --inform | --note | --title | --add-tag | --remove-tag | --at-risk | --month | \
            --quarter | --half | --year | --from)
            return # free text
            ;;
    esac

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$_sdesk_global_opts" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_sdesk_commands" -- "$cur"))
        fi
        return
    fi

    # sla's subcommand: the first word after `sla` that is not an option or
    # an option's value.
    local sub=""
    if [[ $cmd == sla || $cmd == event ]] && _sdesk_first_word $((cmd_at + 1)); then
        sub=$_sdesk_word
    fi

    if [[ $cur == -* ]]; then
        local var=_sdesk_opts_$cmd
        [[ $sub == explain ]] && var=${var}_explain
        [[ $cmd == event && -n $sub ]] && var=${var}_$sub
        COMPREPLY=($(compgen -W "${!var} $_sdesk_global_opts_after" -- "$cur"))
        return
    fi
    if [[ $cmd == sla && -z $sub ]]; then
        COMPREPLY=($(compgen -W "$_sdesk_sla_commands" -- "$cur"))
    elif [[ $cmd == event && -z $sub ]]; then
        COMPREPLY=($(compgen -W "$_sdesk_event_commands" -- "$cur"))
    elif [[ $cmd == init || $cmd == import ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

complete -F _sdesk sdesk
