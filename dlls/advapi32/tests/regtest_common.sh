# Helpers for the registry's script tests (sourced): a private prefix and
# its server, regtool.exe, and the server's pid.
#   $1 vine  $2 regtool.exe
set -u
vine=$1
tool=$2
server=$(dirname "$vine")/vineserver
export VINEPREFIX
VINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/vine-regtest.XXXXXX")
unset VINEDEBUG WINEDEBUG
trap '"$server" -k >/dev/null 2>&1; rm -rf "$VINEPREFIX"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
get() { "$vine" "$tool" get "$1" 2>&1 | tr -d '\r'; }

# The server holds its lock file open: that is how its pid is found.
server_pid() {
    local lock
    lock=/tmp/.vine-$(id -u)/$(printf 'server-%x-%x' "$(stat -c %d "$VINEPREFIX")" "$(stat -c %i "$VINEPREFIX")")/lock
    for fd in /proc/[0-9]*/fd/*; do
        [ "$(readlink "$fd" 2>/dev/null)" = "$lock" ] && { fd=${fd#/proc/}; echo "${fd%%/*}"; return; }
    done
}

# A kill -9 of the prefix's server, as a crash would end it; status 1 when
# no server runs.
kill_server() {
    local pid
    pid=$(server_pid)
    [ -n "$pid" ] || return 1
    kill -9 "$pid"
    sleep 0.2
}
