#!/usr/bin/env bash
# Runs each libFuzzer target of a fuzz build for a bounded time (`make fuzz`;
# tests/fuzz/README.md). Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
#
# The committed seeds (tests/fuzz/corpus/<target>/) are copied into
# BUILD_DIR/fuzz/corpus/<target>/, the working corpus the fuzzer adds to,
# so nothing is written into the source tree. A crash, sanitizer report,
# leak, timeout or out-of-memory input is saved as
# BUILD_DIR/fuzz/artifacts/<target>-<kind>-<hash> and fails the run.
set -uo pipefail

build=${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-45}
shift $(($# < 2 ? $# : 2))
source_dir=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl csv time config mail)

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for target in "${targets[@]}"; do
  binary="$build/tests/fuzz/fuzz_$target"
  if [ ! -x "$binary" ]; then
    echo "fuzz: $binary missing (build it with 'make fuzz')" >&2
    exit 1
  fi
  corpus="$build/fuzz/corpus/$target"
  artifacts="$build/fuzz/artifacts"
  log="$build/fuzz/$target.log"
  mkdir -p "$corpus" "$artifacts"
  cp "$source_dir/corpus/$target"/* "$corpus"/
  # One line of an import, one config file or one time fits in 4 KB (a
  # mail message with its MIME structure in 64 KB); 2 GB and 10 s an input
  # are far beyond what any reader needs.
  max_len=4096
  [ "$target" = mail ] && max_len=65536
  "$binary" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 >"$log" 2>&1
  status=$?
  summary=$(grep -E '^(stat::number_of_executed_units|stat::new_units_added)' "$log" |
    sed 's/^stat:://' | paste -sd' ')
  if [ "$status" -eq 0 ]; then
    echo "fuzz: $target: ok ($summary)"
  else
    echo "fuzz: $target: FAILED (exit $status); log: $log" >&2
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written|artifact' "$log" | head -20 >&2
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (reproduce: $build/tests/fuzz/fuzz_TARGET ARTIFACT)" >&2
  exit 1
fi
