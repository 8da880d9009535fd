#!/bin/bash
# save_in_flight.sh VINE regtool.exe - hives are written off the server's
# loop, and a save in flight loses nothing. VINE_TEST_HIVE_WRITE_DELAY_MS
# makes each hive write wait first, as a slow disk's fsync would:
#   - a request made while a hive is being written is answered at once
#     (the loop does not wait for the disk);
#   - a change made while a save is in flight causes another save: after
#     both writes, a kill -9 of the server keeps it;
#   - `vineserver -k` returns only once the last write is on disk.
. "$(dirname "$0")/regtest_common.sh"
now_ms() { echo $(($(date +%s%N) / 1000000)); }
in_file() { grep -q "^\"$1\"=\"$2\"\$" "$VINEPREFIX/user.reg"; }

# The prefix is made (and its first hives written) without the delay.
"$vine" "$tool" get nothing >/dev/null 2>&1
"$server" -k >/dev/null 2>&1
"$server" -w >/dev/null 2>&1

# Writes take 4 s: the save of `first` (0.5 s after the set) is in flight
# from 0.5 s to 4.5 s.
VINE_TEST_HIVE_WRITE_DELAY_MS=4000 "$server" -p >/dev/null 2>&1
"$vine" "$tool" set first one >/dev/null || fail "set first"
sleep 1
start=$(now_ms)
out=$(get first)
took=$(($(now_ms) - start))
[ "$out" = one ] || fail "get first: '$out'"
# A loop waiting for the write would answer after 3.5 s.
[ "$took" -lt 2000 ] || fail "a request during a hive write took $took ms: the server waited for the disk"
in_file first one && fail "the test's premise: the write of 'first' should still be in flight"
"$vine" "$tool" set second two >/dev/null || fail "set second (during the write)"
start=$(now_ms)
"$server" -k >/dev/null 2>&1
took=$(($(now_ms) - start))
in_file first one || fail "vineserver -k returned before the write in flight was done ($took ms)"
in_file second two || fail "a change made during a save was lost at exit ($took ms)"
"$server" -w >/dev/null 2>&1

# Writes take 2 s: `third` saved from 0.5 s to 2.5 s, `fourth` set during
# it and saved after it (by about 4.5 s); then the server is killed.
VINE_TEST_HIVE_WRITE_DELAY_MS=2000 "$server" -p >/dev/null 2>&1
"$vine" "$tool" set third three >/dev/null || fail "set third"
sleep 0.8
"$vine" "$tool" set fourth four >/dev/null || fail "set fourth (during the write)"
sleep 5
kill_server || fail "no server found"
in_file third three || fail "the first save did not reach user.reg"
in_file fourth four || fail "a change made during a save did not cause another save"
ls "$VINEPREFIX"/*.tmp >/dev/null 2>&1 && fail "a temporary hive was left behind"
[ "$(get fourth)" = four ] || fail "the next server does not read it: '$(get fourth)'"
[ $failed = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $failed
