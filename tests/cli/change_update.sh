#!/usr/bin/env bash
# `sdesk update` edits a change's plan (docs/sdesk-update.md): risk, type,
# window, release and the three plans, while the change is requested or
# assessed; from approval on the plan is what the board approved, and an
# edit is refused (exit 4, rule plan-frozen), store unchanged.
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/change.toml" <<'TOML'
[change]
cab = ["alice", "chandra"]
ecab = ["dana"]
approvals = { normal = 1, emergency = 1 }
TOML
export SDESK_CONFIG="$TEST_DIR/change.toml"
sd 0 init "$DB"
field() { "$SDESK" --db "$DB" show "$1" --json | jq -c "$2"; }

sd 0 open "Upgrade the VPN gateway" --kind change --risk low --plan "upgrade" -q --as rita
chg=$out
# --- requested: every plan field can be edited, each change in history -------
sd 0 update "$chg" --risk high --change-type emergency --release 2026.12 --backout-plan - \
  --test-plan "connect from home" --planned-start 2026-12-10T10:00Z --planned-end 2026-12-10T12:00Z \
  < <(printf 'reinstall 4.1')
expect_eq "$(field "$chg" '.ticket | [.risk, .change_type, .release, .plan, .backout_plan, .test_plan, .planned_start, .planned_end]')" \
  '["high","emergency","2026.12","upgrade","reinstall 4.1","connect from home","2026-12-10T10:00:00+00:00","2026-12-10T12:00:00+00:00"]' \
  "update: the plan fields of a requested change"
expect_eq "$(field "$chg" '[.history[] | select(.action == "update") | .field] | sort')" \
  '["backout_plan","change_type","planned_end","planned_start","release","risk","test_plan"]' \
  "update: one history event per changed plan field"

# --- refusals: bad values, wrong kind, standard type, window order -------------
digest=$(store_digest)
sd 2 update "$chg" --risk extreme
expect_error "--risk: unknown value 'extreme' (accepted: low, medium, high)" "a bad risk"
sd 2 update "$chg" --change-type standard
expect_error "--change-type: a standard change is opened from a template ('sdesk change open'; accepted here: normal, emergency)" \
  "standard is not set by update"
sd 2 update "$chg" --planned-end 2026-12-10T09:00Z
expect_error "--planned-end: 2026-12-10T09:00:00+00:00 is not after --planned-start (2026-12-10T10:00:00+00:00)" \
  "the window is checked against the stored start"
sd 2 update "$chg" --plan a --backout-plan - --test-plan - </dev/null
expect_error "standard input is read once" "two '-' plans"
sd 0 open "Printer jam" -q
inc=$out
digest=$(store_digest)
sd 2 update "$inc" --risk high
expect_error "--risk: set on a incident, but only change records have it (rule field-kind)" "a plan on an incident"
expect_eq "$(store_digest)" "$digest" "refused updates change nothing"

# --- assessed: still editable; approved: frozen -------------------------------
sd 0 change assess "$chg"
sd 0 update "$chg" --plan "upgrade to 4.2"
expect_eq "$(field "$chg" '.ticket.plan')" '"upgrade to 4.2"' "update: the plan of an assessed change"
sd 0 change approve "$chg" --as dana
digest=$(store_digest)
sd 4 update "$chg" --plan "something else"
expect_error "change $chg is approved; its plan is what was approved and can be edited only while requested or assessed (rule plan-frozen)" \
  "the plan of an approved change"
expect_eq "$(store_digest)" "$digest" "a frozen plan is unchanged"
sd 0 update "$chg" --title "Upgrade the VPN gateway to 4.2"
expect_eq "$(field "$chg" '.ticket.title')" '"Upgrade the VPN gateway to 4.2"' "other fields stay editable"
finish
