#!/bin/bash
# console_pty.sh VINE console_terminal.exe - runs the program on a pseudo-
# terminal (util-linux script) of 100 columns and 30 rows, types a line for
# ReadConsoleW, and checks what reached the terminal: WriteConsoleW's UTF-16
# as UTF-8, WriteConsoleA's UTF-8 bytes in code page 65001, and the program's
# own verdict.
set -u
vine=$1
exe=$2
transcript=$(mktemp)
trap 'rm -f "$transcript"' EXIT
# The input waits in the terminal until the program reads it.
(sleep 1; printf 'typed line\n') |
    script -qec "stty cols 100 rows 30; exec '$vine' '$exe'" /dev/null >"$transcript" 2>&1
status=$?
cat "$transcript"
failed=0
grep -q '\[w:héllo 世😀\]' "$transcript" || { echo "FAIL: WriteConsoleW's text is not on the terminal"; failed=1; }
grep -q '\[a:café\]' "$transcript" || { echo "FAIL: WriteConsoleA's text is not on the terminal"; failed=1; }
grep -q ' 0 failed' "$transcript" || { echo "FAIL: the program reported failures"; failed=1; }
[ "$status" -eq 0 ] || { echo "FAIL: exit status $status"; failed=1; }
exit $failed
