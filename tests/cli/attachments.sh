#!/usr/bin/env bash
# sdesk attach, attachment list and attachment get: content stored once by
# SHA-256, the size cap, safe names, no overwriting, no symbolic links.
. "$(dirname "$0")/lib.sh"

sd 0 init "$DB"
sd 0 open "Laptop"
sd 0 open "Printer"
printf 'log line 1\nlog line 2\n' >"$TEST_DIR/boot.log"
printf '\x00\x01\x02binary' >"$TEST_DIR/dump.bin"

sd 0 attach 1 "$TEST_DIR/boot.log" "$TEST_DIR/dump.bin"
expect_eq "$out" "attached boot.log (22 bytes) to ticket 1
attached dump.bin (9 bytes) to ticket 1" "attach"
sd 0 attach 2 "$TEST_DIR/boot.log"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM attachment_content")" "2" "the same content is stored once"
sd 0 attachment list 1 --json
expect_eq "$(jq -c '[.[] | [.id, .name, .size, .added_by]]' <<<"$out")" '[[1,"boot.log",22,"agent"],[2,"dump.bin",9,"agent"]]' "list --json"
expect_eq "$(jq -r '.[0].sha256' <<<"$out")" "$(sha256sum "$TEST_DIR/boot.log" | cut -d' ' -f1)" "sha256"
sd 0 attachment list 1
expect_contains "$out" "#1	boot.log	22	application/octet-stream" "list"
sd 0 show 1 --json
expect_eq "$(jq -c '[.history[] | select(.action == "attach") | .data.attachments[].name]' <<<"$out")" '["boot.log","dump.bin"]' "attach event"

# get: to the attachment's name, to -o FILE, to standard output.
mkdir "$TEST_DIR/get" && cd "$TEST_DIR/get" || exit 1
sd 0 attachment get 1 dump.bin
cmp -s dump.bin "$TEST_DIR/dump.bin" || fail "get wrote other bytes"
expect_contains "$err" "wrote dump.bin (9 bytes)" "get says what it wrote"
sd 0 attachment get 1 '#1' -o copy.log
cmp -s copy.log "$TEST_DIR/boot.log" || fail "get #N -o"
sd 0 attachment get 1 boot.log -o -
expect_eq "$out" "$(cat "$TEST_DIR/boot.log")" "get -o -"

# Never over an existing file without --force, never through a link.
before=$(cat dump.bin | sha256sum)
sd 4 attachment get 1 dump.bin
expect_error "'dump.bin' exists; nothing was written" "no overwrite"
echo keep >target
ln -s target link.log
sd 4 attachment get 1 boot.log -o link.log --force
expect_error "is a symbolic link" "no symlink"
expect_eq "$(cat target)" "keep" "the link's target is untouched"
echo old >copy.log
sd 0 attachment get 1 boot.log -o copy.log --force
cmp -s copy.log "$TEST_DIR/boot.log" || fail "--force replaces"

# Unknown names and tickets.
sd 3 attachment get 1 nothing.txt
expect_error "ticket 1 has no attachment 'nothing.txt'" "unknown name"
sd 3 attachment list 9
expect_error "ticket 9 not found" "unknown ticket"

# The cap (mail.max_attachment) refuses with the store unchanged.
printf '[mail]\nmax_attachment = "10B"\n' >"$TEST_DIR/cap.toml"
before=$(store_digest)
sd 2 --config "$TEST_DIR/cap.toml" attach 2 "$TEST_DIR/boot.log"
expect_error "FILE: 'boot.log' is too large (accepted: at most 10 bytes, mail.max_attachment)" "cap"
sd 74 attach 2 "$TEST_DIR/missing"
[ "$(store_digest)" = "$before" ] || fail "refused attach changed the store"
printf '[mail]\nmax_attachment = "lots"\n' >"$TEST_DIR/bad.toml"
sd 6 --config "$TEST_DIR/bad.toml" attach 2 "$TEST_DIR/boot.log"
expect_error "mail.max_attachment: expected a size such as \"20MB\"" "bad cap"

# A name from mail is made safe for the file system.
cat >"$TEST_DIR/evil.eml" <<'MAIL'
From: ann@example.org
To: helpdesk@example.org
Subject: evil names
Message-ID: <evil-names@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

see attached
--b
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="../../.bashrc"

echo pwned
--b--
MAIL
sd 0 mail receive <"$TEST_DIR/evil.eml"
sd 0 attachment list 3 --json
expect_eq "$(jq -r '.[0].name' <<<"$out")" "../../.bashrc" "the name is kept as sent"
sd 0 attachment get 3 ../../.bashrc
[ -f bashrc ] || fail "the safe name is bashrc in this directory"
[ ! -e "$TEST_DIR/.bashrc" ] && [ ! -e "$HOME/.bashrc" ] || fail "get wrote outside the directory"
sd 0 verify
finish
