#!/bin/sh
# The heap's hot exports must stay in the Microsoft calling convention on
# their fast path: no xmm6-15 saves in their code (which any call to a
# System V function would force) and no calls other than to other ms_abi
# exports. Reads the built .so files with objdump.
# usage: heap_fast_paths.sh LIBDIR
set -u
libdir=$1
status=0
check() {  # check LIB FUNCTION ALLOWED_CALL_REGEX
    failed=0
    body=$(objdump -d --no-show-raw-insn "$libdir/$1" |
        awk -v f="<$2>:" '$2 == f { p = 1; next } p && /^$/ { exit } p')
    if [ -z "$body" ]; then
        echo "FAIL: $2 not found in $1"; status=1; return
    fi
    if printf '%s\n' "$body" | grep -Eq '%xmm([6-9]|1[0-5])'; then
        echo "FAIL: $1 $2 saves xmm6-15 (it calls System V code on its fast path)"; failed=1
    fi
    calls=$(printf '%s\n' "$body" | grep -E '\scall\s' | grep -Ev "$3" || true)
    if [ -n "$calls" ]; then
        echo "FAIL: $1 $2 makes calls other than to ms_abi exports:"; printf '%s\n' "$calls"; failed=1
    fi
    if [ $failed -ne 0 ]; then status=1; else echo "ok: $1 $2"; fi
}
none='^$'
check ntdll.dll.so RtlAllocateHeap "$none"
check ntdll.dll.so RtlFreeHeap "$none"
check ntdll.dll.so RtlSizeHeap "$none"
check ntdll.dll.so RtlReAllocateHeap '<RtlAllocateHeap>|<RtlFreeHeap>'
heap='<Rtl(Allocate|Free|ReAllocate|Size)Heap@plt>'
check msvcrt.dll.so MSVCRT_malloc "$heap"
check msvcrt.dll.so MSVCRT_free "$heap"
check msvcrt.dll.so MSVCRT_calloc "$heap"
check msvcrt.dll.so MSVCRT_realloc "$heap|<MSVCRT_malloc>|<MSVCRT_free>"
check msvcrt.dll.so MSVCRT__msize "$heap"
exit $status
