// kernel32 critical-section calls that are not plain forwards to ntdll
// (dlls/ntdll/critical_section.cpp): those whose return type differs.
#include "kernel32_private.h"

extern "C" WINAPI NTSTATUS RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION* cs, ULONG spin_count, ULONG flags);

// Returns a BOOL where ntdll returns an NTSTATUS (0 would read as failure).
VINE_EXPORT BOOL InitializeCriticalSectionEx(RTL_CRITICAL_SECTION* cs, DWORD spin_count, DWORD flags) {
    NTSTATUS status = RtlInitializeCriticalSectionEx(cs, spin_count, flags);
    if (status < 0) {
        kernel32::set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}
