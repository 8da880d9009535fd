// Virtual memory: VirtualAlloc/Free/Protect/Query/Lock, write watches,
// Read/WriteProcessMemory, FlushInstructionCache. Thin wrappers over ntdll's
// Nt*VirtualMemory (dlls/ntdll/virtual.cpp), which the virtual memory manager
// in the vine executable implements. The heaps are in heap.cpp and
// local_global.cpp.
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/memory.h"
#include "vine/ntdll_memory_exports.h"

using namespace kernel32;

namespace {

const HANDLE kSelf = reinterpret_cast<HANDLE>(-1);  // GetCurrentProcess()

template <typename T>
T fail(NTSTATUS status, T value) {
    set_nt_error(status);
    return value;
}

}  // namespace

VINE_EXPORT LPVOID VirtualAllocEx(HANDLE process, LPVOID address, SIZE_T size, DWORD type, DWORD protect) {
    PVOID base = address;
    NTSTATUS status = NtAllocateVirtualMemory(process, &base, 0, &size, type, protect);
    return status == STATUS_SUCCESS ? base : fail<LPVOID>(status, nullptr);
}

// One NUMA node (0): it or NUMA_NO_PREFERRED_NODE is every preference.
VINE_EXPORT LPVOID VirtualAllocExNuma(HANDLE process, LPVOID address, SIZE_T size, DWORD type, DWORD protect,
                                      DWORD node) {
    if (node != 0 && node != 0xffffffff) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return VirtualAllocEx(process, address, size, type, protect);
}

VINE_EXPORT LPVOID VirtualAlloc(LPVOID address, SIZE_T size, DWORD type, DWORD protect) {
    return VirtualAllocEx(kSelf, address, size, type, protect);
}

// kernelbase's VirtualAlloc2 (reached through api-ms-win-core-memory-l1-1-6).
VINE_EXPORT LPVOID VirtualAlloc2(HANDLE process, LPVOID address, SIZE_T size, ULONG type, ULONG protect,
                                 MEM_EXTENDED_PARAMETER* parameters, ULONG count) {
    PVOID base = address;
    if (!process) process = kSelf;
    NTSTATUS status = NtAllocateVirtualMemoryEx(process, &base, &size, type, protect, parameters, count);
    return status == STATUS_SUCCESS ? base : fail<LPVOID>(status, nullptr);
}

VINE_EXPORT BOOL VirtualFreeEx(HANDLE process, LPVOID address, SIZE_T size, DWORD type) {
    // VirtualFree itself insists on a size of 0 with MEM_RELEASE.
    if ((type & MEM_RELEASE) && size && !(type & (MEM_PRESERVE_PLACEHOLDER | MEM_COALESCE_PLACEHOLDERS))) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    PVOID base = address;
    NTSTATUS status = NtFreeVirtualMemory(process, &base, &size, type);
    return status == STATUS_SUCCESS ? TRUE : fail<BOOL>(status, FALSE);
}

VINE_EXPORT BOOL VirtualFree(LPVOID address, SIZE_T size, DWORD type) {
    return VirtualFreeEx(kSelf, address, size, type);
}

VINE_EXPORT BOOL VirtualProtectEx(HANDLE process, LPVOID address, SIZE_T size, DWORD protect, DWORD* old_protect) {
    PVOID base = address;
    ULONG old = 0;
    NTSTATUS status = NtProtectVirtualMemory(process, &base, &size, protect, &old);
    if (status != STATUS_SUCCESS) return fail<BOOL>(status, FALSE);
    if (!old_protect) return fail<BOOL>(nt_status(0xc0000005), FALSE);  // Windows writes it: ERROR_NOACCESS
    *old_protect = old;
    return TRUE;
}

VINE_EXPORT BOOL VirtualProtect(LPVOID address, SIZE_T size, DWORD protect, DWORD* old_protect) {
    return VirtualProtectEx(kSelf, address, size, protect, old_protect);
}

VINE_EXPORT SIZE_T VirtualQueryEx(HANDLE process, LPCVOID address, MEMORY_BASIC_INFORMATION* info, SIZE_T size) {
    SIZE_T written = 0;
    NTSTATUS status = NtQueryVirtualMemory(process, address, MemoryBasicInformation, info, size, &written);
    return status == STATUS_SUCCESS ? written : fail<SIZE_T>(status, 0);
}

VINE_EXPORT SIZE_T VirtualQuery(LPCVOID address, MEMORY_BASIC_INFORMATION* info, SIZE_T size) {
    return VirtualQueryEx(kSelf, address, info, size);
}

VINE_EXPORT BOOL VirtualLock(LPVOID address, SIZE_T size) {
    PVOID base = address;
    NTSTATUS status = NtLockVirtualMemory(kSelf, &base, &size, 1);
    return status == STATUS_SUCCESS ? TRUE : fail<BOOL>(status, FALSE);
}

VINE_EXPORT BOOL VirtualUnlock(LPVOID address, SIZE_T size) {
    PVOID base = address;
    NTSTATUS status = NtUnlockVirtualMemory(kSelf, &base, &size, 1);
    return status == STATUS_SUCCESS ? TRUE : fail<BOOL>(status, FALSE);
}

VINE_EXPORT UINT GetWriteWatch(DWORD flags, PVOID base, SIZE_T size, PVOID* addresses, ULONG_PTR* count,
                               ULONG* granularity) {
    NTSTATUS status = NtGetWriteWatch(kSelf, flags, base, size, addresses, count, granularity);
    return status == STATUS_SUCCESS ? 0 : fail<UINT>(status, ~0u);
}

VINE_EXPORT UINT ResetWriteWatch(LPVOID base, SIZE_T size) {
    NTSTATUS status = NtResetWriteWatch(kSelf, base, size);
    return status == STATUS_SUCCESS ? 0 : fail<UINT>(status, ~0u);
}

VINE_EXPORT BOOL ReadProcessMemory(HANDLE process, LPCVOID address, LPVOID buffer, SIZE_T size, SIZE_T* bytes_read) {
    SIZE_T done = 0;
    NTSTATUS status = NtReadVirtualMemory(process, address, buffer, size, &done);
    if (bytes_read) *bytes_read = done;
    return status == STATUS_SUCCESS ? TRUE : fail<BOOL>(status, FALSE);
}

VINE_EXPORT BOOL WriteProcessMemory(HANDLE process, LPVOID address, LPCVOID buffer, SIZE_T size,
                                    SIZE_T* bytes_written) {
    SIZE_T done = 0;
    NTSTATUS status = NtWriteVirtualMemory(process, address, buffer, size, &done);
    if (bytes_written) *bytes_written = done;
    return status == STATUS_SUCCESS ? TRUE : fail<BOOL>(status, FALSE);
}

VINE_EXPORT BOOL FlushInstructionCache(HANDLE process, LPCVOID address, SIZE_T size) {
    NTSTATUS status = NtFlushInstructionCache(process, address, size);
    return status == STATUS_SUCCESS ? TRUE : fail<BOOL>(status, FALSE);
}

// Vine never grants large pages (MEM_LARGE_PAGES is refused), so it reports
// what Windows reports on a processor without them.
VINE_EXPORT SIZE_T GetLargePageMinimum() { return 0; }

// MEM_RESET of the range: the contents may go, the pages stay committed.
VINE_EXPORT DWORD DiscardVirtualMemory(PVOID address, SIZE_T size) {
    PVOID base = address;
    NTSTATUS status = NtAllocateVirtualMemory(kSelf, &base, 0, &size, MEM_RESET, PAGE_NOACCESS);
    return status == STATUS_SUCCESS ? ERROR_SUCCESS : RtlNtStatusToDosError(status);
}
