#!/bin/bash
# prefix.sh VINE PROG.exe - the prefix vine makes on first use: its tree,
# drive links, system32 files and hives; a second run that changes nothing;
# concurrent first runs; a prefix of another user refused; an older layout
# completed (its hives given the default keys they lack). PROG.exe is a kernel32-only hello (exit 0).
set -u
vine=$1
exe=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vine-prefixtest.XXXXXX") || exit 1
trap 'VINEPREFIX=$tmp/p "$(dirname "$vine")/vineserver" -k 2>/dev/null; for p in "$tmp"/c*; do VINEPREFIX=$p "$(dirname "$vine")/vineserver" -k 2>/dev/null; done; rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
run() { VINEPREFIX=$1 "$vine" "$exe" >"$tmp/out" 2>"$tmp/err" </dev/null; }

# A fresh prefix, made silently.
p=$tmp/p
run "$p" || fail "first run exited $?: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "first run printed on stderr: $(cat "$tmp/err")"
user=$(id -un)
for d in drive_c/windows/system32 drive_c/windows/syswow64 drive_c/windows/temp "drive_c/Program Files" \
         "drive_c/Program Files (x86)" drive_c/ProgramData drive_c/users/Public \
         "drive_c/users/$user/AppData/Roaming" "drive_c/users/$user/AppData/Local" \
         "drive_c/users/$user/AppData/LocalLow" "drive_c/users/$user/Desktop" "drive_c/users/$user/Documents" \
         "drive_c/users/$user/Downloads" "drive_c/users/$user/Temp"; do
    [ -d "$p/$d" ] || fail "missing directory $d"
done
[ "$(readlink "$p/dosdevices/c:")" = ../drive_c ] || fail "dosdevices/c: is not a link to ../drive_c"
[ "$(readlink "$p/dosdevices/z:")" = / ] || fail "dosdevices/z: is not a link to /"
for so in "$(dirname "$vine")"/../lib/vine/*.dll.so; do
    name=$(basename "$so" .so)
    [ -f "$p/drive_c/windows/system32/$name" ] || fail "system32 lacks $name"
done
for hive in system.reg user.reg userdef.reg; do
    [ "$(head -n 1 "$p/$hive")" = "WINE REGISTRY Version 2" ] || fail "$hive has no registry header"
done
grep -q '^"ProductName"="Windows 10 Pro"$' "$p/system.reg" || fail "system.reg lacks ProductName"
grep -q '^"CurrentMajorVersionNumber"=dword:0000000a$' "$p/system.reg" || fail "system.reg lacks the major version"
grep -q "^\"Desktop\"=\"C:\\\\\\\\users\\\\\\\\$user\\\\\\\\Desktop\"$" "$p/user.reg" || fail "user.reg lacks Shell Folders\\Desktop"

# A second run changes nothing: the user's files and registry stay theirs.
echo '"Mine"="kept"' >>"$p/user.reg"
before=$(cd "$p" && find . -path ./.vine-lock -prune -o -print | sort | md5sum)
run "$p" || fail "second run exited $?"
after=$(cd "$p" && find . -path ./.vine-lock -prune -o -print | sort | md5sum)
[ "$before" = "$after" ] || fail "a second run changed the prefix's tree"
grep -q '"Mine"="kept"' "$p/user.reg" || fail "a second run replaced user.reg"

# Four vines on one fresh prefix at once: all run, one complete prefix.
c=$tmp/concurrent
pids=()
for i in 1 2 3 4; do VINEPREFIX=$c "$vine" "$exe" >"$tmp/c$i.out" 2>"$tmp/c$i.err" </dev/null & pids+=($!); done
for i in 0 1 2 3; do wait "${pids[$i]}" || fail "concurrent run $i exited $?: $(cat "$tmp/c$((i + 1)).err")"; done
# one file per builtin DLL and per builtin program (NAME.exe)
[ "$(ls "$c/drive_c/windows/system32" | wc -l)" = "$(ls "$(dirname "$vine")"/../lib/vine/*.dll.so "$(dirname "$vine")"/../lib/vine/*.exe 2>/dev/null | wc -l)" ] ||
    fail "concurrent runs left an incomplete system32"
ls "$c" "$c/drive_c/windows/system32" | grep -q '\.tmp' && fail "concurrent runs left temporary files"
[ "$(head -n 1 "$c/system.reg")" = "WINE REGISTRY Version 2" ] || fail "concurrent runs broke system.reg"

# An older layout: what is missing is added, nothing else touched.
# Its hives gain the default keys they lack (here a Time Zones key, as a
# prefix from before layout 3 lacks them all); what they hold stays theirs.
grep -q 'Time Zones\\\\Tokyo Standard Time\]' "$p/system.reg" || fail "system.reg lacks the Tokyo zone"
VINEPREFIX=$p "$(dirname "$vine")/vineserver" -k 2>/dev/null
awk '/^\[/ { skip = index($0, "Time Zones\\\\Tokyo Standard Time]") > 0 } !skip' "$p/system.reg" >"$tmp/system.reg"
sed 's/^"ProductName"=.*/"ProductName"="Mine"/' "$tmp/system.reg" >"$p/system.reg"
grep -q 'Tokyo Standard Time' "$p/system.reg" && fail "the test could not remove the Tokyo zone"
rm -rf "$p/drive_c/users/$user/Downloads" "$p/drive_c/windows/system32/ntdll.dll"
echo 0 >"$p/.vine-layout"
run "$p" || fail "run on an old prefix exited $?"
[ "$(grep -c 'Time Zones\\\\Tokyo Standard Time\]' "$p/system.reg")" = 1 ] || fail "an old prefix's system.reg did not regain the Tokyo zone once"
grep -q '^"ProductName"="Mine"$' "$p/system.reg" || fail "updating an old prefix replaced a value of system.reg"
[ -d "$p/drive_c/users/$user/Downloads" ] || fail "an old prefix was not given its missing directory"
[ -f "$p/drive_c/windows/system32/ntdll.dll" ] || fail "an old prefix was not given its missing file"
grep -q '"Mine"="kept"' "$p/user.reg" || fail "updating an old prefix replaced user.reg"

# Another user's prefix is refused with one clear line.
o=$tmp/other
mkdir "$o"
chown nobody "$o" 2>/dev/null || { echo "cannot chown (not root?): skipping the ownership check" >&2; exit $failed; }
run "$o"
status=$?
[ "$status" = 1 ] || fail "another user's prefix: exit $status, not 1"
grep -q "owned by another user" "$tmp/err" || fail "another user's prefix: no clear message: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "another user's prefix: more than one line"
[ -e "$o/drive_c" ] && fail "another user's prefix was written to"
exit $failed
