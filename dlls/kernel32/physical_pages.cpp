// Address Windowing Extensions: thin wrappers over ntdll's
// Nt*UserPhysicalPages (dlls/ntdll/physical_pages.cpp).
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/memory.h"
#include "vine/ntdll_memory_exports.h"

using namespace kernel32;

namespace {

BOOL result(NTSTATUS status) {
    if (status == STATUS_SUCCESS) return TRUE;
    set_nt_error(status);
    return FALSE;
}

}  // namespace

VINE_EXPORT BOOL AllocateUserPhysicalPages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns) {
    return result(NtAllocateUserPhysicalPages(process, count, pfns));
}

// One NUMA node (0): it or NUMA_NO_PREFERRED_NODE is every preference.
VINE_EXPORT BOOL AllocateUserPhysicalPagesNuma(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns, DWORD node) {
    if (node != 0 && node != 0xffffffff) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return AllocateUserPhysicalPages(process, count, pfns);
}

VINE_EXPORT BOOL FreeUserPhysicalPages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns) {
    return result(NtFreeUserPhysicalPages(process, count, pfns));
}

VINE_EXPORT BOOL MapUserPhysicalPages(PVOID address, ULONG_PTR count, ULONG_PTR* pfns) {
    return result(NtMapUserPhysicalPages(address, count, pfns));
}

VINE_EXPORT BOOL MapUserPhysicalPagesScatter(PVOID* addresses, ULONG_PTR count, ULONG_PTR* pfns) {
    return result(NtMapUserPhysicalPagesScatter(addresses, count, pfns));
}
