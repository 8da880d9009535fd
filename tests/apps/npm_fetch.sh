# Shared by the apps tests (sourced): fetching one file of an npm package
# into the build tree once, and comparing a job's result under vine with the
# Linux build's.

# npm_fetch SPEC MEMBER DEST: DEST is MEMBER (a path inside the package,
# without the leading "package/") of the npm package SPEC (name@version).
# Fetched once; exits the test with 77 (skipped) when npm or the registry
# is unavailable.
npm_fetch() {
    [ -f "$3" ] && return 0
    command -v npm >/dev/null 2>&1 || { echo "npm is not installed: skipped"; exit 77; }
    mkdir -p "$(dirname "$3")"
    fetch_dir=$(mktemp -d "$(dirname "$3")/fetch.XXXXXX")
    if ! (cd "$fetch_dir" && timeout 180 npm pack --silent "$1" >/dev/null 2>&1 &&
          tar xzf ./*.tgz "package/$2"); then
        rm -rf "$fetch_dir"
        echo "could not fetch $1 with npm: skipped"
        exit 77
    fi
    mv "$fetch_dir/package/$2" "$3"
    rm -rf "$fetch_dir"
}

# same NAME WINDOWS_OUTPUT WINDOWS_STATUS LINUX_OUTPUT LINUX_STATUS: one
# job's output and exit status under vine equal the Linux build's.
failed=0
passed=0
same() {
    if [ "$2" = "$4" ] && [ "$3" = "$5" ]; then
        echo "ok: $1"
        passed=$((passed + 1))
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
        echo "ok: $1"
        passed=$((passed + 1))
    else
        echo "FAIL: $1:"
        printf '%s\n' "$difference" | head -40
        failed=$((failed + 1))
    fi
}

summary() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}
