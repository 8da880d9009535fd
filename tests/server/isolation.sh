#!/bin/bash
# Issue 12, item 4: a process holding no handle to another process's
# unnamed event, mutex or semaphore cannot reach it. A victim waits 4 s on
# an unnamed event while hostile_client, connected as a process of the same
# prefix, tries everything the server handed it (the sync area writable or
# made writable, objects in what it can read, handles duplicated out of
# processes it has no handle to); the victim's wait must time out and its
# mutex and semaphore be as it left them.
#   isolation.sh VINE SYNC_CLIENT HOSTILE_CLIENT
. "$(dirname "$0")/common.sh"

out=$VINEPREFIX/victim.out
"$VINE" "$CLIENT" isolated 4 >"$out" 2>&1 &
victim=$!
started_pids+=("$victim")
check "the victim waits on its unnamed event" wait_for_line "$out" waiting 60
check "a process without handles reaches none of the victim's objects" "$HOSTILE" forge
wait "$victim"
status=$?
tr -d '\r' <"$out" | sed 's/^/victim: /'
check "the victim's unnamed objects are as it left them" test "$status" -eq 0
finish
