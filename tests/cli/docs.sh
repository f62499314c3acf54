#!/usr/bin/env bash
# Docs say what the program does: claims and examples in docs/ and the README
# checked against the built binary. Each check names the page it reads.
. "$(dirname "$0")/lib.sh"

src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
docs=$src/docs

# replay_block FILE COMMAND: runs, in a new empty directory, every "$ " line
# of the code block of FILE that contains the line "$ COMMAND", and checks
# that each prints what the block shows after it ("[exit N]" is the exit
# status). `sdesk` in the block is the binary under test.
replay_block() {
  local file=$1 first="\$ $2" dir
  dir=$(mktemp -d "$TEST_DIR/replay.XXXXXX")
  mkdir -p "$dir/bin" && ln -s "$SDESK" "$dir/bin/sdesk"
  local block
  block=$(awk -v first="$first" '
    /^```/ { if (found) exit; n = 0; delete lines; next }
    { lines[++n] = $0; if ($0 == first) found = 1 }
    found && $0 != first && !printed { for (i = 1; i <= n; i++) print lines[i]; printed = 1; next }
    printed { print }' "$file")
  [ -n "$block" ] || { fail "$(basename "$file"): no code block with '$2'"; return; }
  local command="" expected="" line
  run_one() {
    [ -n "$command" ] || return 0
    local actual code want=0
    actual=$(cd "$dir" && PATH="$dir/bin:$PATH" bash -c "$command" 2>&1)
    code=$?
    if [[ $expected =~ (^|$'\n')\[exit\ ([0-9]+)\]$ ]]; then
      want=${BASH_REMATCH[2]}
      expected=${expected%"${BASH_REMATCH[0]}"}
    fi
    expect_eq "$actual" "$expected" "$(basename "$file"): output of '$command'"
    expect_eq "$code" "$want" "$(basename "$file"): exit status of '$command'"
  }
  while IFS= read -r line; do
    if [[ $line == '$ '* ]]; then
      run_one
      command=${line#\$ } expected=""
    else
      expected+=${expected:+$'\n'}$line
    fi
  done <<<"$block"
  run_one
}

sd 0 init "$DB"

# sdesk-config.md and sdesk-init.md: the examples print what they show.
replay_block "$docs/sdesk-config.md" "sdesk --db desk.db config"
replay_block "$docs/sdesk-init.md" "sdesk init desk.db"
replay_block "$docs/sdesk-link.md" "sdesk --db desk.db link 1 2 --type caused-by"

# init --group with a group that does not exist: the exit code that
# sdesk-init.md and exit-codes.md give for it.
sd 2 init "$TEST_DIR/shared/desk.db" --shared --group no-such-group-here
grep -q '^| 2 | usage |.*`--group` that does not exist' "$docs/exit-codes.md" \
  || fail "exit-codes.md: row 2 does not name an unknown init --group"
if grep '^| 5 |' "$docs/exit-codes.md" | grep -q -- '--group'; then
  fail "exit-codes.md: row 5 still names --group"
fi
grep -A2 '^- 2:' "$docs/sdesk-init.md" | grep -q 'the group does not exist' \
  || fail "sdesk-init.md: exit 2 does not name an unknown group"

# sdesk-update.md: values equal to the current ones change nothing (exit 0);
# no field option at all is a usage error (exit 2).
sd 0 open "Printer jams" -q
before=$(store_digest)
sd 0 update 1 --title "Printer jams"
expect_eq "$(store_digest)" "$before" "update to the same title records nothing"
sd 2 update 1
expect_error "update: nothing to change (name at least one field option)" "update with no option"
grep -q 'Without any field option, `update` is a usage error (exit 2)' "$docs/sdesk-update.md" \
  || fail "sdesk-update.md: does not say that update without options exits 2"
grep -A1 '^- 2:' "$docs/sdesk-update.md" | grep -q 'no field option' \
  || fail "sdesk-update.md: EXIT STATUS 2 does not list 'no field option'"

# sdesk-pending.md: pending pauses the resolution clock (sla-policies.md);
# the page must not say otherwise.
if grep -q 'nothing is paused' "$docs/sdesk-pending.md"; then
  fail "sdesk-pending.md still says pending pauses nothing"
fi
grep -q 'sla-policies.md#the-clock' "$docs/sdesk-pending.md" \
  || fail "sdesk-pending.md: no link to how pending pauses the clock"
cat >"$TEST_DIR/sla.toml" <<'TOML'
[sla.policies.standard]
calendar = "24x7"
response = { P3 = "1h" }
resolution = { P3 = "8h" }
TOML
SLA_DB="$TEST_DIR/sla.db"
"$SDESK" --db "$SLA_DB" init "$SLA_DB" >/dev/null
"$SDESK" --db "$SLA_DB" --config "$TEST_DIR/sla.toml" open "VPN down" -q >/dev/null
"$SDESK" --db "$SLA_DB" --config "$TEST_DIR/sla.toml" --now 2026-11-02T10:00:00Z pending 1 --reason "user away" -q >/dev/null
due=$("$SDESK" --db "$SLA_DB" --config "$TEST_DIR/sla.toml" --now 2026-11-02T12:00:00Z --as alice start 1 --json | jq -r .resolution_due)
expect_eq "$due" "2026-11-02T19:00:00+00:00" "two hours pending move the resolution due time by two hours"

# "First response" is defined once (sla.md); the pages that use the term
# link to that definition instead of restating it differently.
definition='the first comment by someone other than the requester who, when `[agents]` is configured, is listed there'
grep -qF "$definition" "$docs/sla.md" || fail "sla.md: no definition of first response"
for page in sdesk-comment.md sla-policies.md; do
  grep -q 'sla.md#first-response' "$docs/$page" || fail "$page: does not link the definition of first response"
  if grep -qiE 'first (comment|response).*(by an agent|by someone listed)' "$docs/$page"; then
    fail "$page: restates the definition of first response"
  fi
done
# What the definition says: an agent who is also the requester does not
# answer their own ticket; another agent does.
printf '[agents.alice]\ngroups = ["service-desk"]\n[agents.bob]\ngroups = ["service-desk"]\n' >"$TEST_DIR/agents.toml"
"$SDESK" --db "$DB" --config "$TEST_DIR/agents.toml" --as alice open "Disk full" --requester alice -q >/dev/null
"$SDESK" --db "$DB" --config "$TEST_DIR/agents.toml" --as alice comment 2 "looking" -q >/dev/null
expect_eq "$("$SDESK" --db "$DB" show 2 --json | jq -r .ticket.first_response)" "null" "the requester's own comment is no first response"
"$SDESK" --db "$DB" --config "$TEST_DIR/agents.toml" --as bob comment 2 "on it" -q >/dev/null || fail "bob comment"
expect_eq "$("$SDESK" --db "$DB" show 2 --json | jq -r .ticket.first_response)" "2026-11-02T09:00:00+00:00" "another agent's comment is the first response"

# README: NO_COLOR turns colour off unless --color always asks for it.
"$SDESK" --db "$DB" open "Core switch down" --priority P1 -q >/dev/null
coloured=$(NO_COLOR=1 "$SDESK" --db "$DB" --color always list | grep -c $'\e\[' || true)
[ "$coloured" -gt 0 ] || fail "--color always does not colour with NO_COLOR set"
plain=$(NO_COLOR=1 "$SDESK" --db "$DB" list | grep -c $'\e\[' || true)
expect_eq "$plain" "0" "no colour with NO_COLOR and --color auto"
grep -q 'NO_COLOR` (`--color always` overrides it)' "$src/README.md" \
  || fail "README: does not say that --color always overrides NO_COLOR"

finish
