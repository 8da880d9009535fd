#!/bin/bash
# builtin_placement.sh BUILD_DIR: the builtin DLLs' code lies in the same
# 128 GiB-aligned block (address bits 37 and up) as the EXE's, so the guest's
# indirect calls into them are the cheap kind (loader/builtin_placement.h).
set -u
build=$1
program=$build/tests/structure/builtin_placement.exe
[ -e "$program" ] || { echo "builtin_placement: $program not built (mingw-w64 missing?)"; exit 77; }
export VINEPREFIX=${VINEPREFIX:-$build/test-prefix}
output=$("$build/bin/vine" "$program" 2>&1 | tr -d '\r') || {
    echo "builtin_placement: vine $program failed:"; printf '%s\n' "$output"; exit 1; }
exe_block=""
failures=0
while read -r name address; do
    [[ "$address" =~ ^[0-9a-f]+$ ]] || { echo "builtin_placement: unexpected line: $name $address"; exit 1; }
    if [[ "$address" == 0 ]]; then
        echo "FAIL $name: not found"; failures=$((failures + 1)); continue
    fi
    block=$(( 0x$address >> 37 ))
    if [[ -z "$exe_block" ]]; then
        exe_block=$block
    elif [[ $block -ne $exe_block ]]; then
        echo "FAIL $name at 0x$address: not in the EXE's 128 GiB block ($exe_block, this is $block)"
        failures=$((failures + 1))
    else
        echo "ok $name at 0x$address"
    fi
done <<<"$output"
[[ -n "$exe_block" ]] || { echo "builtin_placement: no output"; exit 1; }
[[ $failures -eq 0 ]]
