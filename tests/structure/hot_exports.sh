#!/bin/bash
# Fails when a hot export (hot_exports.txt) saves xmm6-xmm15 or calls out of
# Vine's DLLs (into glibc) on its fast path. Usage: hot_exports.sh BUILD_DIR [LIST]
# The fast path is the function's own symbol: GCC moves unlikely blocks to
# `NAME.cold`, and slow paths live in separate (ms_abi) helpers, which may
# save what they like. A listed export that is missing from its .so fails
# too, so the list cannot silently go stale.
set -u
build=${1:?usage: hot_exports.sh BUILD_DIR [LIST]}
list=${2:-$(dirname "$0")/hot_exports.txt}
command -v objdump >/dev/null || { echo "objdump not found"; exit 77; }

# Every builtin's exports are ms_abi: calling one through the PLT costs no
# saves, so only PLT calls to anything else (glibc) count as leaving.
declare -A builtin_export
for so in "$build"/lib/vine/*.dll.so "$build"/lib/vine/*.drv.so; do
    [[ -f "$so" ]] || continue
    while read -r symbol; do builtin_export[$symbol]=1; done < <(nm -D --defined-only "$so" | awk '{ print $3 }')
done

declare -A disassembly ifuncs
failures=0 checked=0

# check_body DLL EXPORT SYMBOL SO: one function's own body.
check_body() {
    local dll=$1 name=$2 sym=$3 so=$4 body saves calls line target
    body=$(awk -v sym="<$sym>:" '
        $2 == sym { inside = 1; next }
        inside && /^[0-9a-f]+ <.*>:$/ { exit }
        inside && NF { print }' <<<"${disassembly[$dll]}")
    if [[ -z "$body" ]]; then
        echo "FAIL $dll!$name: $sym not found in $so"; failures=$((failures + 1)); return
    fi
    checked=$((checked + 1))
    saves=$(grep -E 'mov[au]p[sd][[:space:]]+%xmm([6-9]|1[0-5]),' <<<"$body")
    calls=""
    while read -r line; do
        target=$(sed -E 's/.*<([^>@]+)@plt>.*/\1/' <<<"$line")
        [[ -n "${builtin_export[$target]+set}" ]] || calls+="$line"$'\n'
    done < <(grep -E '(call|jmp)[a-z]*[[:space:]].*@plt>' <<<"$body")
    calls=${calls%$'\n'}
    if [[ -n "$saves" || -n "$calls" ]]; then
        echo "FAIL $dll!$name ($sym):"
        [[ -n "$saves" ]] && echo "  saves callee-saved xmm registers:" && head -3 <<<"$saves" | sed 's/^/    /'
        [[ -n "$calls" ]] && echo "  calls out of the builtin DLLs:" && head -3 <<<"$calls" | sed 's/^/    /'
        failures=$((failures + 1))
    fi
}
while read -r dll name symbol _; do
    [[ -z "$dll" || "$dll" == \#* ]] && continue
    so="$build/lib/vine/$dll.dll.so"; [[ -f "$so" ]] || so=""
    if [[ -z "$so" ]]; then
        echo "FAIL $dll!$name: $dll.dll.so not built"; failures=$((failures + 1)); continue
    fi
    if [[ -z "${disassembly[$dll]+set}" ]]; then
        disassembly[$dll]=$(objdump -d --no-show-raw-insn "$so")
    fi
    symbol=${symbol:-$name}
    if [[ -z "${ifuncs[$dll]+set}" ]]; then
        ifuncs[$dll]=" $(nm -D --defined-only "$so" | awk '$2 == "i" { printf "%s ", $3 }')"
    fi
    # An ifunc export (vine/fast_string.h) is its vector variants, each a
    # fast path of its own; the resolver only runs at load.
    variants=$symbol
    [[ "${ifuncs[$dll]}" == *" $symbol "* ]] && variants="${symbol}_sse2 ${symbol}_avx2"
    for variant in $variants; do
        check_body "$dll" "$name" "$variant" "$so"
    done
done <"$list"
echo "$checked hot export bodies checked, $failures failing"
[[ $failures -eq 0 ]]
