#!/bin/bash
# driver.sh - end-to-end checks of the vine loader itself.
#
# usage: driver.sh VINE PROG.exe MODE [ARG]
#
# Run by tests/run-windows-test (--driver, in a fresh temporary directory) or
# directly by CTest. MODE says what PROG.exe is and what vine must do with it:
#   hello       exit 0, stdout exactly "hello from kernel32\n", stderr empty
#   stub        exit 254, stderr exactly one line naming kernel32.AddAtomA
#   crash       exit 5, an "unhandled exception 0xc0000005" report with the
#               faulting module offset
#   badstack    a fault with rsp 0: exit 5 with a report, not a host SIGSEGV
#   closedstd   started with descriptors 0-2 closed, vine still ends (exit 0)
#   stackoverflow  exit 0xfd (253), a stack overflow (0xc00000fd) report
#   builtincrash  exit 5, the report names kernel32.dll and GetSystemInfo's ELF symbol
#   debugstr    VINEDEBUG=+debugstr shows OutputDebugString's strings, escaped; nothing without it
#   relay       VINEDEBUG=+relay traces WriteFile's call and return
#   loaddll     VINEDEBUG=+loaddll shows ntdll/kernel32 builtin, the exe native
#   winedebug   WINEDEBUG is read when VINEDEBUG is unset, ignored when set
#   usage       vine without arguments prints its usage and fails cleanly
#   rawargs     an argument that is not valid UTF-8 reaches the program
#               losslessly (stray bytes as U+DC80..U+DCFF) and opens the file
#   core-disabled  VINEDLLOVERRIDES disabling kernel32 or ntdll says so
#   bad-text, bad-empty, bad-truncated, bad-dir, bad-device, bad-missing,
#   bad-clr, bad-import-dll, bad-import-function, bad-raw-names,
#   bad-pe32 ARG (ARG: a 32-bit PE32 image), bad-iat-headers,
#   bad-tls-noread ARG, bad-tls-callback ARG (ARG: a program with TLS),
#   bad-dll ARG (ARG: a DLL that PROG.exe imports, made corrupt)
#               PROG.exe is a valid, stripped (-s) x86-64 program to derive
#               bad inputs from (stripped, so its file ends with its last
#               section and every cut of it truncates something vine needs);
#               vine must print one "vine: ..." line and exit with a status
#               between 1 and 127 (an error, not a signal or a crash).
# Exit status: 0 pass, 1 fail, 77 skipped (a tool is missing).

set -u
vine=$1
# The tests' own prefix in the build tree (see tests/run-windows-test).
if [ -z "${VINEPREFIX:-}" ] && [ -x "$vine" ]; then
    export VINEPREFIX="$(cd "$(dirname "$vine")/.." && pwd)/test-prefix"
fi
exe=$2
mode=$3
arg=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vine-loadertest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
out=$tmp/stdout
err=$tmp/stderr
failed=0

fail() {
    echo "FAIL: $*" >&2
    failed=1
}

# run [VAR=value...] -- PROGRAM ARGS...: runs vine with a clean debug
# environment, stdin from /dev/null; sets $status.
run() {
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    env -u VINEDEBUG -u WINEDEBUG "${envs[@]}" "$vine" "$@" </dev/null >"$out" 2>"$err"
    status=$?
}

show() {
    echo "--- exit status: $status" >&2
    echo "--- stdout:" >&2
    head -c 4000 "$out" >&2
    echo "--- stderr:" >&2
    head -c 4000 "$err" >&2
    echo "---" >&2
}

expect_status() {
    [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_line FILE REGEX WHAT: some line of FILE matches the extended REGEX.
expect_line() {
    grep -Eq -- "$2" "$1" || fail "no line matching /$2/ in $3"
}

expect_no_line() {
    if grep -Eq -- "$2" "$1"; then fail "unexpected line matching /$2/ in $3"; fi
}

expect_hello_stdout() {
    printf 'hello from kernel32\n' | cmp -s - "$out" || fail "stdout is not exactly 'hello from kernel32\\n'"
}

expect_clean_error_status() {
    if [ "$status" -eq 0 ] || [ "$status" -ge 128 ]; then
        fail "$1: exit status $status, expected 1..127"
    fi
}

# A clean error: exactly one line on stderr, "vine: ...", a small nonzero
# exit status (not 128+signal, not a crash report), nothing on stdout.
expect_clean_error() {
    local what=$1
    expect_clean_error_status "$what"
    local lines
    lines=$(wc -l <"$err")
    [ "$lines" -eq 1 ] || fail "$what: $lines lines on stderr, expected one"
    expect_line "$err" '^vine: .+' "stderr ($what)"
    expect_no_line "$err" 'Segmentation fault|core dumped|unhandled exception|Aborted|terminate called' "stderr ($what)"
    [ -s "$out" ] && fail "$what: unexpected output on stdout"
    if [ "$failed" -ne 0 ]; then show; fi
}

hex='[0-9a-f]'
tid="^$hex{4,}:"
# The path vine shows for a Unix file: Z: and backslashes.
winpath() { printf 'Z:%s' "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" | tr / '\\'; }
# Whether FILE is valid UTF-8 (messages quote bytes from files escaped).
expect_utf8() {
    python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1" 2>/dev/null ||
        fail "$2 is not valid UTF-8"
}
# Escapes a string for use in an extended regex.
re_escape() { printf '%s' "$1" | sed -e 's/[][\\.*^$+?(){}|]/\\&/g'; }

case "$mode" in
hello)
    run -- "$exe"
    expect_status 0
    expect_hello_stdout
    [ -s "$err" ] && fail "unexpected output on stderr"
    ;;
stub)
    run -- "$exe"
    expect_status 254
    [ "$(wc -l <"$err")" -eq 1 ] || fail "expected exactly one line on stderr"
    expect_line "$err" "^vine: kernel32\.AddAtomA not implemented \(called from 0x$hex+\)$" stderr
    ;;
crash)
    name=$(basename "$exe")
    run -- "$exe"
    expect_status 5
    expect_line "$err" "^vine: unhandled exception 0xc0000005 at $hex{16} \($(re_escape "$name")\+0x$hex+\)$" stderr
    expect_line "$err" "^vine: access violation writing address 0{16}$" stderr
    expect_no_line "$err" 'Segmentation fault' stderr
    [ "$(grep -c 'unhandled exception' "$err")" -eq 1 ] || fail "expected exactly one exception report"
    ;;
badstack)
    run -- "$exe"
    expect_status 5
    expect_line "$err" "^vine: unhandled exception 0xc0000005" stderr
    expect_no_line "$err" 'Segmentation fault' stderr
    ;;
closedstd)
    # Started with descriptors 0-2 closed, vine must still end (it used to
    # hand its server socket out as standard output and wait forever).
    # A fresh prefix: the server this vine starts must see it end too.
    VINEPREFIX=$tmp/prefix env -u VINEDEBUG -u WINEDEBUG timeout 20 "$vine" "$exe" <&- >&- 2>&-
    status=$?
    VINEPREFIX=$tmp/prefix "$(dirname "$vine")/vineserver" -k >/dev/null 2>&1
    [ "$status" -eq 124 ] && fail "vine with descriptors 0-2 closed did not end"
    expect_status 0
    ;;
stackoverflow)
    run -- "$exe"
    expect_status 253
    expect_line "$err" "^vine: unhandled exception 0xc00000fd at $hex{16} \($(re_escape "$(basename "$exe")")\+0x$hex+\)$" stderr
    expect_no_line "$err" 'Segmentation fault' stderr
    ;;
builtincrash)
    run -- "$exe"
    expect_status 5
    expect_line "$err" "^vine: unhandled exception 0xc0000005 at $hex{16} \(kernel32\.dll\+0x$hex+, GetSystemInfo\+0x$hex+\)$" stderr
    expect_line "$err" "^vine: access violation writing address 0{14}$hex{2}$" stderr
    ;;
debugstr)
    run VINEDEBUG=+debugstr -- "$exe"
    expect_status 0
    expect_line "$err" "^$hex{4,}:warn:debugstr:OutputDebugStringA \"vine says \\\\\"hi\\\\\"\\\\n\"$" stderr
    expect_line "$err" "^$hex{4,}:warn:debugstr:OutputDebugStringA \"wide\\\\ttoo\"$" stderr
    run -- "$exe"
    expect_status 0
    expect_no_line "$err" 'debugstr' stderr
    ;;
relay)
    run VINEDEBUG=+relay -- "$exe"
    expect_status 0
    expect_hello_stdout
    # WriteFile(handle, buffer, 20 bytes, &written, NULL) returning TRUE.
    expect_line "$err" "${tid}Call KERNEL32\.WriteFile\($hex{16},$hex{16},00000014,$hex{16},0{16}\) ret=$hex{16}$" stderr
    expect_line "$err" "${tid}Ret  KERNEL32\.WriteFile\(\) retval=0{15}1 ret=$hex{16}$" stderr
    expect_line "$err" "${tid}Call KERNEL32\.GetStdHandle\(fffffff5\) ret=" stderr
    expect_line "$err" "${tid}Call KERNEL32\.ExitProcess\(00000000\) ret=" stderr
    call=$(grep -n 'Call KERNEL32\.WriteFile(' "$err" | head -1 | cut -d: -f1)
    ret=$(grep -n 'Ret  KERNEL32\.WriteFile(' "$err" | head -1 | cut -d: -f1)
    [ -n "$call" ] && [ -n "$ret" ] && [ "$call" -lt "$ret" ] || fail "WriteFile's Ret line does not follow its Call line"
    expect_no_line "$err" 'loaddll' stderr
    ;;
loaddll)
    run VINEDEBUG=+loaddll -- "$exe"
    expect_status 0
    expect_hello_stdout
    sys='C:\\windows\\system32\\'
    expect_line "$err" "${tid}trace:loaddll:load Loaded L\"${sys}ntdll\.dll\" at 0x$hex+: builtin$" stderr
    expect_line "$err" "${tid}trace:loaddll:load Loaded L\"${sys}kernel32\.dll\" at 0x$hex+: builtin$" stderr
    expect_line "$err" "${tid}trace:loaddll:load Loaded L\"$(re_escape "$(winpath "$exe")")\" at 0x$hex+: native$" stderr
    [ "$(grep -c 'Loaded L' "$err")" -eq 3 ] || fail "expected exactly three modules loaded"
    expect_no_line "$err" 'Call |Ret  ' stderr
    ;;
winedebug)
    run WINEDEBUG=+loaddll -- "$exe"
    expect_status 0
    expect_hello_stdout
    expect_line "$err" 'trace:loaddll:load Loaded L".*ntdll\.dll" at 0x[0-9a-f]+: builtin$' "stderr (WINEDEBUG=+loaddll)"
    [ "$failed" -ne 0 ] && show
    # VINEDEBUG, when set, wins over WINEDEBUG.
    run VINEDEBUG=+relay WINEDEBUG=+loaddll -- "$exe"
    expect_status 0
    expect_line "$err" 'Call KERNEL32\.WriteFile\(' "stderr (VINEDEBUG=+relay WINEDEBUG=+loaddll)"
    expect_no_line "$err" 'loaddll' "stderr (VINEDEBUG=+relay WINEDEBUG=+loaddll)"
    ;;
usage)
    run --
    expect_clean_error_status "no arguments"
    expect_line "$err" '^usage: vine ' stderr
    [ -s "$out" ] && fail "unexpected output on stdout"
    ;;
rawargs)
    # Latin-1 "caf\xe9" and a stray 0xff: not UTF-8. The program prints the
    # UTF-16 units it got and the contents of the file they name.
    exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")
    name=$(printf 'caf\351\377.txt')
    printf 'raw name contents\n' >"$tmp/$name"
    cd "$tmp" || exit 1
    run -- "$exe" "$name"
    expect_status 0
    printf '0063 0061 0066 dce9 dcff 002e 0074 0078 0074\nraw name contents\n' | cmp -s - "$out" ||
        fail "the argument did not arrive as U+DCE9 U+DCFF or did not name its file"
    ;;
core-disabled)
    for dll in kernel32 ntdll KERNEL32.DLL; do
        failed_before=$failed
        failed=0
        run VINEDLLOVERRIDES="$dll=" -- "$exe"
        expect_clean_error "VINEDLLOVERRIDES=$dll="
        expect_line "$err" '^vine: VINEDLLOVERRIDES disables (kernel32|ntdll)\.dll, which cannot be disabled' stderr
        [ "$failed" -ne 0 ] || failed=$failed_before
    done
    ;;
bad-text)
    printf 'This is not a Windows program.\r\nJust text.\n' >"$tmp/notes.exe"
    run -- "$tmp/notes.exe"
    expect_clean_error "text file"
    ;;
bad-empty)
    : >"$tmp/empty.exe"
    run -- "$tmp/empty.exe"
    expect_clean_error "empty file"
    ;;
bad-truncated)
    # Cut the real program at many points: inside the DOS header, the NT
    # headers, the section table and each section's raw data.
    size=$(stat -c %s "$exe")
    for n in 1 2 32 63 64 65 100 128 132 150 200 263 264 300 392 400 512 700 1024 1025 1536 2048 3000 4096 $((size - 512)) $((size - 1)); do
        [ "$n" -gt 0 ] && [ "$n" -lt "$size" ] || continue
        head -c "$n" "$exe" >"$tmp/cut.exe"
        failed_before=$failed
        failed=0
        run -- "$tmp/cut.exe"
        expect_clean_error "first $n of $size bytes"
        [ "$failed" -ne 0 ] || failed=$failed_before
    done
    ;;
bad-dir)
    mkdir "$tmp/folder.exe"
    run -- "$tmp/folder.exe"
    expect_clean_error "a directory"
    expect_line "$err" '^vine: .*folder\.exe: is a directory$' stderr
    ;;
bad-device)
    # Never read (/dev/zero would not end): named for what they are.
    for device in /dev/null /dev/zero; do
        failed_before=$failed
        failed=0
        run -- "$device"
        expect_clean_error "$device"
        expect_line "$err" "^vine: $device: not a PE image \\(a character device\\)$" stderr
        [ "$failed" -ne 0 ] || failed=$failed_before
    done
    ;;
bad-raw-names)
    # A DLL name and an imported function name with bytes that are not
    # UTF-8: printed escaped, stderr stays valid UTF-8.
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    for case in dll function; do
        if [ "$case" = dll ]; then
            from=KERNEL32.dll to='K\xffRNEL32.dll' want='^vine: .*K\\xffRNEL32\.dll \(needed by .*\) was not found$'
        else
            from=GetStdHandle to='GetStdHandl\xe9' want='entry point GetStdHandl\\xe9 could not be located in kernel32\.dll'
        fi
        python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); f=sys.argv[3].encode(); t=sys.argv[4].encode().decode("unicode_escape").encode("latin-1")
assert d.count(f+b"\0")==1 and len(f)==len(t); open(sys.argv[2],"wb").write(d.replace(f+b"\0",t+b"\0"))' \
            "$exe" "$tmp/raw-$case.exe" "$from" "$to" || { fail "patching $from failed"; exit 1; }
        failed_before=$failed
        failed=0
        run -- "$tmp/raw-$case.exe"
        expect_clean_error "raw bytes in the $case name"
        expect_line "$err" "$want" stderr
        expect_utf8 "$err" "stderr (raw bytes in the $case name)"
        [ "$failed" -ne 0 ] || failed=$failed_before
    done
    ;;
bad-missing)
    run -- "$tmp/no-such-program.exe"
    expect_clean_error "a missing file"
    expect_line "$err" 'not found' stderr
    ;;
bad-clr)
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    python3 "$here/make_clr_image.py" "$exe" "$tmp/managed.exe" || { fail "make_clr_image.py failed"; exit 1; }
    run -- "$tmp/managed.exe"
    expect_clean_error ".NET image"
    expect_line "$err" '\.NET|CLR|managed' stderr
    ;;
bad-import-dll|bad-import-function)
    # The same program importing from a DLL that does not exist, or a
    # function kernel32 does not export (names patched, lengths kept).
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    if [ "$mode" = bad-import-dll ]; then
        from=KERNEL32.dll to=NOTTHERE.dll want='^vine: .*NOTTHERE\.dll \(needed by .*\) was not found$'
    else
        from=GetStdHandle to=GetStdHandlX want='^vine: .*entry point GetStdHandlX could not be located in kernel32\.dll \(imported by .*\)$'
    fi
    python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); f=sys.argv[3].encode(); t=sys.argv[4].encode()
assert d.count(f+b"\0")==1; open(sys.argv[2],"wb").write(d.replace(f+b"\0",t+b"\0"))' \
        "$exe" "$tmp/patched.exe" "$from" "$to" || { fail "patching $from failed"; exit 1; }
    run -- "$tmp/patched.exe"
    expect_clean_error "import of $to"
    expect_line "$err" "$want" stderr
    ;;
bad-iat-headers)
    # Binding through an import address table that overlaps the headers
    # would overwrite e_lfanew (issue 12 item 6): refused before binding.
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    python3 "$here/make_hostile_image.py" iat-in-headers "$exe" "$tmp/iat.exe" || { fail "corruption failed"; exit 1; }
    run -- "$tmp/iat.exe"
    expect_clean_error "IAT in the headers"
    expect_line "$err" '^vine: .*iat\.exe: bad PE image: .*import address table .*in the headers' stderr
    ;;
bad-tls-noread)
    # A TLS template in a section without read access (issue 12 item 7):
    # refused, not a fault copying it.
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    python3 "$here/make_hostile_image.py" tls-noread "$arg" "$tmp/tls.exe" || { fail "corruption failed"; exit 1; }
    run -- "$tmp/tls.exe"
    expect_clean_error "TLS template unreadable"
    expect_line "$err" '^vine: .*tls\.exe: bad PE image: the TLS template .*not inside readable sections' stderr
    ;;
bad-tls-callback)
    # A TLS callback pointing nowhere (issue 12 item 7): the program's
    # crash, reported with the image and the callback, exit 5.
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    python3 "$here/make_hostile_image.py" tls-callback "$arg" "$tmp/tls.exe" || { fail "corruption failed"; exit 1; }
    run -- "$tmp/tls.exe"
    expect_status 5
    expect_line "$err" '^vine: unhandled exception 0xc0000005 at 00007fff00001000' stderr
    expect_line "$err" '^vine: the exception happened in the TLS callback 0x7fff00001000 of tls\.exe$' stderr
    expect_no_line "$err" 'Segmentation fault' stderr
    ;;
bad-dll)
    # A corrupt DLL next to the EXE that imports it (issue 12 item 8): the
    # message names the file and why it is bad, not "not found". ARG: the
    # DLL's path; PROG.exe imports it.
    command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
    dll=$(basename "$arg")
    cp "$exe" "$tmp/" && cp "$(dirname "$exe")"/*.dll "$tmp/" || { fail "copy failed"; exit 1; }
    python3 "$here/make_hostile_image.py" garbage "$arg" "$tmp/$dll" || { fail "corruption failed"; exit 1; }
    run -- "$tmp/$(basename "$exe")"
    expect_clean_error "corrupt $dll"
    expect_line "$err" "$(re_escape "$dll") \(needed by .*\) could not be loaded: .*$(re_escape "$dll"): bad PE image: bad DOS signature" stderr
    expect_no_line "$err" 'was not found' stderr
    ;;
bad-pe32)
    [ -n "$arg" ] && [ -f "$arg" ] || { echo "no PE32 image (i686-w64-mingw32-gcc missing?): skipped"; exit 77; }
    cp "$arg" "$tmp/prog32.exe"
    run -- "$tmp/prog32.exe"
    expect_clean_error "32-bit PE32 image"
    expect_line "$err" '32-bit|PE32' stderr
    ;;
*)
    echo "driver.sh: unknown mode '$mode'" >&2
    exit 2
    ;;
esac

if [ "$failed" -ne 0 ]; then
    case "$mode" in bad-*) ;; *) show ;; esac
    exit 1
fi
echo "PASS: $mode"
exit 0
