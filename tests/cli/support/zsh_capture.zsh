# zsh -f capture.zsh COMPLETION_DIR OUT_FILE LINE: prints what zsh's
# completion system offers for LINE (one candidate a line) into OUT_FILE.
zmodload zsh/zpty || exit 125
zpty z zsh -f -i
zpty -w z "PS1=''; PROMPT=''; unsetopt zle_bracketed_paste 2>/dev/null"
zpty -w z "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; typeset -a __hits; builtin compadd -A __hits \"\$@\"; print -l -- \$__hits >> ${(q)2}; builtin compadd \"\$@\"; }"
zpty -w z "zstyle ':completion:*' list-grouped false"
zpty -w z "bindkey '^I' complete-word; print READY"
zpty -r z line '*READY*'
zpty -w -n z "$3"$'\t'
sleep 0.5
zpty -w z $'\x03'
zpty -w z "print DONE"
zpty -r z line '*DONE*'
zpty -d z
