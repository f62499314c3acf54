#!/usr/bin/env bash
# The five-minute tour, run by `make run`: a fresh store in a temporary
# directory, a few tickets taken through their life, and the results.
# Nothing outside that directory is touched.
set -euo pipefail

SDESK=${SDESK:-sdesk}
SDESK=$(command -v "$SDESK" || echo "$SDESK")
work=$(mktemp -d "${TMPDIR:-/tmp}/sdesk-quickstart.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" SDESK_SYSTEM_CONFIG="$work/none"
unset SDESK_DB SDESK_CONFIG

# Prints the command as you would type it, then runs it.
step() {
  local shown="" arg
  for arg in "$@"; do
    case "$arg" in
      *[[:space:]\;\'\"]*) shown+=" '${arg//\'/\'\\\'\'}'" ;;
      *) shown+=" $arg" ;;
    esac
  done
  printf '\n$ sdesk%s\n' "$shown"
  "$SDESK" "$@"
}

echo "sdesk quick start (store: $XDG_DATA_HOME/sdesk/desk.db, created on first use)"
step open "Printer on floor 3 jams" --category hardware --tag printer --requester bob --as bob
step open "VPN drops every 10 minutes" --impact high --urgency high --service vpn --as carol
step open "New starter needs a laptop" --kind request --impact low --urgency low --as dave
step assign 1 alice
step start 1 --as alice
step comment 1 "Cleared the jam; ordering a new fuser" --as alice
step pending 1 --reason "waiting for the fuser" --as alice
step escalate 2 --reason "network team needed"
step assign 2 nina
step escalate 2 --hierarchical --inform it-manager --reason "whole office affected"
step resolve 2 --code fixed --note "firmware upgraded on the VPN gateway" --as nina
step close 2
step list
step list --open --sort priority
printf '\n$ sdesk show 3 --json | jq .ticket.status\n'
"$SDESK" show 3 --json | { command -v jq >/dev/null && jq .ticket.status || cat; }
step show 1
step log 2
