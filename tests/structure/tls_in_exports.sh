#!/bin/bash
# Fails when an export of a builtin DLL (a Microsoft-convention function, in
# its .spec) reaches a thread_local variable through __tls_get_addr in its
# own body. GCC 12 emits that general-dynamic TLS sequence (`lea ...,%rdi;
# call __tls_get_addr`) without saving %rdi, %rsi or xmm6-xmm15, which the
# Microsoft convention makes the callee keep, so the caller's registers
# change under it (docs/architecture.md, "Hot paths": thread data goes
# through the TEB, or through a System V helper the compiler saves around).
# Usage: tls_in_exports.sh SOURCE_DIR BUILD_DIR
set -u
src=${1:?usage: tls_in_exports.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: tls_in_exports.sh SOURCE_DIR BUILD_DIR}
command -v objdump >/dev/null || { echo "objdump not found"; exit 77; }
bad=0 checked=0
for so in "$build"/lib/vine/*.dll.so; do
    [[ -f "$so" ]] || continue
    dll=$(basename "$so" .dll.so)
    spec="$src/dlls/$dll/$dll.spec"
    [[ -f "$spec" ]] || continue
    checked=$((checked + 1))
    # The spec's implemented names (an export's own name is its symbol).
    names=$(awk '$1 == "@" && $2 != "stub" { n = $0; sub(/^@ +[a-z]+ +(-[a-z]+ +)*/, "", n); sub(/\(.*/, "", n); print n }' "$spec")
    found=$(objdump -d --no-show-raw-insn "$so" | awk -v names="$names" '
        BEGIN { n = split(names, list, "\n"); for (i = 1; i <= n; i++) export[list[i]] = 1 }
        /^[0-9a-f]+ <.*>:$/ { fn = $2; sub(/^</, "", fn); sub(/>:$/, "", fn); next }
        /call.*<__tls_get_addr@plt>/ { if (fn in export && !(fn in shown)) { shown[fn] = 1; print fn } }')
    for fn in $found; do
        echo "FAIL: $dll.$fn calls __tls_get_addr in its Microsoft-convention body"
        bad=$((bad + 1))
    done
done
[[ $checked -gt 0 ]] || { echo "no builtin DLLs with specs under $build/lib/vine"; exit 1; }
echo "$checked builtin DLLs checked, $bad exports with a thread_local access of their own"
[[ $bad -eq 0 ]]
