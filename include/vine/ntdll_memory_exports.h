// ntdll's virtual memory exports (dlls/ntdll/virtual.cpp), for the builtins
// that call them (kernel32's Virtual* functions).
#pragma once

#include "vine/memory.h"
#include "vine/wintypes.h"

extern "C" {
WINAPI NTSTATUS NtAllocateVirtualMemory(HANDLE process, PVOID* base, ULONG_PTR zero_bits, SIZE_T* size, ULONG type,
                                        ULONG protect);
WINAPI NTSTATUS NtAllocateVirtualMemoryEx(HANDLE process, PVOID* base, SIZE_T* size, ULONG type, ULONG protect,
                                          MEM_EXTENDED_PARAMETER* parameters, ULONG count);
WINAPI NTSTATUS NtFreeVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG type);
WINAPI NTSTATUS NtProtectVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG protect, ULONG* old_protect);
WINAPI NTSTATUS NtQueryVirtualMemory(HANDLE process, const void* address, MEMORY_INFORMATION_CLASS info_class,
                                     void* buffer, SIZE_T length, SIZE_T* result_length);
WINAPI NTSTATUS NtLockVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG map_type);
WINAPI NTSTATUS NtUnlockVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG map_type);
WINAPI NTSTATUS NtReadVirtualMemory(HANDLE process, const void* address, void* buffer, SIZE_T size, SIZE_T* read);
WINAPI NTSTATUS NtWriteVirtualMemory(HANDLE process, void* address, const void* buffer, SIZE_T size, SIZE_T* written);
WINAPI NTSTATUS NtFlushInstructionCache(HANDLE process, const void* address, SIZE_T size);
WINAPI NTSTATUS NtGetWriteWatch(HANDLE process, ULONG flags, PVOID base, SIZE_T size, PVOID* addresses,
                                ULONG_PTR* count, ULONG* granularity);
WINAPI NTSTATUS NtResetWriteWatch(HANDLE process, PVOID base, SIZE_T size);

// AWE (dlls/ntdll/physical_pages.cpp).
WINAPI NTSTATUS NtAllocateUserPhysicalPages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns);
WINAPI NTSTATUS NtAllocateUserPhysicalPagesEx(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns,
                                              MEM_EXTENDED_PARAMETER* parameters, ULONG parameter_count);
WINAPI NTSTATUS NtFreeUserPhysicalPages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns);
WINAPI NTSTATUS NtMapUserPhysicalPages(PVOID address, ULONG_PTR count, ULONG_PTR* pfns);
WINAPI NTSTATUS NtMapUserPhysicalPagesScatter(PVOID* addresses, ULONG_PTR count, ULONG_PTR* pfns);

// Sections (dlls/ntdll/section.cpp).
struct OBJECT_ATTRIBUTES;
WINAPI NTSTATUS NtCreateSection(HANDLE* handle, DWORD access, const OBJECT_ATTRIBUTES* attributes,
                                const LARGE_INTEGER* maximum_size, ULONG protect, ULONG section_attributes, HANDLE file);
WINAPI NTSTATUS NtOpenSection(HANDLE* handle, DWORD access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtMapViewOfSection(HANDLE section, HANDLE process, PVOID* base, ULONG_PTR zero_bits, SIZE_T commit_size,
                                   const LARGE_INTEGER* offset, SIZE_T* view_size, ULONG inherit, ULONG allocation_type,
                                   ULONG protect);
WINAPI NTSTATUS NtMapViewOfSectionEx(HANDLE section, HANDLE process, PVOID* base, const LARGE_INTEGER* offset,
                                     SIZE_T* view_size, ULONG allocation_type, ULONG protect,
                                     MEM_EXTENDED_PARAMETER* parameters, ULONG count);
WINAPI NTSTATUS NtUnmapViewOfSection(HANDLE process, PVOID base);
WINAPI NTSTATUS NtUnmapViewOfSectionEx(HANDLE process, PVOID base, ULONG flags);
WINAPI NTSTATUS NtFlushVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, IO_STATUS_BLOCK* io);
}
