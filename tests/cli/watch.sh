#!/usr/bin/env bash
# sdesk watch / unwatch: agents and addresses as watchers, shown by show and
# show --json, one history event per change, refusals store nothing.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
cat >"$TEST_DIR/agents.toml" <<'TOML'
[agents.alice]
email = "alice@example.org"
[agents.bob]
TOML
cfg=(--config "$TEST_DIR/agents.toml")
sd 0 "${cfg[@]}" open "Printer on fire"

sd 0 "${cfg[@]}" watch 1 bob Ann@Example.org alice@EXAMPLE.org
expect_eq "$out" "bob watches ticket 1
ann@example.org watches ticket 1
alice watches ticket 1" "watch: agent, address (lower case), an agent's address as its name"
sd 0 "${cfg[@]}" watch 1 bob --json
expect_eq "$out" '{"id":1,"added":[],"watchers":["alice","ann@example.org","bob"]}' "watch again: nothing added"
sd 0 "${cfg[@]}" show 1
expect_contains "$out" "Watchers:
  alice, ann@example.org, bob" "show lists the watchers"
sd 0 "${cfg[@]}" show 1 --json
expect_eq "$(jq -c .watchers <<<"$out")" '["alice","ann@example.org","bob"]' "show --json"
expect_eq "$(jq -c '[.history[] | select(.action == "watch") | .data]' <<<"$out")" '[{"who":["bob","ann@example.org","alice"]}]' "one watch event"
expect_eq "$(jq '[.outbox[] | select(.kind == "watch")] | length' <<<"$out")" "0" "watch is not notifiable"

sd 0 "${cfg[@]}" unwatch 1 ann@example.org carol@example.org
expect_eq "$out" "ann@example.org no longer watches ticket 1
carol@example.org does not watch ticket 1 already" "unwatch"
sd 0 "${cfg[@]}" show 1 --json
expect_eq "$(jq -c .watchers <<<"$out")" '["alice","bob"]' "after unwatch"
expect_eq "$(jq -c '[.history[] | select(.action == "unwatch") | .data]' <<<"$out")" '[{"who":["ann@example.org"]}]' "unwatch event"

# Refusals: nothing stored.
before=$(store_digest)
sd 2 "${cfg[@]}" watch 1 mallory
expect_error "WHO: unknown agent 'mallory'" "unknown agent"
sd 2 "${cfg[@]}" watch 1 "a b@example.org"
expect_error "WHO: not an email address" "bad address"
sd 2 "${cfg[@]}" watch 1 bob "$(printf 'x\ny@example.org')"
expect_error "WHO" "multi-line"
sd 3 "${cfg[@]}" watch 9 bob
expect_error "ticket 9 not found" "unknown ticket"
sd 2 "${cfg[@]}" watch 1
expect_error "who is required" "no WHO"
[ "$(store_digest)" = "$before" ] || fail "refused watch changed the store"

# Without agents configured, any name is accepted.
sd 0 watch 1 carol
expect_eq "$out" "carol watches ticket 1" "any name without agents"
sd 0 verify
finish
