#!/bin/bash
# `vine vinepath -w/-u` from the shell.
# usage: vinepath_test.sh VINE
set -u
vine=$1
export VINEPREFIX=${VINEPREFIX:-$(cd "$(dirname "$vine")/.." && pwd)/test-prefix}
passed=0 failed=0
check() {
    local want=$1
    shift
    local got
    got=$(timeout 60 "$vine" vinepath "$@" 2>&1)
    if [ "$got" == "$want" ]; then
        passed=$((passed + 1)); echo "ok: vinepath $* -> $got"
    else
        failed=$((failed + 1)); echo "FAIL: vinepath $*: got \"$got\", expected \"$want\""
    fi
}
check 'Z:\tmp' -w /tmp
check 'Z:\usr\bin\env' -w /usr/bin/env
check 'Z:\tmp\a b' -w '/tmp/a b'
check 'C:\windows\system32' -w "$VINEPREFIX/drive_c/windows/system32"
check '/tmp/x' -u 'Z:\tmp\x'
check '/usr/bin' 'Z:\usr\bin'
check $'/tmp\nZ:\\tmp' -u 'Z:\tmp' -w /tmp
windows=$(timeout 60 "$vine" vinepath -u 'C:\windows\system32')
if [ -d "$windows" ]; then
    passed=$((passed + 1)); echo "ok: C:\\windows\\system32 is $windows"
else
    failed=$((failed + 1)); echo "FAIL: C:\\windows\\system32 -> \"$windows\", not a directory"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
