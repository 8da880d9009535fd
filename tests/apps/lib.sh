# Shared by the scripts of tests/apps and bench/apps (sourced, POSIX sh):
# fetching one file of an npm package into the build tree once, and
# counting each job's result.

# fetch_npm PACKAGE@VERSION FILE DEST: FILE (a path inside the package,
# without the leading "package/") of the npm package into DEST, once (kept
# for later runs). Without npm or the registry: a message and exit 77,
# which CTest reports as skipped.
fetch_npm() {
    [ -f "$3" ] && return 0
    command -v npm >/dev/null 2>&1 || { echo "npm is not installed: skipped"; exit 77; }
    mkdir -p "$(dirname "$3")"
    fetch_dir=$(mktemp -d "$(dirname "$3")/fetch.XXXXXX")
    tarball=$(cd "$fetch_dir" && timeout 180 npm pack --silent "$1" 2>/dev/null | tail -n 1)
    if [ -z "$tarball" ] || ! tar xzf "$fetch_dir/$tarball" -C "$fetch_dir" "package/$2" 2>/dev/null; then
        rm -rf "$fetch_dir"
        echo "could not fetch $1 with npm: skipped"
        exit 77
    fi
    mv "$fetch_dir/package/$2" "$3"
    rm -rf "$fetch_dir"
}

failed=0
passed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }

# check NAME EXPECTED GOT STATUS: a job's output is EXPECTED and it exited 0.
check() {
    if [ "$3" = "$2" ] && [ "$4" = 0 ]; then
        pass "$1"
    else
        echo "FAIL: $1: exit status $4, output:"
        printf '%s\n' "$3"
        echo "expected:"
        printf '%s\n' "$2"
        failed=$((failed + 1))
    fi
}

# same NAME WINDOWS_OUTPUT WINDOWS_STATUS LINUX_OUTPUT LINUX_STATUS: one
# job's output and exit status under vine equal the Linux build's.
same() {
    if [ "$2" = "$4" ] && [ "$3" = "$5" ]; then
        pass "$1"
    else
        echo "FAIL: $1: under vine (exit status $3):"
        printf '%s\n' "$2" | head -40
        echo "the Linux build (exit status $5):"
        printf '%s\n' "$4" | head -40
        failed=$((failed + 1))
    fi
}

# same_tree NAME WINDOWS_DIR LINUX_DIR: two trees hold the same files with
# the same contents.
same_tree() {
    if difference=$(diff -r "$2" "$3" 2>&1); then
        pass "$1"
    else
        echo "FAIL: $1:"
        printf '%s\n' "$difference" | head -40
        failed=$((failed + 1))
    fi
}

# summary: the counts; the script's exit status is the run's.
summary() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}
