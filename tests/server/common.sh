# Helpers for the server tests (sourced). Every test runs its own server on
# a private prefix, so killing it disturbs no other test.
#   $1 vine  $2 sync_client.exe  $3 hostile_client
set -u
VINE=$1
CLIENT=$2
HOSTILE=$3
VINESERVER=$(dirname "$VINE")/vineserver
export VINEPREFIX
VINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/vine-servertest.XXXXXX")
unset VINE_SERVER_BASE VINEDEBUG WINEDEBUG
started_pids=()
cleanup() {
    for pid in "${started_pids[@]+"${started_pids[@]}"}"; do kill -9 "$pid" 2>/dev/null; done
    "$VINESERVER" -k >/dev/null 2>&1
    rm -rf "$VINEPREFIX"
}
trap cleanup EXIT

failures=0
check() {  # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then
        echo "ok: $what"
    else
        echo "FAIL: $what"
        failures=$((failures + 1))
    fi
}

# The pid of the prefix's server (from its lock holder), empty if none.
server_pid() {
    "$HOSTILE" probe 2>/dev/null | sed -n 's/^server pid \([0-9]*\) answers$/\1/p'
}

# wait_for_line FILE TEXT SECONDS: until FILE has a line TEXT.
wait_for_line() {
    local deadline=$((SECONDS + $3))
    while [ $SECONDS -lt $deadline ]; do
        tr -d '\r' <"$1" 2>/dev/null | grep -qx "$2" && return 0
        sleep 0.05
    done
    return 1
}

# gone PID: the process has ended (a zombie counts: some containers' init
# never reaps the daemonized server).
gone() {
    ! kill -0 "$1" 2>/dev/null || grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

finish() {
    if [ $failures -eq 0 ]; then
        echo "all checks passed"
        exit 0
    fi
    echo "$failures check(s) failed"
    exit 1
}
