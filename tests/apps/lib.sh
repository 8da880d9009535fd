# Shared by the scripts of tests/apps and bench/apps (sourced, POSIX sh).

# fetch_npm PACKAGE@VERSION FILE DEST: FILE of the npm package into DEST,
# once (kept for later runs). Without npm or the registry: a message and
# exit 77, which CTest reports as skipped.
fetch_npm() {
    [ -f "$3" ] && return 0
    command -v npm >/dev/null 2>&1 || { echo "npm is not installed: skipped"; exit 77; }
    mkdir -p "$(dirname "$3")"
    fetch_dir=$(mktemp -d "$(dirname "$3")/fetch.XXXXXX")
    tarball=$(cd "$fetch_dir" && timeout 120 npm pack --silent "$1" 2>/dev/null | tail -n 1)
    if [ -z "$tarball" ] || ! tar xzf "$fetch_dir/$tarball" -C "$fetch_dir" "package/$2" 2>/dev/null; then
        rm -rf "$fetch_dir"
        echo "could not fetch $1 with npm: skipped"
        exit 77
    fi
    mv "$fetch_dir/package/$2" "$3"
    rm -rf "$fetch_dir"
}

# check NAME EXPECTED GOT STATUS: one job's result, counted in $failed.
failed=${failed:-0}
check() {
    if [ "$3" = "$2" ] && [ "$4" = 0 ]; then
        echo "ok: $1"
    else
        echo "FAIL: $1: exit status $4, output:"
        printf '%s\n' "$3"
        echo "expected:"
        printf '%s\n' "$2"
        failed=$((failed + 1))
    fi
}
