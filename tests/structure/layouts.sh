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
vine_side=$("$host" | sort)
mingw_side=$({ "$build/bin/vine" "$windows" && "$build/bin/vine" "$ddk"; } | tr -d '\r' | sort)
[ -n "$mingw_side" ] || { echo "layouts: the mingw-w64 programs printed nothing"; exit 1; }
if ! difference=$(diff <(printf '%s\n' "$vine_side") <(printf '%s\n' "$mingw_side")); then
    echo "layouts: Vine's structures differ from mingw-w64's ('<' Vine, '>' mingw-w64):"
    printf '%s\n' "$difference"
    exit 1
fi
echo "layouts: $(printf '%s\n' "$vine_side" | wc -l) sizes and offsets match mingw-w64's"
