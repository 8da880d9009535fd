#!/bin/bash
# Driver for cross_process.exe: starts the holder in the background, runs the
# waiter, which terminates the holder, and judges the waiter's output.
# usage: cross_process.sh VINE PROG.exe
set -u
vine=$1 exe=$2
$vine "$exe" holder > holder.out 2>&1 &
holder=$!
out=$($vine "$exe" waiter 2>&1)
status=$?
printf '%s\n' "$out" | tr -d '\r'
# The holder was ended by TerminateProcess (SIGKILL): don't leave it behind.
wait $holder 2>/dev/null
last=$(printf '%s\n' "$out" | tail -n 1 | tr -d '\r')
[ $status -eq 0 ] || { echo "FAIL: exit status $status"; exit 1; }
[[ "$last" =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] || { echo "FAIL: last line \"$last\""; exit 1; }
exit 0
