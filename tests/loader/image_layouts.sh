#!/usr/bin/env bash
# Image layouts (loader/image_layout.cpp): programs mapped from their layout
# in the prefix behave as copied ones; a layout is made once, reused, made
# again when it or its source changes, and never made when turned off.
#   image_layouts.sh VINE WINTEST_DIR
set -u
VINE=$1
W=$2
export VINEPREFIX
VINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/vine-layouts.XXXXXX")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vine-layouts-work.XXXXXX")
unset VINE_IMAGE_LAYOUTS
trap '"$(dirname "$VINE")/vineserver" -k >/dev/null 2>&1; rm -rf "$VINEPREFIX" "$WORK"' EXIT
LAYOUTS=$VINEPREFIX/.image-layouts

failures=0
check() {  # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
runs() {  # runs PROGRAM: it exits 0
    "$VINE" "$@" >"$WORK/out" 2>&1 || { tail -5 "$WORK/out"; return 1; }
}
layout_count() { find "$LAYOUTS" -name '*.layout' 2>/dev/null | wc -l; }

# Programs that write their .data, relocate DLLs loaded at one base, run
# TLS callbacks and templates: each mapped from a layout, twice.
# A copy of each, so this test's files are its own.
for program in kernel32_relocate kernel32_tls; do
    cp "$W/$program.exe" "$WORK/" || exit 1
done
cp "$W/vt_reloc1.dll" "$W/vt_reloc2.dll" "$WORK/" || exit 1
check "small images are copied by default (no layout)" runs "$WORK/kernel32_tls.exe"
check "  ... so no layout was made" test "$(layout_count)" -eq 0

export VINE_IMAGE_LAYOUTS=always
check "relocated DLLs mapped from layouts" runs "$WORK/kernel32_relocate.exe"
check "  ... one layout for each of the three images" test "$(layout_count)" -eq 3
check "TLS program mapped from its layout" runs "$WORK/kernel32_tls.exe"
check "  ... its layout made" test "$(layout_count)" -eq 4
stamp() { stat -c '%i %Y' "$LAYOUTS"/*.layout | sort; }
before=$(stamp)
check "second runs use the layouts" runs "$WORK/kernel32_relocate.exe"
check "  ... and the TLS program" runs "$WORK/kernel32_tls.exe"
check "  ... unchanged (not made again)" test "$before" = "$(stamp)"

# A damaged layout (its header, then its size) is made again, not trusted:
# its image is damaged too (int3 over the first section), so a program
# run from it would crash.
for layout in "$LAYOUTS"/*.layout; do
    printf 'XXXXXXXX' | dd of="$layout" conv=notrunc status=none
    head -c 4096 /dev/zero | tr '\0' '\314' | dd of="$layout" bs=4096 seek=2 conv=notrunc status=none
done
check "a layout with a bad header is made again" runs "$WORK/kernel32_relocate.exe"
check "  ... and the program still works" runs "$WORK/kernel32_tls.exe"
check "  ... still four layouts" test "$(layout_count)" -eq 4
check "  ... each valid again" test "$(grep -l '^VINELAY1' "$LAYOUTS"/*.layout | wc -l)" -eq 4
for layout in "$LAYOUTS"/*.layout; do truncate -s -4096 "$layout"; done
check "a truncated layout is made again" runs "$WORK/kernel32_tls.exe"
check "  ... and for the relocated DLLs" runs "$WORK/kernel32_relocate.exe"

# A changed source (same inode, new contents and times) gets a new layout.
before=$(stamp)
sleep 0.01
cat "$W/kernel32_tls.exe" >"$WORK/kernel32_tls.exe"
check "a rewritten program runs" runs "$WORK/kernel32_tls.exe"
check "  ... from a layout made again" test "$before" != "$(stamp)"
check "  ... without leaving another file" test "$(layout_count)" -eq 4
check "  ... nor a temporary one" test "$(find "$LAYOUTS" -type f | wc -l)" -eq 4

# A read-only cache directory: the image is copied, the program still runs.
rm -rf "$LAYOUTS"
mkdir "$LAYOUTS"
chmod 500 "$LAYOUTS"
if [ "$(id -u)" -ne 0 ]; then
    check "no writable cache: copied instead" runs "$WORK/kernel32_tls.exe"
fi
chmod 700 "$LAYOUTS"
export VINE_IMAGE_LAYOUTS=never
check "VINE_IMAGE_LAYOUTS=never: copied" runs "$WORK/kernel32_relocate.exe"
check "  ... and no layout made" test "$(layout_count)" -eq 0

if [ $failures -eq 0 ]; then echo "all checks passed"; exit 0; fi
echo "$failures check(s) failed"
exit 1
