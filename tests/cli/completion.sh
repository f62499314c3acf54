#!/bin/bash
# Shell completion: `sdesk __complete` (docs/completion.md) and the bash,
# fish and zsh scripts in completions/, driven through each shell.
. "$(dirname "$0")/lib.sh"
src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

mkdir -p "$XDG_CONFIG_HOME/sdesk" "$TEST_DIR/bin"
cat >"$XDG_CONFIG_HOME/sdesk/config.toml" <<'TOML'
[store]
path = "STORE"
[desk]
default_group = "service-desk"
categories = ["access", "email", "hardware"]
services = ["email", "vpn", "erp"]
resolution_codes = ["fixed", "workaround", "duplicate"]
[groups.service-desk]
tier = 1
escalates_to = "network"
[groups.network]
tier = 2
[agents.alice]
groups = ["service-desk"]
[agents.bob]
groups = ["network"]
TOML
sed -i "s|STORE|$DB|" "$XDG_CONFIG_HOME/sdesk/config.toml"
# The scripts run `sdesk` from PATH, as a user's shell would.
ln -s "$SDESK" "$TEST_DIR/bin/sdesk"
export PATH="$TEST_DIR/bin:$PATH"

# complete WORD...: the words `sdesk __complete` prints for the last WORD
# (descriptions dropped).
complete() {
  "$SDESK" __complete -- "$@" 2>"$TEST_DIR/stderr" | cut -f1 | tr '\n' ' ' | sed 's/ $//'
}

# --- No store yet: commands and options still complete, nothing is made ---
expect_eq "$(complete show '')" "" "ticket ids without a store"
[ -e "$DB" ] && fail "__complete created the store"
expect_eq "$(complete re)" "resolve reopen report recurring" "commands by prefix (recurring: issue 11)"
expect_eq "$(complete open --gr)" "--group" "an option by prefix"
expect_eq "$(complete --co)" "--config --color" "global options before a command"
expect_eq "$(complete open --db x --co)" "--config --color" "global options after a command"
expect_eq "$(complete sla '')" "explain" "a command's subcommand"
expect_eq "$(complete sla explain --j)" "--json" "a subcommand's options"
"$SDESK" --help | grep -q __complete && fail "sdesk --help shows __complete"
"$SDESK" __complete -- open --gr | grep -q $'^--group\tGroup' || fail "options come with their description"

# --- Values from the CLI definition and the model ---
expect_eq "$(complete open --kind '')" "incident request change problem" "--kind"
expect_eq "$(complete open --impact l)" "low" "--impact"
expect_eq "$(complete list --status new,a)" "new,assigned new,assessed new,approved" "a list's last item"
expect_eq "$(complete list --sort -pri)" "-priority" "a descending sort key"
expect_eq "$(complete --color=a)" "--color=auto --color=always" "--option=value (CLI::IsMember)"
expect_eq "$(complete report --format m)" "markdown" "report --format"
expect_eq "$(complete import --format '')" "jsonl csv" "import --format"
expect_eq "$(complete link 1 --type cause)" "caused-by causes" "link types"
expect_eq "$(complete import x)" ":files" "a file argument asks the shell for file names"
expect_eq "$(complete export -o x)" ":files" "a file option asks the shell for file names"
expect_eq "$(complete open --title '')" "" "free text: nothing"

# --- Values from the configuration ---
expect_eq "$(complete open --group '')" "network service-desk" "groups"
expect_eq "$(complete assign 1 --group=n)" "--group=network" "--group=value"
expect_eq "$(complete escalate 1 --to s)" "service-desk" "escalate --to"
expect_eq "$(complete assign 1 '')" "alice bob" "agents (positional)"
expect_eq "$(complete open -a b)" "bob" "agents (option)"
expect_eq "$(complete open -c '')" "access email hardware" "categories"
expect_eq "$(complete update 1 --service v)" "vpn" "services"
expect_eq "$(complete list --category e)" "email" "filter categories"
expect_eq "$(complete resolve 1 --code '')" "fixed workaround duplicate" "resolution codes"
expect_eq "$(complete open -p '')" "P1 P2 P3 P4" "priorities"
expect_eq "$(complete --config /nonexistent open --group '')" "" "a config that cannot be read: no values"

# --- Open ticket ids from the store ---
sd 0 init
for i in $(seq 1 25); do sd 0 open "ticket $i" -q; done
sd 0 resolve 12 --code fixed -q
sd 0 resolve 2 --code fixed -q
before=$(store_digest)
expect_eq "$(complete show 1)" "1 10 11 13 14 15 16 17 18 19" "open ids by prefix (12 is resolved)"
expect_eq "$(complete comment 2)" "20 21 22 23 24 25" "open ids by prefix (2 is resolved)"
expect_eq "$(complete link 3 --type causes 2)" "20 21 22 23 24 25" "the second id of link"
expect_eq "$(complete show '#2')" "#20 #21 #22 #23 #24 #25" "ids written #N"
expect_eq "$(complete show 9)" "9" "a whole id"
expect_eq "$(complete show x)" "" "not an id"
expect_eq "$("$SDESK" __complete -- show '' | wc -l)" "23" "every open id"
expect_eq "$(store_digest)" "$before" "__complete changed the store"
other="$TEST_DIR/other.db"
"$SDESK" --db "$other" init >/dev/null
"$SDESK" --db "$other" open "elsewhere" -q >/dev/null
expect_eq "$(complete --db "$other" show '')" "1" "--db names the store"
expect_eq "$(complete --db="$other" show '')" "1" "--db=PATH names the store"

# An older store: no ids, and it is not upgraded.
cp "$DB" "$TEST_DIR/old.db"
sqlite3 "$TEST_DIR/old.db" "PRAGMA user_version = 9"
expect_eq "$(complete --db "$TEST_DIR/old.db" show 1)" "" "an older store gives no ids"
expect_eq "$(sqlite3 "$TEST_DIR/old.db" "PRAGMA user_version")" "9" "an older store is not upgraded"
expect_eq "$(complete --db "$TEST_DIR/none.db" show 1)" "" "a missing store gives no ids"
[ -e "$TEST_DIR/none.db" ] && fail "__complete created a missing store"
expect_eq "$(complete --db "$TEST_DIR/old.db" sh)" "show" "commands complete whatever the store"
printf 'not a database at all, just some text that is long enough\n%.0s' $(seq 1 200) >"$TEST_DIR/junk.db"
junk_before=$(sha256sum <"$TEST_DIR/junk.db")
out=$("$SDESK" __complete -- --db "$TEST_DIR/junk.db" show 1 2>"$TEST_DIR/stderr")
rc=$?
expect_eq "$rc:$out:$(cat "$TEST_DIR/stderr")" "0::" "a file that is not a store: no ids, exit 0, nothing on stderr"
expect_eq "$(sha256sum <"$TEST_DIR/junk.db")" "$junk_before" "a file that is not a store is left as it was"

# --- bash: COMP_WORDS as bash splits them ---
# bash_offers WORD...: COMPREPLY for the last word.
bash_offers() {
  bash -c '
    source "$1" || exit 1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _sdesk
    printf "%s\n" "${COMPREPLY[@]}"
  ' _ "$src/completions/sdesk.bash" "$@" | tr '\n' ' ' | sed 's/ $//'
}
expect_eq "$(bash_offers sdesk op)" "open" "bash: a command"
expect_eq "$(bash_offers sdesk open --gr)" "--group" "bash: an option"
expect_eq "$(bash_offers sdesk open --group '')" "network service-desk" "bash: groups"
expect_eq "$(bash_offers sdesk open --group = s)" "service-desk" "bash: --group=s (split at '=')"
expect_eq "$(bash_offers sdesk open --group =)" "=network =service-desk" "bash: --group= (cursor after '=')"
expect_eq "$(bash_offers sdesk show 2)" "20 21 22 23 24 25" "bash: ticket ids"
expect_eq "$(bash_offers sdesk list --status new,as)" "new,assigned new,assessed" "bash: a list item"
mkdir -p "$TEST_DIR/my dir" && cp "$other" "$TEST_DIR/my dir/desk.db"
expect_eq "$(bash_offers sdesk --db "'$TEST_DIR/my dir/desk.db'" show '')" "1" "bash: a quoted --db path"
touch "$TEST_DIR/import-me.jsonl"
expect_eq "$(bash_offers sdesk import "$TEST_DIR/import-m")" "$TEST_DIR/import-me.jsonl" "bash: file names"

# --- fish: complete -C ---
if command -v fish >/dev/null; then
  fish_offers() {
    fish --no-config -c "source $src/completions/sdesk.fish; complete -C '$1'" | cut -f1 | sort | tr '\n' ' ' | sed 's/ $//'
  }
  expect_eq "$(fish_offers 'sdesk op')" "open" "fish: a command"
  expect_eq "$(fish_offers 'sdesk open --gr')" "--group" "fish: an option"
  expect_eq "$(fish_offers 'sdesk open --group ')" "network service-desk" "fish: groups"
  expect_eq "$(fish_offers 'sdesk open --group=s')" "--group=service-desk" "fish: --group=s"
  expect_eq "$(fish_offers 'sdesk show 2')" "20 21 22 23 24 25" "fish: ticket ids"
  expect_eq "$(fish_offers 'sdesk resolve 1 --code w')" "workaround" "fish: resolution codes"
  expect_eq "$(fish_offers "sdesk import $TEST_DIR/import-m")" "$TEST_DIR/import-me.jsonl" "fish: file names"
else
  fail "fish is not installed (scripts/install-deps installs it)"
fi

# --- zsh: the completion system in a pseudo-terminal (zpty) ---
if command -v zsh >/dev/null; then
  zsh_offers() {
    rm -f "$TEST_DIR/zsh.out"
    timeout 30 zsh -f "$src/tests/cli/support/zsh_capture.zsh" "$src/completions" "$TEST_DIR/zsh.out" "$1" >/dev/null 2>&1
    [ -f "$TEST_DIR/zsh.out" ] && sort -u "$TEST_DIR/zsh.out" | tr '\n' ' ' | sed 's/ $//'
  }
  expect_eq "$(zsh_offers 'sdesk op')" "open" "zsh: a command"
  expect_eq "$(zsh_offers 'sdesk open --gr')" "--group" "zsh: an option"
  expect_eq "$(zsh_offers 'sdesk open --group ')" "network service-desk" "zsh: groups"
  expect_eq "$(zsh_offers 'sdesk show 2')" "20 21 22 23 24 25" "zsh: ticket ids"
  expect_eq "$(zsh_offers 'sdesk list --status new,as')" "new,assessed new,assigned" "zsh: a list item"
  expect_eq "$(zsh_offers "sdesk import $TEST_DIR/import-m")" "import-me.jsonl" "zsh: file names"
else
  fail "zsh is not installed (scripts/install-deps installs it)"
fi

finish
