#!/bin/bash
# `vine reg ...` and `vine regedit ...` from the shell, in a prefix of their
# own: every value type added, queried and deleted with reg.exe's output
# layout and exit codes, export then import into another key, regedit's
# import and export, and the values still there after the server restarts.
# usage: reg_test.sh VINE
set -u
vine=$1
vineserver=$(dirname "$vine")/vineserver
export VINEPREFIX=$(mktemp -d /tmp/vine-reg-test.XXXXXX)
work=$(mktemp -d /tmp/vine-reg-files.XXXXXX)
cleanup() {
    VINEPREFIX=$VINEPREFIX "$vineserver" -k >/dev/null 2>&1
    rm -rf "$VINEPREFIX" "$work"
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# run PROGRAM ARGS...: sets out, err and rc (stdin from $input, empty by default)
input=
run() {
    out=$(printf '%s' "$input" | timeout 60 "$vine" "$@" 2>"$work/stderr"; echo "rc=$?")
    rc=${out##*rc=}
    out=${out%rc=*}
    err=$(cat "$work/stderr")
}

# expect WHAT RC STDOUT [STDERR] after run
expect() {
    local what=$1 want_rc=$2 want_out=$3 want_err=${4-}
    if [ "$rc" != "$want_rc" ]; then
        fail "$what: exit code $rc, expected $want_rc (stdout \"$out\", stderr \"$err\")"
    elif [ "$out" != "$want_out" ]; then
        fail "$what: stdout"; diff <(printf '%s' "$want_out" | od -c) <(printf '%s' "$out" | od -c) | head -20
    elif [ "$err" != "$want_err" ]; then
        fail "$what: stderr \"$err\", expected \"$want_err\""
    else
        ok "$what"
    fi
}

# One persistent server for the whole run (after a first vine has made the
# prefix), so that no command meets a server leaving on its idle timeout
# under a loaded machine. `vineserver -k` can return while the old server
# is still saving the hives and holds its lock (seen under a loaded full
# suite), so the new one is started again until that one has gone.
keep_server() {
    "$vineserver" -k >/dev/null 2>&1
    local tries=0
    until "$vineserver" -p 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || { echo "FAIL: vineserver -p (the old server never left)"; exit 1; }
        sleep 0.1
    done
}
timeout 60 "$vine" reg query HKCU >/dev/null 2>&1
keep_server

done_text=$'The operation completed successfully.\r\n'
missing=$'ERROR: The system was unable to find the specified registry key or value.\r'
key='HKCU\Software\VineRegTest'
long='HKEY_CURRENT_USER\Software\VineRegTest'

# ---- add, one value of each type ----
run reg add "$key" /v str /t REG_SZ /d 'hello world' /f;        expect "add REG_SZ" 0 "$done_text"
run reg add "$key" /v exp /t REG_EXPAND_SZ /d '%SystemRoot%\x' /f; expect "add REG_EXPAND_SZ" 0 "$done_text"
run reg add "$key" /v multi /t REG_MULTI_SZ /d 'one\0two\0three' /f; expect "add REG_MULTI_SZ" 0 "$done_text"
run reg add "$key" /v multi2 /t REG_MULTI_SZ /s '#' /d 'a#b' /f; expect "add REG_MULTI_SZ /s #" 0 "$done_text"
run reg add "$key" /v bin /t REG_BINARY /d 00ff10Ab /f;          expect "add REG_BINARY" 0 "$done_text"
run reg add "$key" /v dw /t REG_DWORD /d 4096 /f;                 expect "add REG_DWORD decimal" 0 "$done_text"
run reg add "$key" /v dwhex /t reg_dword /d 0xDEADBEEF /f;        expect "add REG_DWORD hex, type in lower case" 0 "$done_text"
run reg add "$key" /v be /t REG_DWORD_BIG_ENDIAN /d 0x01020304 /f; expect "add REG_DWORD_BIG_ENDIAN" 0 "$done_text"
run reg add "$key" /v qw /t REG_QWORD /d 0x123456789abcdef0 /f;  expect "add REG_QWORD" 0 "$done_text"
run reg add "$key" /v none /t REG_NONE /d 'ab' /f;                expect "add REG_NONE (string data)" 0 "$done_text"
run reg add "$key" /ve /d 'the default' /f;                       expect "add /ve" 0 "$done_text"
run reg add "$key\\Sub\\Deeper" /f;                               expect "add a key alone" 0 "$done_text"
run reg query "$key\\Sub\\Deeper"
expect "a key added alone has an empty default value, as on Windows" 0 $'\r\n'"$long"$'\\Sub\\Deeper\r\n    (Default)    REG_SZ    \r\n\r\n'
run reg delete "$key\\Sub\\Deeper" /va /f;                         expect "delete /va of a key's only value" 0 "$done_text"
run reg query "$key\\Sub\\Deeper"
expect "a key without values or subkeys prints a blank line alone" 0 $'\r\n'
run reg add "$key\\Sub" /v inner /d 1 /f;                         expect "add into a subkey" 0 "$done_text"

# ---- query ----
values=$'    str    REG_SZ    hello world\r\n'\
$'    exp    REG_EXPAND_SZ    %SystemRoot%\\x\r\n'\
$'    multi    REG_MULTI_SZ    one\\0two\\0three\r\n'\
$'    multi2    REG_MULTI_SZ    a\\0b\r\n'\
$'    bin    REG_BINARY    00FF10AB\r\n'\
$'    dw    REG_DWORD    0x1000\r\n'\
$'    dwhex    REG_DWORD    0xdeadbeef\r\n'\
$'    be    REG_DWORD_BIG_ENDIAN    0x1020304\r\n'\
$'    qw    REG_QWORD    0x123456789abcdef0\r\n'\
$'    none    REG_NONE    610062000000\r\n'\
$'    (Default)    REG_SZ    the default\r\n'
run reg query "$key"
expect "query a key: values, then subkeys" 0 $'\r\n'"$long"$'\r\n'"$values"$'\r\n'"$long"$'\\Sub\r\n'
run reg query 'HKEY_CURRENT_USER\Software\VineRegTest\'
expect "query with the long root name and a trailing backslash" 0 $'\r\n'"$long"$'\r\n'"$values"$'\r\n'"$long"$'\\Sub\r\n'
run reg query "$key" /s
expect "query /s (a blank line after each key, values or not)" 0 $'\r\n'"$long"$'\r\n'"$values"$'\r\n'"$long"$'\\Sub\r\n    inner    REG_SZ    1\r\n\r\n'"$long"$'\\Sub\\Deeper\r\n\r\n'
run reg query "$key" /v DW
expect "query /v (names ignore case)" 0 $'\r\n'"$long"$'\r\n    DW    REG_DWORD    0x1000\r\n\r\n'
run reg query "$key" /ve
expect "query /ve" 0 $'\r\n'"$long"$'\r\n    (Default)    REG_SZ    the default\r\n\r\n'
run reg query "$key" /v inner /s
expect "query /v /s searches the subkeys" 0 $'\r\n'"$long"$'\\Sub\r\n    inner    REG_SZ    1\r\n\r\nEnd of search: 1 match(es) found.\r\n'

# ---- what reg add makes of its data (Windows' rules) ----
t='HKCU\Software\VineRegData'
tl='HKEY_CURRENT_USER\Software\VineRegData'
# check_data WHAT EXPECTED-LINE ARGS...: reg add ARGS /f, then the value's line
check_data() {
    local what=$1 line=$2
    shift 2
    run reg add "$t" /v v "$@" /f
    if [ "$rc" != 0 ]; then fail "$what: reg add exit code $rc ($err)"; return; fi
    run reg query "$t" /v v
    expect "$what" 0 $'\r\n'"$tl"$'\r\n    v    '"$line"$'\r\n\r\n'
}
check_data "binary, an odd digit count: the first digit alone" "REG_BINARY    0DEADBEEF0DD" /t REG_BINARY /d DeAdBeEf0DD
check_data "binary without /d is empty" "REG_BINARY    " /t REG_BINARY
check_data "a DWORD with leading zeros is decimal" "REG_DWORD    0x7b" /t REG_DWORD /d 0123
check_data "0X in upper case" "REG_DWORD    0x123" /t REG_DWORD /d 0X123
check_data "the largest DWORD" "REG_DWORD    0xffffffff" /t REG_DWORD /d 0xffffffff
check_data "REG_DWORD_LITTLE_ENDIAN is REG_DWORD" "REG_DWORD    0x1c8" /t REG_DWORD_LITTLE_ENDIAN /d 456
check_data "a string without /d is empty" "REG_SZ    "
check_data "a multi-string's final separator ends its last string" 'REG_MULTI_SZ    a' /t REG_MULTI_SZ /s '#' /d 'a#'
check_data "a multi-string of one empty string" 'REG_MULTI_SZ    ' /t REG_MULTI_SZ /d '\0'
check_data "with /s, \0 is text" 'REG_MULTI_SZ    two\0\0strings' /t REG_MULTI_SZ /s '#' /d 'two\0#strings'
run reg add "$t" /t REG_DWORD /d 5 /f;  expect "/t and /d without /v set the default value" 0 "$done_text"
run reg query "$t" /ve;                 expect "the default value is the DWORD" 0 $'\r\n'"$tl"$'\r\n    (Default)    REG_DWORD    0x5\r\n\r\n'
syntax_add=$'ERROR: Invalid syntax.\r\nType "REG ADD /?" for usage.\r'
for bad in '/t REG_DWORD' '/t REG_DWORD /d -1' '/t REG_DWORD /d 00x123' '/t REG_DWORD /d 4294967296' \
           '/t REG_QWORD' '/t REG_BINARY /d 0xDeAdBeEf' '/t REG_BINARY /d x01' \
           '/t REG_MULTI_SZ /d two\0\0strings' '/t REG_MULTI_SZ /d \0a' '/t REG_MULTI_SZ /s # /d ##' \
           '/t REG_MULTI_SZ /s # /d #a' '/t REG_MULTI_SZ /s ## /d a##b' '/t REG_SZ /d x /d y' '/ve /ve' \
           '/d' '/v' '/reg:32 /reg:64' '/f /f' '/x'; do
    run reg add "$t" /v bad /f $bad
    if [ "$rc" = 1 ] && [[ "$err" == ERROR:* ]]; then ok "reg add /v bad /f $bad is refused"; else fail "reg add /v bad $bad: exit code $rc, stderr \"$err\""; fi
done
run reg query "$t" /v bad;              expect "nothing refused was set" 1 "" "$missing"
run reg add 'HKCU\Software\VineRegData\x\\' /f; [ "$rc" = 1 ] && ok "a key name ending in two backslashes is refused" || fail "two backslashes: rc $rc"
run reg add 'HKCU\' /v bad /d x /f;   [ "$rc" = 1 ] && ok "HKCU\\ alone is refused" || fail "HKCU\\: rc $rc"
run reg add '\\machine\HKCU\Software\X' /f; [ "$rc" = 1 ] && ok "a remote key is refused" || fail "remote key: rc $rc"
run reg export "$t" /y "$work/y.reg";   [ "$rc" = 1 ] && [ ! -e "$work/y.reg" ] && ok "reg export KEY /y FILE is refused" || fail "export /y before the file: rc $rc"
run reg copy 'HKCU\Software\VineRegData' 'HKCU\Software\VineRegData\'; [ "$rc" = 1 ] && ok "copying a key onto itself is refused" || fail "copy onto itself: rc $rc"
run reg copy 'HKCU\Software\VineRegData' /f 'HKCU\Software\VineRegOther'; [ "$rc" = 1 ] && ok "switches before the second key are refused" || fail "copy /f between keys: rc $rc"
for op in add query delete copy export import save restore compare load unload; do
    run reg $op /?; [ "$rc" = 0 ] && [ -n "$out" ] && ok "reg $op /? prints help" || fail "reg $op /?: rc $rc"
done
run reg query -H;                       [ "$rc" = 0 ] && ok "reg query -H prints help" || fail "reg query -H: rc $rc"
run reg delete "$t" /f;                 expect "delete the data key" 0 "$done_text"

# ---- errors and exit codes ----
run reg query "$key" /v nothing;             expect "query a missing value" 1 "" "$missing"
run reg query 'HKCU\Software\VineRegNoSuchKey'; expect "query a missing key" 1 "" "$missing"
run reg query 'HKXY\Software';                expect "query an unknown root" 1 "" $'ERROR: Invalid key name.\r\nType "REG QUERY /?" for usage.\r'
run reg query;                                expect "query without a key" 1 "" $'ERROR: Invalid syntax.\r\nType "REG QUERY /?" for usage.\r'
run reg;                                      expect "reg alone" 1 "" $'ERROR: Invalid syntax.\r\nType "REG /?" for usage.\r'
run reg add "$key" /v bad /t REG_DWORD /d 12x /f; expect "add a DWORD that is not a number" 1 "" $'ERROR: Invalid syntax.\r\nType "REG ADD /?" for usage.\r'
run reg add "$key" /v bad /t REG_DWORD /d 0x100000000 /f; expect "add a DWORD too large" 1 "" $'ERROR: Invalid syntax.\r\nType "REG ADD /?" for usage.\r'
run reg add "$key" /v bad /t REG_BINARY /d 0g /f; expect "add binary data that is not hex" 1 "" $'ERROR: Invalid syntax.\r\nType "REG ADD /?" for usage.\r'
run reg query "$key" /v bad;                 expect "a refused add sets nothing" 1 "" "$missing"
run reg delete "$key" /v nothing /f;         expect "delete a missing value" 1 "" "$missing"
run reg delete 'HKCU\Software\VineRegNoSuchKey' /f; expect "delete a missing key" 1 "" "$missing"

# ---- prompts without /f ----
input=$'n\n'
run reg add "$key" /v str /d replaced;  expect "add over a value, answered No" 1 $'Value str exists, overwrite(Yes/No)? '
run reg query "$key" /v str;            expect "the value is unchanged" 0 $'\r\n'"$long"$'\r\n    str    REG_SZ    hello world\r\n\r\n'
input=$'y\n'
run reg add "$key" /v str /d replaced;  expect "add over a value, answered Yes" 0 $'Value str exists, overwrite(Yes/No)? '"$done_text"
run reg query "$key" /v str;            expect "the value is replaced" 0 $'\r\n'"$long"$'\r\n    str    REG_SZ    replaced\r\n\r\n'
input=$'n\n'
run reg delete "$key\\Sub\\Deeper";     expect "delete a key, answered No" 1 "Permanently delete the registry key $long\\Sub\\Deeper (Yes/No)? "
run reg query "$key\\Sub\\Deeper";       expect "the key stays" 0 $'\r\n'
input=

# ---- export, then import into another key (Version 5.00, UTF-16LE) ----
run reg export "$key" "$work/a.reg";    expect "export" 0 "$done_text"
if [ "$(head -c 2 "$work/a.reg" | od -An -tx1 | tr -d ' ')" = fffe ] &&
   iconv -f UTF-16LE -t UTF-8 "$work/a.reg" | head -1 | grep -q $'^\xef\xbb\xbfWindows Registry Editor Version 5.00\r$'; then
    ok "export writes a UTF-16LE Version 5.00 file with a BOM"
else
    fail "export: not a UTF-16LE Version 5.00 file: $(head -c 80 "$work/a.reg" | od -c | head -3)"
fi
run reg export "$key" "$work/a.reg";    expect "export over a file, no /y, end of input" 1 "File $work/a.reg already exists. Overwrite (Yes/No)? "
run reg export "$key" "$work/a.reg" /y; expect "export /y" 0 "$done_text"
run reg export 'HKCU\Software\VineRegNoSuchKey' "$work/none.reg"; expect "export a missing key" 1 "" "$missing"
iconv -f UTF-16LE -t UTF-8 "$work/a.reg" | sed 's/VineRegTest/VineRegCopy/' | iconv -f UTF-8 -t UTF-16LE >"$work/b.reg"
run reg import "$work/b.reg";           expect "import" 0 "$done_text"
copy_long='HKEY_CURRENT_USER\Software\VineRegCopy'
run reg query "$key" /s; original=${out//VineRegTest/VineRegCopy}
run reg query 'HKCU\Software\VineRegCopy' /s
if [ "$rc" = 0 ] && [ "$out" == "$original" ]; then ok "the imported key has every value and subkey, types and data"
else fail "import round trip: got \"$out\", expected \"$original\""; fi
run reg import "$work/none.reg";        expect "import a missing file" 1 "" $'ERROR: Error opening the file. There may be a disk or file system error.\r'
printf 'not a registry file\r\n' >"$work/junk.reg"
run reg import "$work/junk.reg";        expect "import a file that is not a .reg file" 1 "" $'ERROR: Error accessing the registry.\r'

# import_str WHAT RC TEXT: reg import of TEXT (printf format) with exit code RC
import_str() {
    printf "$3" >"$work/i.reg"
    run reg import "$work/i.reg"
    [ "$rc" = "$2" ] && ok "$1" || fail "$1: exit code $rc, expected $2 ($err)"
}
ik='[HKEY_CURRENT_USER\\Software\\VineRegImport]'
import_str "import skips lines it does not understand" 0 "REGEDIT4\n\n$ik\n\"good\"=\"yes\"\n\"bad\"=dword:1234567g\nnonsense\n\"also\"=dword:00000002\n"
run reg query 'HKCU\Software\VineRegImport'
expect "the good lines are imported" 0 $'\r\nHKEY_CURRENT_USER\\Software\\VineRegImport\r\n    good    REG_SZ    yes\r\n    also    REG_DWORD    0x2\r\n\r\n'
import_str "a first line of REGEDIT5 imports nothing, successfully" 0 "REGEDIT5\n\n$ik\n\"five\"=\"no\"\n"
import_str "a lower-case header is not a registry file" 1 "regedit4\n\n$ik\n\"lower\"=\"no\"\n"
import_str "Version 4.00 is not a header" 1 "Windows Registry Editor Version 4.00\n\n$ik\n\"four\"=\"no\"\n"
import_str "a key under an unknown root is skipped" 0 "REGEDIT4\n\n[HKEY_NOWHERE\\X]\n\"x\"=\"y\"\n\n$ik\n\"after\"=\"yes\"\n"
run reg query 'HKCU\Software\VineRegImport'
expect "only the importable values arrived" 0 $'\r\nHKEY_CURRENT_USER\\Software\\VineRegImport\r\n    good    REG_SZ    yes\r\n    also    REG_DWORD    0x2\r\n    after    REG_SZ    yes\r\n\r\n'
run reg delete 'HKCU\Software\VineRegImport' /f

# ---- copy ----
run reg copy "$key" 'HKCU\Software\VineRegCopied' /s /f; expect "copy /s" 0 "$done_text"
run reg query "$key" /s; original=${out//VineRegTest/VineRegCopied}
run reg query 'HKCU\Software\VineRegCopied' /s
if [ "$out" == "$original" ]; then ok "the copied key equals the source"; else fail "copy: got \"$out\", expected \"$original\""; fi
run reg copy 'HKCU\Software\VineRegNoSuchKey' 'HKCU\Software\VineRegX' /f; expect "copy a missing key" 1 "" "$missing"

# ---- save and restore (hive files) ----
run reg save "$key" "$work/k.hiv";      expect "save" 0 "$done_text"
run reg save "$key" "$work/k.hiv";      expect "save over a file, no /y, end of input" 1 "File $work/k.hiv already exists. Overwrite (Yes/No)? "
run reg save "$key" "$work/k.hiv" /y;   expect "save /y" 0 "$done_text"
run reg add 'HKCU\Software\VineRegRestored\Old' /v stale /d x /f
run reg restore 'HKCU\Software\VineRegRestored' "$work/k.hiv"; expect "restore" 0 "$done_text"
run reg query "$key" /s; original=${out//VineRegTest/VineRegRestored}
run reg query 'HKCU\Software\VineRegRestored' /s
if [ "$out" == "$original" ]; then ok "the restored key is the saved one, its old contents gone"; else fail "restore: got \"$out\", expected \"$original\""; fi
run reg restore 'HKCU\Software\VineRegRestored' "$work/none.hiv"; [ "$rc" = 1 ] && ok "restore of a missing file fails" || fail "restore missing file: rc $rc"
run reg delete 'HKCU\Software\VineRegRestored' /f

# ---- regedit ----
printf 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\VineRegedit]\r\n"s"="from regedit"\r\n"d"=dword:0000002a\r\n@="dflt"\r\n\r\n[HKEY_CURRENT_USER\\Software\\VineRegedit\\Kid]\r\n"b"=hex:01,02,\\\r\n  03\r\n' >"$work/r4.reg"
run regedit /s "$work/r4.reg";          expect "regedit /s imports a REGEDIT4 file" 0 ""
run reg query 'HKCU\Software\VineRegedit' /s
expect "the REGEDIT4 values are there" 0 $'\r\nHKEY_CURRENT_USER\\Software\\VineRegedit\r\n    s    REG_SZ    from regedit\r\n    d    REG_DWORD    0x2a\r\n    (Default)    REG_SZ    dflt\r\n\r\nHKEY_CURRENT_USER\\Software\\VineRegedit\\Kid\r\n    b    REG_BINARY    010203\r\n\r\n'
printf 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\VineRegedit]\r\n"s"=-\r\n\r\n[-HKEY_CURRENT_USER\\Software\\VineRegedit\\Kid]\r\n' >"$work/del.reg"
run regedit "$work/del.reg";            expect "plain regedit FILE imports (deletions)" 0 ""
run reg query 'HKCU\Software\VineRegedit' /s
expect "the value and the key are deleted" 0 $'\r\nHKEY_CURRENT_USER\\Software\\VineRegedit\r\n    d    REG_DWORD    0x2a\r\n    (Default)    REG_SZ    dflt\r\n\r\n'
run regedit /e "$work/e.reg" 'HKEY_CURRENT_USER\Software\VineRegedit'; expect "regedit /e KEY" 0 ""
want=$'\xef\xbb\xbfWindows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\VineRegedit]\r\n"d"=dword:0000002a\r\n@="dflt"\r\n\r\n'
got=$(iconv -f UTF-16LE -t UTF-8 "$work/e.reg"; echo x); got=${got%x}
if [ "$got" == "$want" ]; then ok "regedit /e writes the key as Version 5.00"; else fail "regedit /e: got \"$got\""; fi
run regedit /e "$work/none.reg" 'HKCU\Software\VineRegNoSuchKey'
if [ "$rc" = 1 ] && [ ! -e "$work/none.reg" ]; then ok "regedit /e of a missing key fails and writes nothing"; else fail "regedit /e missing key: rc $rc"; fi
run regedit /e "$work/all.reg"
sections=$(iconv -f UTF-16LE -t UTF-8 "$work/all.reg" | grep -c -E '^\[(HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG)\]')
if [ "$rc" = 0 ] && [ "$sections" = 5 ] && iconv -f UTF-16LE -t UTF-8 "$work/all.reg" | grep -q '^\[HKEY_CURRENT_USER\\Software\\VineRegTest\]'; then
    ok "regedit /e without a key exports every root"
else
    fail "regedit /e of everything: rc $rc, $sections roots"
fi
run regedit /s "$work/junk.reg";        [ "$rc" = 1 ] && ok "regedit /s of a non-.reg file fails" || fail "regedit junk: rc $rc"

# ---- query /f (key names, value names and data; /k /v /d narrow it) ----
f='HKCU\Software\VineRegFind'
fl='HKEY_CURRENT_USER\Software\VineRegFind'
run reg add "$f" /v alpha /d 'Needle in text' /f
run reg add "$f" /v beta /t REG_DWORD /d 42 /f
run reg add "$f" /v needle /d plain /f
run reg add "$f" /v m /t REG_MULTI_SZ /d 'a\0b' /f
run reg add "$f\\NeedleKey" /v gamma /t REG_EXPAND_SZ /d 'deep needle' /f
run reg add "$f\\Other" /f
end_of() { printf 'End of search: %s match(es) found.\r\n' "$1"; }
found_values=$'\r\n'"$fl"$'\r\n    alpha    REG_SZ    Needle in text\r\n    needle    REG_SZ    plain\r\n\r\n'
run reg query "$f" /f needle
expect "query /f: names, data and subkey names, ignoring case" 0 "$found_values$fl"$'\\NeedleKey\r\n'"$(end_of 3)"$'\n'
run reg query "$f" /f needle /s
expect "query /f /s searches below too" 0 "$found_values$fl"$'\\NeedleKey\r\n'"$fl"$'\\NeedleKey\r\n    gamma    REG_EXPAND_SZ    deep needle\r\n\r\n'"$(end_of 4)"$'\n'
run reg query "$f" /f needle /k
expect "query /f /k: key names only" 0 $'\r\n'"$fl"$'\\NeedleKey\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /f needle /d
expect "query /f /d: data only" 0 $'\r\n'"$fl"$'\r\n    alpha    REG_SZ    Needle in text\r\n\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /f needle /v
expect "query /f /v: value names only" 0 $'\r\n'"$fl"$'\r\n    needle    REG_SZ    plain\r\n\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /f Needle /c /k
expect "query /f /c: case matters" 0 $'\r\n'"$fl"$'\\NeedleKey\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /f plai /e
expect "query /f /e: exact matches only" 1 $'\r\n'"$(end_of 0)"$'\n'
run reg query "$f" /f plain /e /d
expect "query /f /e /d: the whole data" 0 $'\r\n'"$fl"$'\r\n    needle    REG_SZ    plain\r\n\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /t REG_DWORD
expect "query /t: values of that type" 0 $'\r\n'"$fl"$'\r\n    beta    REG_DWORD    0x2a\r\n\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /f 0x2a /t reg_dword /d
expect "query /f /t /d: DWORDs are searched as shown" 0 $'\r\n'"$fl"$'\r\n    beta    REG_DWORD    0x2a\r\n\r\n'"$(end_of 1)"$'\n'
run reg query "$f" /f nowhere;  expect "query /f with no match" 1 $'\r\n'"$(end_of 0)"$'\n'
run reg query "$f" /k;          expect "query /k without /f" 1 "" $'ERROR: Invalid syntax.\r\nType "REG QUERY /?" for usage.\r'
run reg query "$f" /v beta /z;  expect "query /z numbers the type" 0 $'\r\n'"$fl"$'\r\n    beta    REG_DWORD (4)    0x2a\r\n\r\n'
run reg query "$f" /v m /se '#'; expect "query /se separates a multi-string's parts" 0 $'\r\n'"$fl"$'\r\n    m    REG_MULTI_SZ    a#b\r\n\r\n'
run reg query "$f" /v m /se '##'; expect "query /se of two characters" 1 "" $'ERROR: Invalid syntax.\r\nType "REG QUERY /?" for usage.\r'

# ---- output redirected: the console's code page (OEM 437), as Windows writes it ----
run reg add "$f" /v oem /d 'café' /f
run reg query "$f" /v oem
expect "redirected output is in the OEM code page" 0 $'\r\n'"$fl"$'\r\n    oem    REG_SZ    caf\x82\r\n\r\n'

# ---- compare (exit 0: identical, 2: different, 1: failed) ----
a='HKCU\Software\VineRegCmpA'; al='HKEY_CURRENT_USER\Software\VineRegCmpA'
b='HKCU\Software\VineRegCmpB'; bl='HKEY_CURRENT_USER\Software\VineRegCmpB'
for k in "$a" "$b"; do
    run reg add "$k" /v same /d x /f
    run reg add "$k\\both" /v v /d 1 /f
done
run reg add "$a" /v diff /d 1 /f
run reg add "$b" /v diff /d 2 /f
run reg add "$a" /v onlya /d a /f
run reg add "$b" /v onlyb /d b /f
run reg add "$a\\onlyhere" /f
identical=$'\r\nResult Compared: Identical\r\n'"$done_text"
different=$'\r\nResult Compared: Different\r\n'"$done_text"
diff_lines="< Value: $al  diff  REG_SZ  1"$'\r\n'"> Value: $bl  diff  REG_SZ  2"$'\r\n'
run reg compare "$a" "$b"
expect "compare: the differences" 2 "$diff_lines< Value: $al  onlya  REG_SZ  a"$'\r\n'"> Value: $bl  onlyb  REG_SZ  b"$'\r\n'"$different"
run reg compare "$a" "$b" /s
expect "compare /s: subkeys too" 2 "$diff_lines< Value: $al  onlya  REG_SZ  a"$'\r\n'"> Value: $bl  onlyb  REG_SZ  b"$'\r\n'"< Key: $al\\onlyhere"$'\r\n'"$different"
run reg compare "$a" "$b" /v same;      expect "compare /v of equal values" 0 "$identical"
run reg compare "$a" "$b" /v same /oa;  expect "compare /oa shows the matches" 0 "= Value: $al  same  REG_SZ  x"$'\r\n'"$identical"
run reg compare "$a" "$b" /v diff /os;  expect "compare /os hides the differences" 2 "$different"
run reg compare "$a" "$b" /on;          expect "compare /on shows nothing but the result" 2 "$different"
run reg compare "$a\\both" "$b\\both" /s; expect "compare of identical keys" 0 "$identical"
run reg compare "$a" 'HKCU\Software\VineRegNoSuchKey'; expect "compare with a missing key" 1 "" "$missing"
run reg compare "$a" "$b" /v nothing;   expect "compare a value neither has" 1 "" "$missing"
run reg compare "$a" "$b" /v same /s;   expect "compare /v with /s" 1 "" $'ERROR: Invalid syntax.\r\nType "REG COMPARE /?" for usage.\r'
run reg delete "$a" /f
run reg delete "$b" /f

# ---- load and unload (hives right below HKLM or HKU) ----
run reg save "$f" "$work/f.hiv";                  expect "save a hive to load" 0 "$done_text"
run reg load 'HKLM\VineRegHive' "$work/f.hiv";    expect "reg load" 0 "$done_text"
run reg query 'HKLM\VineRegHive' /v beta;         expect "the loaded hive's values" 0 $'\r\nHKEY_LOCAL_MACHINE\\VineRegHive\r\n    beta    REG_DWORD    0x2a\r\n\r\n'
run reg load 'HKLM\VineRegHive' "$work/f.hiv";    [ "$rc" = 1 ] && [[ "$err" == ERROR:* ]] && ok "reg load onto a loaded key fails" || fail "reg load twice: rc $rc ($err)"
run reg unload 'HKLM\VineRegHive';                expect "reg unload" 0 "$done_text"
run reg query 'HKLM\VineRegHive';                 expect "the hive is gone" 1 "" "$missing"
run reg load 'HKCU\VineRegHive' "$work/f.hiv";    expect "reg load below HKCU" 1 "" $'ERROR: Invalid key name.\r\nType "REG LOAD /?" for usage.\r'
run reg unload 'HKLM\Software';                   [ "$rc" = 1 ] && [[ "$err" == ERROR:* ]] && ok "reg unload of a key that is no loaded hive fails" || fail "reg unload HKLM\\Software: rc $rc"
run reg delete "$f" /f

# ---- deletes ----
run reg delete "$key" /v multi2 /f;      expect "delete /v" 0 "$done_text"
run reg query "$key" /v multi2;          expect "the value is gone" 1 "" "$missing"
run reg delete "$key" /ve /f;            expect "delete /ve" 0 "$done_text"
run reg query "$key" /ve;                expect "an unset default value" 0 $'\r\n'"$long"$'\r\n    (Default)    REG_SZ    (value not set)\r\n\r\n'
run reg delete "$key\\Sub" /va /f;       expect "delete /va" 0 "$done_text"
run reg query "$key\\Sub";               expect "no values left: no key line, the subkey stays" 0 $'\r\n'"$long"$'\\Sub\\Deeper\r\n'
run reg delete 'HKCU\Software\VineRegCopied' /f; expect "delete a key with subkeys" 0 "$done_text"
run reg query 'HKCU\Software\VineRegCopied'; expect "the key is gone" 1 "" "$missing"

# ---- persistence across a server restart ----
run reg query "$key" /s; before=$out
keep_server
run reg query "$key" /s
if [ "$rc" = 0 ] && [ "$out" == "$before" ] && [ -n "$before" ]; then ok "the values are there after vineserver -k"
else fail "after vineserver -k: got \"$out\", expected \"$before\""; fi

# ---- an older prefix gains the programs' system32 files ----
rm -f "$VINEPREFIX/drive_c/windows/system32/reg.exe" "$VINEPREFIX/drive_c/windows/system32/regedit.exe"
echo 3 >"$VINEPREFIX/.vine-layout"
run reg query "$key" /v dw
if [ -f "$VINEPREFIX/drive_c/windows/system32/reg.exe" ] && [ -f "$VINEPREFIX/drive_c/windows/system32/regedit.exe" ]; then
    ok "a layout-3 prefix gains system32\\reg.exe and regedit.exe"
else
    fail "system32\\reg.exe or regedit.exe missing after an update"
fi
run cmd /c 'reg query HKCU\Software\VineRegTest /v dw'
expect "cmd /c reg (through the system32 placeholder)" 0 $'\r\n'"$long"$'\r\n    dw    REG_DWORD    0x1000\r\n\r\n'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
