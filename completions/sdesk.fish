# fish completion for sdesk.
#
# Install: copy to ~/.config/fish/completions/ or
# /usr/share/fish/vendor_completions.d/. The candidates come from sdesk
# itself: `sdesk __complete -- WORD... CURRENT` (docs/completion.md) knows
# every command and option, and the groups, agents, ... and open ticket ids
# of the desk, so this script names none of them.

function __sdesk_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    for line in (command $words[1] __complete -- $words[2..-1] $current 2>/dev/null)
        if test "$line" = :files
            __fish_complete_path $current
        else
            printf '%s\n' $line
        end
    end
end

complete -c sdesk -f -a '(__sdesk_complete)'
