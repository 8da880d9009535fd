#!/bin/bash
# vineserver at its descriptor limit: started with a limit of 64
# descriptors, it must refuse the connections it cannot hold with
# too_many_open_files, keep serving the ones it has, and serve new ones
# once some close (issue 12, item 3: it used to loop forever in accept,
# because accept4 reports EMFILE before it looks at the queue).
#   limits.sh VINE sync_client.exe hostile_client
. "$(dirname "$0")/common.sh"

(ulimit -n 64 && exec "$VINESERVER" -p) || { echo "FAIL: vineserver -p with 64 descriptors"; exit 1; }
pid=$(server_pid)
check "server started" test -n "$pid"
started_pids+=($pid)  # a wedged server ignores vineserver -k
check "its limit is 64 descriptors" grep -Eq '^Max open files +64 +64 ' "/proc/$pid/limits"

rm -f hold && mkfifo hold
"$HOSTILE" crowd hold <hold >crowd.out 2>&1 &
crowd=$!
started_pids+=($crowd)
exec 9>hold  # the crowd waits until this closes
if wait_for_line crowd.out full 60; then
    timeout 30 "$VINE" "$CLIENT" isolated 0 >refused.out 2>refused.err
    refused_status=$?
    cat refused.err
    check "a program started while the server is full fails (exit $refused_status)" \
        test $refused_status -ne 0 -a $refused_status -ne 124
    check "with a clear message" grep -q "vineserver is out of file descriptors" refused.err
else
    check "the crowd filled the server" false
fi
exec 9>&-
wait $crowd
status=$?
cat crowd.out
check "over the limit, connections are refused and the server keeps serving" test $status -eq 0
check "the same server still answers" test "$(server_pid)" = "$pid"
"$VINE" "$CLIENT" isolated 0 >create.out 2>&1
check "a Windows program runs against it afterwards" test $? -eq 0
finish
