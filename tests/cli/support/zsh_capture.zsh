# zsh -f zsh_capture.zsh COMPLETION_DIR OUT_FILE LINE: types LINE and TAB
# into an interactive zsh in a pseudo-terminal (zpty), with COMPLETION_DIR
# first in $fpath and compinit run, and writes every candidate zsh's
# completion system adds (compadd, wrapped) to OUT_FILE, one a line. Waits
# until the completion widget has returned (at most 30 s), not a fixed time.
zmodload zsh/zpty || exit 125
out=$2
zpty z zsh -f -i
zpty -w z "PS1=''; PROMPT=''"
zpty -w z "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; typeset -a __hits; builtin compadd -A __hits \"\$@\"; print -l -- \$__hits >> ${(q)out}.tmp; builtin compadd \"\$@\"; }"
zpty -w z "zstyle ':completion:*' list-grouped false"
zpty -w z "complete-and-mark() { zle complete-word; : >> ${(q)out}.done; }; zle -N complete-and-mark"
zpty -w z "bindkey '^I' complete-and-mark; print READY"
zpty -r z line '*READY*'
zpty -w -n z "$3"$'\t'
for i in {1..300}; do
  [[ -e $out.done ]] && break
  sleep 0.1
done
zpty -w z $'\x03'
zpty -d z
[[ -e $out.done ]] || exit 1
touch $out.tmp
mv $out.tmp $out
rm -f $out.done
