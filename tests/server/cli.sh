#!/bin/bash
# vineserver's command line and its refusals:
#   -p keeps a server without clients; -k kills it and its clients; -w waits
#   for it to exit; without -p it exits a few seconds after its last client;
#   a prefix or server directory owned by another user, or open to others,
#   is refused with a clear error; so are a client and a server of another
#   protocol version.
#   cli.sh VINE sync_client.exe hostile_client
. "$(dirname "$0")/common.sh"

# -p: stays without any client.
"$VINESERVER" -p
check "vineserver -p returns once the server listens" test $? -eq 0
first=$(server_pid)
check "a persistent server answers" test -n "$first"
sleep 4
check "it is still there 4 s later, with no client" test "$(server_pid)" = "$first"
"$VINESERVER" -p 2>second.err
status=$?
check "a second server for the same prefix is refused (status $status)" test $status -ne 0
check "...saying so" grep -q "a server is already running" second.err

# -k: kills the server and its clients.
"$VINE" "$CLIENT" block killme >blocked.out 2>blocked.err &
blocked=$!
started_pids+=($!)
check "a client is blocked" wait_for_line blocked.out waiting 20
"$VINESERVER" -k
check "vineserver -k succeeds" test $? -eq 0
wait $blocked
status=$?
check "-k killed the client (status $status)" test $status -eq 137
check "-k killed the server" test -z "$(server_pid)"
check "the server process has ended" gone "$first"
"$VINESERVER" -k
check "vineserver -k without a server fails" test $? -ne 0

# -k returns once the prefix is free: a server started right after it starts.
restarts=0
for i in $(seq 1 50); do
    "$VINESERVER" -p 2>restart.err && restarts=$((restarts + 1))
    "$VINESERVER" -k
done
check "50 times -p right after -k (started $restarts)" test "$restarts" -eq 50

# Without -p the server started by a client exits ~3 s after the client; -w waits for that.
"$VINE" "$CLIENT" pingpong solo a 0 >solo_a.out 2>&1 &
solo=$!
"$VINE" "$CLIENT" pingpong solo b 0 >solo_b.out 2>&1
wait $solo
auto=$(server_pid)
check "a client started a server" test -n "$auto"
start=$(date +%s%N)
"$VINESERVER" -w
status=$?
waited=$((($(date +%s%N) - start) / 1000000))
check "vineserver -w returns 0 ($status)" test $status -eq 0
check "the idle server exited after a few seconds (-w waited ${waited} ms)" test $waited -ge 1500 -a $waited -le 6000
check "it is gone" test -z "$(server_pid)"
start=$(date +%s%N)
"$VINESERVER" -w
waited=$((($(date +%s%N) - start) / 1000000))
check "vineserver -w without a server returns at once (${waited} ms)" test $waited -lt 1000

# Refusals. A prefix owned by another user (needs root to make one).
other=$(mktemp -d "${TMPDIR:-/tmp}/vine-other.XXXXXX")
if chown 65534 "$other" 2>/dev/null; then
    VINEPREFIX=$other "$VINE" "$CLIENT" spin >other.out 2>other.err
    status=$?
    check "a prefix owned by another user is refused (status $status)" test $status -ne 0
    check "...with a clear message" grep -q "^vine: the prefix $other is owned by another user; refusing to use it$" other.err
    VINEPREFIX=$other "$VINESERVER" -p 2>other_server.err
    check "vineserver refuses it too" grep -q "owned by another user" other_server.err
else
    echo "skip: cannot chown (not root): prefix owned by another user"
fi
rm -rf "$other"

# The server directory (VINE_SERVER_BASE stands in for /tmp/.vine-UID).
base=$(mktemp -d "${TMPDIR:-/tmp}/vine-base.XXXXXX")
chmod 0755 "$base"
VINE_SERVER_BASE=$base "$VINE" "$CLIENT" spin >open.out 2>open.err
status=$?
check "a server directory open to others is refused (status $status)" test $status -ne 0
check "...with a clear message" grep -q "^vine: $base is accessible by other users (mode must be 0700)$" open.err
chmod 0700 "$base"
if chown 65534 "$base" 2>/dev/null; then
    VINE_SERVER_BASE=$base "$VINESERVER" -p 2>owned.err
    status=$?
    check "a server directory owned by another user is refused (status $status)" test $status -ne 0
    check "...with a clear message" grep -q "^vineserver: $base is owned by another user; refusing to use it$" owned.err
    chown 0 "$base"
fi
VINE_SERVER_BASE=$base "$VINE" "$CLIENT" pingpong based a 0 >based_a.out 2>&1 &
based=$!
VINE_SERVER_BASE=$base "$VINE" "$CLIENT" pingpong based b 0 >based_b.out 2>&1
status=$?
wait $based
check "a private VINE_SERVER_BASE works (status $status/$?)" test $status -eq 0
check "...and holds the socket" sh -c "ls -d $base/server-*/socket >/dev/null"
VINE_SERVER_BASE=$base "$VINESERVER" -k >/dev/null 2>&1

# Protocol versions: the server refuses a client of another version...
"$VINESERVER" -p
check "the server answers a hello of another version with its own, then hangs up" "$HOSTILE" wrong-version
check "and carries on" test -n "$(server_pid)"
"$VINESERVER" -k
# ...and vine refuses a server of another version (a fake one, where the
# prefix's server would listen under VINE_SERVER_BASE).
dir=$base/$(printf 'server-%x-%x' "$(stat -c %d "$VINEPREFIX")" "$(stat -c %i "$VINEPREFIX")")
mkdir -m 0700 -p "$dir"
"$HOSTILE" fake-server "$dir/socket" >fake.out 2>&1 &
fake=$!
started_pids+=($!)
check "a fake server of another build listens" wait_for_line fake.out listening 10
VINE_SERVER_BASE=$base timeout 20 "$VINE" "$CLIENT" spin >fake_client.out 2>fake_client.err
status=$?
check "vine refuses a server of another build (status $status)" test $status -eq 1
check "...with a clear message" grep -q "^vine: the running vineserver (pid $fake) is from another build of Vine; stop it with 'vineserver -k' first$" fake_client.err
wait $fake
rm -rf "$base"
finish
