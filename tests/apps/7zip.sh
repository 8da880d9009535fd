#!/bin/sh
# A real MSVC C++ program under vine: 7-Zip 21.07's console 7za.exe (links
# msvcrt.dll and MSVC's C++ exceptions, runs two compression threads),
# from npm (7zip-bin@5.2.0, win/x64/7za.exe), fetched once into the build
# tree. The yardstick is Debian's 7-Zip (`7zz`, package 7zip) on the same
# files. Jobs: `a -mmt2` of a generated tree (make_tree.py: Unicode and
# space names, empty files and directories, large compressible and random
# files), `t`, `l -slt` and `x` of that archive under vine; the archive
# tested good by 7zz and listed by 7zz the same way; the tree extracted by
# 7za identical to the input (contents and modification times of files
# and directories); and 7zz's archive of the tree extracted by 7za under
# vine identically too.
# Without npm, the registry or 7zz the test is skipped (exit 77).
# Usage: 7zip.sh VINE WORK_DIR
# VINE_APPS_7ZIP_MB sets the tree's size in megabytes (default 50).
set -u
here=$(cd "$(dirname "$0")" && pwd)
vine=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2" && work=$(cd "$2" && pwd)
exe=$work/7za-21.07.exe
megabytes=${VINE_APPS_7ZIP_MB:-50}

. "$here/lib.sh"
command -v 7zz >/dev/null 2>&1 || { echo "Debian's 7zip (7zz) is not installed: skipped"; exit 77; }
fetch_npm 7zip-bin@5.2.0 win/x64/7za.exe "$exe"

export VINEPREFIX="$work/prefix"
run=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$run"' EXIT
cd "$run" || exit 1
python3 "$here/make_tree.py" tree "$megabytes" || exit 1

# 7za prints "\r\n" (a text-mode stdout); its exit status is kept.
vine_7za() {
    "$vine" "$exe" "$@" >"$run/output" 2>&1
    set -- $?
    tr -d '\r' <"$run/output"
    return "$1"
}

# ok_run NAME OUTPUT STATUS: a run that must end in "Everything is Ok".
ok_run() {
    if printf '%s\n' "$2" | grep -qx "Everything is Ok"; then
        check "$1" "" "" "$3"
    else
        check "$1" "a run ending in: Everything is Ok" "$2" "$3"
    fi
}

# The tree as type, path, size (files) and modification time in ns, one
# entry a line, and the contents compared byte for byte.
same_tree_and_times() {  # NAME EXPECTED_DIR GOT_DIR
    listing() { (cd "$1" && find . -type d -printf 'd %T@ %p\n' -o -printf '%y %T@ %s %p\n' | sort); }
    if ! difference=$(diff -r "$2" "$3" 2>&1); then
        check "$1" "" "$difference" 1
    else
        check "$1" "$(listing "$2")" "$(listing "$3")" 0
    fi
}

# `l -slt` reduced to what both versions print alike: the path (with "/"
# for 7za's "\\"), folder flag, size, modification time (7-Zip 21 prints
# seconds, 26 the 100 ns) and CRC of each item, the archive's own block
# left out. 7za is told to print UTF-8 (-sccUTF-8), not the OEM code page.
items() {
    awk '/^----------$/ { listing = 1; next }
         listing && /^Path = / { gsub(/\\/, "/"); print }
         listing && /^(Folder|Size|CRC) = / { print }
         listing && /^Modified = / { print substr($0, 1, 30) }
         listing && /^Attributes = / { print ($3 ~ /D/) ? "directory" : "file" }'
}

out=$(vine_7za a -mmt2 vine.7z tree)
ok_run "7za a -mmt2: $megabytes MB archived" "$out" $?

out=$(7zz t vine.7z 2>&1)
ok_run "7zz t of 7za's archive" "$out" $?

out=$(vine_7za t vine.7z)
ok_run "7za t of its archive" "$out" $?

listed=$(vine_7za l -slt -sccUTF-8 vine.7z)
status=$?
expected=$(7zz l -slt vine.7z | items)
[ -n "$expected" ] || expected="7zz lists no items"
check "7za l -slt lists what 7zz lists" "$expected" "$(printf '%s\n' "$listed" | items)" $status

out=$(vine_7za x -oout.vine vine.7z)
ok_run "7za x of its archive" "$out" $?
same_tree_and_times "the tree 7za extracted is the input" tree out.vine/tree

7zz a -mmt2 native.7z tree >/dev/null 2>&1 || echo "7zz a failed"
out=$(vine_7za x -oout.native native.7z)
ok_run "7za x of 7zz's archive" "$out" $?
same_tree_and_times "the tree 7za extracted from 7zz's archive is the input" tree out.native/tree

summary
