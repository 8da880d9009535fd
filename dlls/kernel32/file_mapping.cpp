// File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex),
// UnmapViewOfFile, FlushViewOfFile. Thin wrappers over ntdll's sections
// (dlls/ntdll/section.cpp), converting protections, access and errors.
#include "kernel32_private.h"
#include "nt_wait.h"
#include "object_name.h"
#include "vine/memory.h"
#include "vine/ntdll_memory_exports.h"

using namespace kernel32;

namespace {

const HANDLE kSelf = reinterpret_cast<HANDLE>(-1);  // GetCurrentProcess()
const HANDLE kInvalidHandle = reinterpret_cast<HANDLE>(-1);

// The access CreateFileMapping's handle gets for the section's protection.
DWORD access_for(ULONG protect) {
    DWORD access = 0xf0000 /* STANDARD_RIGHTS_REQUIRED */ | SECTION_QUERY | SECTION_MAP_READ;
    if (protect & (PAGE_READWRITE | PAGE_EXECUTE_READWRITE)) access |= SECTION_MAP_WRITE;
    if (protect & (PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)) access |= SECTION_MAP_EXECUTE;
    return access;
}

// The page protection of a view for MapViewOfFile's desired access.
ULONG protection_for(DWORD access) {
    bool execute = access & FILE_MAP_EXECUTE;
    if (access & FILE_MAP_COPY && !(access & FILE_MAP_WRITE)) return execute ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
    if (access & FILE_MAP_WRITE) return execute ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    return execute ? PAGE_EXECUTE_READ : PAGE_READONLY;
}

// One NUMA node (0): it or NUMA_NO_PREFERRED_NODE is every preference.
bool valid_node(DWORD node) {
    if (node == 0 || node == 0xffffffff) return true;
    set_error(ERROR_INVALID_PARAMETER);
    return false;
}

}  // namespace

VINE_EXPORT HANDLE CreateFileMappingW(HANDLE file, SECURITY_ATTRIBUTES* security, DWORD protect, DWORD size_high,
                                      DWORD size_low, LPCWSTR name) {
    ULONG page_protect = protect & 0xff, section_attributes = protect & ~0xffu;
    if (!section_attributes) section_attributes = SEC_COMMIT;
    if (file == kInvalidHandle) file = nullptr;
    LARGE_INTEGER size;
    size.QuadPart = static_cast<LONGLONG>((static_cast<uint64_t>(size_high) << 32) | size_low);
    ObjectName object(name, security && security->bInheritHandle, OBJ_OPENIF);
    if (!usable(object, name, false)) return nullptr;
    HANDLE handle = nullptr;
    NTSTATUS status = NtCreateSection(&handle, access_for(page_protect), object.get(), size.QuadPart ? &size : nullptr,
                                      page_protect, section_attributes, file);
    return create_result(status, handle);
}

VINE_EXPORT HANDLE CreateFileMappingA(HANDLE file, SECURITY_ATTRIBUTES* security, DWORD protect, DWORD size_high,
                                      DWORD size_low, LPCSTR name) {
    return CreateFileMappingW(file, security, protect, size_high, size_low, WideName(name).get());
}

VINE_EXPORT HANDLE CreateFileMappingNumaW(HANDLE file, SECURITY_ATTRIBUTES* security, DWORD protect, DWORD size_high,
                                          DWORD size_low, LPCWSTR name, DWORD node) {
    return valid_node(node) ? CreateFileMappingW(file, security, protect, size_high, size_low, name) : nullptr;
}

VINE_EXPORT HANDLE CreateFileMappingNumaA(HANDLE file, SECURITY_ATTRIBUTES* security, DWORD protect, DWORD size_high,
                                          DWORD size_low, LPCSTR name, DWORD node) {
    return valid_node(node) ? CreateFileMappingA(file, security, protect, size_high, size_low, name) : nullptr;
}

VINE_EXPORT HANDLE OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name) {
    // FILE_MAP_COPY is SECTION_QUERY's bit: a copy-on-write view needs read access.
    if (access & FILE_MAP_COPY) access |= SECTION_MAP_READ;
    return open_named_object(NtOpenSection, access, inherit, name);
}

VINE_EXPORT HANDLE OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name) {
    return OpenFileMappingW(access, inherit, WideName(name).get());
}

VINE_EXPORT LPVOID MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size,
                                   LPVOID base) {
    LARGE_INTEGER offset;
    offset.QuadPart = static_cast<LONGLONG>((static_cast<uint64_t>(offset_high) << 32) | offset_low);
    PVOID address = base;
    SIZE_T view_size = size;
    NTSTATUS status = NtMapViewOfSection(mapping, kSelf, &address, 0, 0, &offset, &view_size, 1 /* ViewShare */, 0,
                                         protection_for(access));
    if (status < 0) {  // STATUS_IMAGE_NOT_AT_BASE is a view too
        set_nt_error(status);
        return nullptr;
    }
    return address;
}

VINE_EXPORT LPVOID MapViewOfFileExNuma(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size,
                                       LPVOID base, DWORD node) {
    return valid_node(node) ? MapViewOfFileEx(mapping, access, offset_high, offset_low, size, base) : nullptr;
}

VINE_EXPORT LPVOID MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size) {
    return MapViewOfFileEx(mapping, access, offset_high, offset_low, size, nullptr);
}

// kernelbase's MapViewOfFile3 (api-ms-win-core-memory-l1-1-6): a view at a
// chosen address, into a placeholder with MEM_REPLACE_PLACEHOLDER.
VINE_EXPORT PVOID MapViewOfFile3(HANDLE mapping, HANDLE process, PVOID base, ULONG64 offset, SIZE_T size,
                                 ULONG allocation_type, ULONG protect, MEM_EXTENDED_PARAMETER* parameters,
                                 ULONG count) {
    LARGE_INTEGER position;
    position.QuadPart = static_cast<LONGLONG>(offset);
    PVOID address = base;
    SIZE_T view_size = size;
    NTSTATUS status = NtMapViewOfSectionEx(mapping, process ? process : kSelf, &address, &position, &view_size,
                                           allocation_type, protect, parameters, count);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return nullptr;
    }
    return address;
}

// UnmapViewOfFile2/Ex: MEM_PRESERVE_PLACEHOLDER turns the view back into
// the placeholder it replaced.
VINE_EXPORT BOOL UnmapViewOfFile2(HANDLE process, PVOID base, ULONG flags) {
    NTSTATUS status = NtUnmapViewOfSectionEx(process, base, flags);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL UnmapViewOfFileEx(PVOID base, ULONG flags) { return UnmapViewOfFile2(kSelf, base, flags); }

VINE_EXPORT BOOL UnmapViewOfFile(LPCVOID base) {
    NTSTATUS status = NtUnmapViewOfSection(kSelf, const_cast<void*>(base));
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL FlushViewOfFile(LPCVOID base, SIZE_T size) {
    PVOID address = const_cast<void*>(base);
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtFlushVirtualMemory(kSelf, &address, &size, &io);
    if (status != STATUS_SUCCESS) {
        set_nt_error(status);
        return FALSE;
    }
    return TRUE;
}
