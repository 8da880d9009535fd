#!/bin/bash
# layouts.sh BUILD_DIR: Vine's Windows structures (include/vine/) against
# mingw-w64's. Prints every size or offset that differs; fails if any does.
set -u
build=$1
host=$build/tests/structure/layouts_host
windows=$build/tests/structure/layouts_windows.exe
ddk=$build/tests/structure/layouts_ddk.exe
for f in "$host" "$windows" "$ddk"; do
    [ -e "$f" ] || { echo "layouts: $f not built (mingw-w64 missing?)"; exit 77; }
done
# The test prefix the Windows tests share (tests/run-windows-test).
export VINEPREFIX=${VINEPREFIX:-$build/test-prefix}
vine_side=$("$host" | sort)
mingw_side=""
for program in "$windows" "$ddk"; do
    output=$("$build/bin/vine" "$program" 2>&1) || {
        echo "layouts: vine $program failed (status $?):"; printf '%s\n' "$output"; exit 1; }
    mingw_side+=$(printf '%s\n' "$output" | tr -d '\r')$'\n'
done
mingw_side=$(printf '%s' "$mingw_side" | sort)
if ! difference=$(diff <(printf '%s\n' "$vine_side") <(printf '%s\n' "$mingw_side")); then
    echo "layouts: Vine's structures differ from mingw-w64's ('<' Vine, '>' mingw-w64):"
    printf '%s\n' "$difference"
    exit 1
fi
echo "layouts: $(printf '%s\n' "$vine_side" | wc -l) sizes and offsets match mingw-w64's"
