#!/bin/bash
# persistence.sh VINE regtool.exe - the registry survives its server:
#   - a value set by one process is read by another (while the server runs);
#   - a kill -9 of the server a second and a half after a write keeps it
#     (hives are written within a second of a change, atomically);
#   - a value set just before `vineserver -k` is kept (written at exit);
#   - a symbolic link key stays a link to its target (as "#link");
#   - a key's security descriptor (RegSetKeySecurity) is kept;
#   - a hive loaded by RegLoadKey stays loaded for other processes, its
#     changes reach its file, a server restart forgets it (as a reboot
#     does), and it loads again from that file;
#   - a damaged hive is reported, its good part loaded, the file kept aside.
. "$(dirname "$0")/regtest_common.sh"
get_hive() { "$vine" "$tool" hive-get 2>&1 | tr -d '\r'; }

"$server" -p >/dev/null 2>&1   # keep one server running between the processes
"$vine" "$tool" set first one >/dev/null || fail "set first"
[ "$(get first)" = one ] || fail "another process does not read the value: '$(get first)'"

"$vine" "$tool" set second two >/dev/null || fail "set second"
sleep 1.5
kill_server || fail "no server found"
[ "$(get second)" = two ] || fail "a kill -9 of the server 1.5 s after a write lost it"
grep -q '^"second"="two"$' "$VINEPREFIX/user.reg" || fail "user.reg does not hold the value in the text format"
ls "$VINEPREFIX"/*.tmp >/dev/null 2>&1 && fail "a temporary hive was left behind"

"$vine" "$tool" set third three >/dev/null || fail "set third"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1
[ "$(get third)" = three ] || fail "a write just before the server stopped was lost"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1

# A link key made before the server stopped is a link again after.
"$vine" "$tool" link-make >/dev/null || fail "link-make"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1
out=$("$vine" "$tool" link-get 2>&1 | tr -d '\r' | tr '\n' ' ')
[ "$out" = "linked 6 " ] || fail "a link does not survive the server: '$out' (expected the target's value and REG_LINK)"
grep -q '^#link$' "$VINEPREFIX/system.reg" || fail "system.reg does not mark the link key"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1

# A DACL set before the server stopped is the key's DACL after.
before=$("$vine" "$tool" sd-get 2>&1 | tr -d '\r')
"$vine" "$tool" sd-set 'D:P(A;;KA;;;WD)(A;;KR;;;BU)' >/dev/null || fail "sd-set"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1
out=$("$vine" "$tool" sd-get 2>&1 | tr -d '\r')
[ "$out" = 'D:P(A;;KA;;;WD)(A;;KR;;;BU)' ] || fail "a key's DACL does not survive the server: '$out' (before the set: '$before')"
grep -q '^#security=' "$VINEPREFIX/user.reg" || fail "user.reg does not hold the descriptor"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1

# A hive loaded from a file of our own, changed, then the server killed.
hive_file="$VINEPREFIX/loaded.hiv"
out=$("$vine" "$tool" hive-load "Z:$hive_file" 2>&1 | tr -d '\r')
[ $? = 0 ] && [ -z "$out" ] || fail "hive-load: '$out'"
[ "$(get_hive)" = kept ] || fail "another process does not see the loaded hive: '$(get_hive)'"
sleep 1.5
kill_server
grep -q '^"v"="kept"$' "$hive_file" || fail "the loaded hive's change did not reach its file"
"$vine" "$tool" hive-get >/dev/null 2>&1
[ $? = 2 ] || fail "a loaded hive outlived its server"
out=$("$vine" "$tool" hive-reload "Z:$hive_file" 2>&1 | tr -d '\r')
[ "$out" = kept ] || fail "the hive does not load again from its file: '$out'"
"$vine" "$tool" hive-get >/dev/null 2>&1
[ $? = 2 ] || fail "hive-reload did not unload it"
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1

# Damage user.reg: a line that is not registry text, then a cut-off key.
printf 'garbage that is no registry line\n[Software\\\\Cut' >>"$VINEPREFIX/user.reg"
errors=$("$vine" "$tool" get first 2>&1 >/dev/null)
out=$(get first)
[ "$out" = one ] || fail "the good part of a damaged hive was not loaded: '$out'"
echo "$errors" | grep -q "registry file .*user.reg is damaged" || fail "a damaged hive is not reported: '$errors'"
ls "$VINEPREFIX"/user.reg.corrupt-* >/dev/null 2>&1 || fail "the damaged file was not kept aside"
grep -q garbage "$VINEPREFIX"/user.reg.corrupt-* 2>/dev/null || fail "the kept file is not the damaged one"
grep -q garbage "$VINEPREFIX/user.reg" && fail "the damaged lines are still in the new user.reg"
[ $failed = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $failed
