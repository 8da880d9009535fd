#!/bin/bash
# Driver: feed stdin_input.txt to stdin.exe through a pipe.
# usage: stdin_pipe.sh VINE PROG.exe INPUT_FILE
set -u
vine=$1 exe=$2 input=$3
out=$(cat "$input" | $vine "$exe" pipe)
status=$?
printf '%s\n' "$out" | tr -d '\r'
last=$(printf '%s\n' "$out" | tail -n 1 | tr -d '\r')
[ $status -eq 0 ] || { echo "FAIL: exit status $status"; exit 1; }
[[ "$last" =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] || { echo "FAIL: last line \"$last\""; exit 1; }
exit 0
