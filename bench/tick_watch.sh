#!/usr/bin/env bash
# `sdesk tick` with nothing to do against `sdesk --version`, for two sdesk
# binaries (before and after the escalation watch, say), on copies of a
# generated store (bench/README.md, "sdesk tick with nothing to do").
#
#   bench/tick_watch.sh OLD_SDESK NEW_SDESK STORE [WORKDIR]
#
# Configurations: `empty` (no rules, no recurring tickets) and `warn` (one
# rule, [escalation.rules.warn] at = "80%"). A first tick with the rule
# records what is due (its time is printed), so that the measured ticks find
# nothing to do. Instructions under callgrind, then hyperfine if installed.
set -eu
old=$1 new=$2 store=$3 work=${4:-bench/out/tick}
mkdir -p "$work"
: >"$work/empty.toml"
printf '[escalation.rules.warn]\nat = "80%%"\n' >"$work/warn.toml"
export SDESK_NOW=2026-12-02T10:00:00Z SDESK_SYSTEM_CONFIG=/nonexistent SDESK_USER=bench
unset SDESK_CONFIG SDESK_DB

for v in old new; do
  bin=$old
  [ "$v" = new ] && bin=$new
  cp "$store" "$work/$v.db"
  /usr/bin/time -f "$v: first tick (records what is due): %e s wall, %U s user, %M KiB peak" \
    "$bin" --db "$work/$v.db" --config "$work/warn.toml" tick --json | jq -c '.total'
done

# Instructions of one run of "$@" under callgrind.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "callgrind (instructions):"
echo "  new --version:     $(instructions "$new" --version)"
for v in old new; do
  bin=$old
  [ "$v" = new ] && bin=$new
  for c in empty warn; do
    echo "  $v tick, $c: $(instructions "$bin" --db "$work/$v.db" --config "$work/$c.toml" tick)"
  done
done

if command -v hyperfine >/dev/null; then
  hyperfine -N -w 3 -r "${BENCH_RUNS:-30}" --export-markdown "$work/tick.md" \
    "$new --version" \
    "$old --db $work/old.db --config $work/warn.toml tick" \
    "$new --db $work/new.db --config $work/warn.toml tick" \
    "$new --db $work/new.db --config $work/empty.toml tick"
fi
