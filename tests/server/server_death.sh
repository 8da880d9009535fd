#!/bin/bash
# kill -9 of the server while its clients are blocked in
# WaitForSingleObject(INFINITE), with and without a busy thread, or just
# computing: every client must end promptly, with a nonzero status and the
# message saying why, none may hang.
#   server_death.sh VINE sync_client.exe hostile_client
. "$(dirname "$0")/common.sh"

"$VINESERVER" -p || { echo "FAIL: vineserver -p"; exit 1; }
server=$(server_pid)
check "server started" test -n "$server"

modes=("block ev1" "block ev2 spin" "block ev1" "spin")
pids=()
for i in "${!modes[@]}"; do
    "$VINE" "$CLIENT" ${modes[$i]} >client$i.out 2>client$i.err &
    pids[$i]=$!
    started_pids+=($!)
done
for i in "${!modes[@]}"; do
    case "${modes[$i]}" in spin) line=spinning ;; *) line=waiting ;; esac
    check "client $i (${modes[$i]}) is running" wait_for_line client$i.out $line 20
done
sleep 0.2  # into the wait itself

kill -9 "$server"
start=$SECONDS
for i in "${!modes[@]}"; do
    # A client that hangs is killed after 10 s by this loop's deadline.
    deadline=$((start + 10))
    while kill -0 "${pids[$i]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then
        kill -9 "${pids[$i]}"
        wait "${pids[$i]}" 2>/dev/null
        check "client $i (${modes[$i]}) ended after the server died" false
        continue
    fi
    wait "${pids[$i]}"
    status=$?
    check "client $i (${modes[$i]}) ended with a nonzero status ($status)" test $status -ne 0 -a $status -lt 128
    check "client $i says why" grep -q "^vine: the vineserver of this prefix has died; ending the process$" client$i.err
done
elapsed=$((SECONDS - start))
check "all ended within 5 s (${elapsed} s)" test $elapsed -le 5
finish
