#!/usr/bin/env bash
# The Debian package (packaging/package.cmake): cpack builds it from the
# build directory; it holds the binary, the man pages, the completions at
# Debian's paths and /usr/share/doc/sdesk/ (copyright, examples); Depends is
# libc alone (no C++ shared library). Installed into a throw-away root with
# `dpkg -x`, its sdesk runs and man(1) finds its pages.
#
# Environment: SDESK, SDESK_SOURCE_DIR, SDESK_BUILD_DIR (the build directory,
# with CPackConfig.cmake and the built man pages).
. "$(dirname "$0")/lib.sh"

src=${SDESK_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${SDESK_BUILD_DIR:-$(dirname "$SDESK")}
for tool in cpack dpkg-deb dpkg-shlibdeps man readelf; do
  command -v "$tool" >/dev/null || { echo "$tool missing (scripts/install-deps): skipped" >&2; exit 125; }
done
[ -f "$build/CPackConfig.cmake" ] || { fail "no $build/CPackConfig.cmake"; finish; }
# A sanitizer build (make test-asan) links the sanitizers' shared runtimes
# and the shared C++ runtime (cmd/CMakeLists.txt): it is not what is shipped.
if grep -q '^SDESK_SANITIZERS:STRING=.' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "sanitizer build: no package is made from it: skipped" >&2
  exit 125
fi

# --- Build it (into this test's directory, not the build's) ----------------
if ! log=$(cpack -G DEB -B "$TEST_DIR/pkg" --config "$build/CPackConfig.cmake" 2>&1); then
  fail "cpack -G DEB failed: $log"
  finish
fi
version=$("$SDESK" --version)
deb=$TEST_DIR/pkg/sdesk_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { fail "cpack wrote no $deb: $(ls "$TEST_DIR/pkg")"; finish; }

# --- Control fields ----------------------------------------------------------
expect_eq "$(dpkg-deb -f "$deb" Package)" "sdesk" "Package"
expect_eq "$(dpkg-deb -f "$deb" Version)" "$version" "Version"
depends=$(dpkg-deb -f "$deb" Depends)
[[ $depends =~ ^libc6\ \(\>=\ [0-9.]+\)$ ]] || fail "Depends: expected libc6 (>= X) alone, got '$depends'"
expect_contains "$(dpkg-deb -f "$deb" Description)" "service desk" "Description"

# --- Contents ----------------------------------------------------------------
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
for path in ./usr/bin/sdesk \
  ./usr/share/man/man1/sdesk.1.gz ./usr/share/man/man1/sdesk-open.1.gz \
  ./usr/share/man/man5/sdesk-config.5.gz ./usr/share/man/man7/sdesk-exit-codes.7.gz \
  ./usr/share/bash-completion/completions/sdesk ./usr/share/zsh/vendor-completions/_sdesk \
  ./usr/share/fish/vendor_completions.d/sdesk.fish \
  ./usr/share/doc/sdesk/copyright ./usr/share/doc/sdesk/examples/config.toml \
  ./usr/share/doc/sdesk/examples/monthly-report-cron.sh \
  ./usr/share/doc/sdesk/examples/sdesk-escalate.service \
  ./usr/share/doc/sdesk/examples/sdesk-escalate.timer \
  ./usr/share/doc/sdesk/examples/sdesk-tick.service ./usr/share/doc/sdesk/examples/sdesk-tick.timer \
  ./usr/share/doc/sdesk/examples/sdesk-tick.cron; do
  grep -qxF -- "$path" <<<"$contents" || fail "the package has no $path"
done
# Every built man page is in the package, compressed.
for page in "$build"/man/man[1-8]/*.[1-8]; do
  rel=${page#"$build"/man/}
  grep -qxF -- "./usr/share/man/$rel.gz" <<<"$contents" || fail "the package has no man page $rel.gz"
done
# Nothing outside /usr.
if grep -vE '^\./(usr/.*)?$' <<<"$contents" | grep -q .; then
  fail "the package installs outside /usr: $(grep -vE '^\./(usr/.*)?$' <<<"$contents" | head -3)"
fi

# --- Installed into a throw-away root ------------------------------------------
root=$TEST_DIR/root
dpkg -x "$deb" "$root" || fail "dpkg -x failed"
sdesk=$root/usr/bin/sdesk
expect_eq "$("$sdesk" --version)" "$version" "packaged sdesk --version"
# It loads no C++ shared library (every C++ library is linked statically).
needed=$(readelf -d "$sdesk" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
if grep -qE 'libstdc\+\+|libgcc_s' <<<"$needed"; then
  fail "packaged sdesk links a C++ shared library: $needed"
fi
# It works: a store, a ticket.
"$sdesk" init "$TEST_DIR/pkg.db" >/dev/null || fail "packaged sdesk init failed"
expect_eq "$("$sdesk" --db "$TEST_DIR/pkg.db" open 'Printer jams' -q)" "1" "packaged sdesk open"
# The example configuration it ships is the repository's, and one sdesk accepts.
cmp -s "$src/examples/config.toml" "$root/usr/share/doc/sdesk/examples/config.toml" \
  || fail "the packaged examples/config.toml differs from the repository's"
"$sdesk" --config "$root/usr/share/doc/sdesk/examples/config.toml" config >/dev/null 2>"$TEST_DIR/config.err" \
  || fail "sdesk config with the packaged examples/config.toml: $(cat "$TEST_DIR/config.err")"

# man finds the pages in the root, as it would under /usr/share/man.
for topic in sdesk sdesk-open "5 sdesk-config" "7 sdesk-exit-codes"; do
  # shellcheck disable=SC2086
  found=$(MANPATH=$root/usr/share/man man -w $topic 2>&1)
  name=${topic##* }
  expect_contains "$found" "$root/usr/share/man/man" "MANPATH=... man -w $topic"
  expect_contains "$found" "/$name." "MANPATH=... man -w $topic"
done
text=$(MANPATH=$root/usr/share/man MANWIDTH=100 man sdesk-open 2>&1)
expect_contains "$text" "sdesk-open - record a new" "man sdesk-open from the package"
# whatis and apropos, once mandb has indexed them (as man-db's trigger does
# on dpkg -i).
if command -v mandb >/dev/null; then
  mandb -q -c -u "$root/usr/share/man" >/dev/null 2>&1 || fail "mandb could not index the packaged pages"
  expect_contains "$(MANPATH=$root/usr/share/man whatis sdesk-open 2>&1)" \
    "sdesk-open (1)       - record a new" "whatis sdesk-open from the package"
  expect_contains "$(MANPATH=$root/usr/share/man apropos -s 5 configuration 2>&1)" \
    "sdesk-config (5)" "apropos -s 5 configuration from the package"
fi

# The bash completion loads from its packaged place.
bash -c 'source "$1" && complete -p sdesk' _ "$root/usr/share/bash-completion/completions/sdesk" >/dev/null 2>&1 \
  || fail "the packaged bash completion does not register for sdesk"

finish
