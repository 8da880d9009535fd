// Windows' virtual memory constants and structures (values from winnt.h as
// the Windows documentation lists them), for ntdll, kernel32 and the loader.
#pragma once

#include "vine/ntstatus.h"
#include "vine/wintypes.h"

// NTSTATUS values of the virtual memory and section calls.
constexpr NTSTATUS STATUS_PARTIAL_COPY = nt_status(0x8000000d);
constexpr NTSTATUS STATUS_CONFLICTING_ADDRESSES = nt_status(0xc0000018);
constexpr NTSTATUS STATUS_NOT_MAPPED_VIEW = nt_status(0xc0000019);
constexpr NTSTATUS STATUS_UNABLE_TO_FREE_VM = nt_status(0xc000001a);
constexpr NTSTATUS STATUS_INVALID_VIEW_SIZE = nt_status(0xc000001f);
constexpr NTSTATUS STATUS_INVALID_FILE_FOR_SECTION = nt_status(0xc0000020);
constexpr NTSTATUS STATUS_NOT_LOCKED = nt_status(0xc000002a);
constexpr NTSTATUS STATUS_NOT_COMMITTED = nt_status(0xc000002d);
constexpr NTSTATUS STATUS_SECTION_TOO_BIG = nt_status(0xc0000040);
constexpr NTSTATUS STATUS_INVALID_PAGE_PROTECTION = nt_status(0xc0000045);
constexpr NTSTATUS STATUS_SECTION_PROTECTION = nt_status(0xc000004e);
constexpr NTSTATUS STATUS_FREE_VM_NOT_AT_BASE = nt_status(0xc000009f);
constexpr NTSTATUS STATUS_MEMORY_NOT_ALLOCATED = nt_status(0xc00000a0);
constexpr NTSTATUS STATUS_WORKING_SET_QUOTA = nt_status(0xc00000a1);
constexpr NTSTATUS STATUS_MAPPED_FILE_SIZE_ZERO = nt_status(0xc000011e);
constexpr NTSTATUS STATUS_MAPPED_ALIGNMENT = nt_status(0xc0000220);

// Allocation types (NtAllocateVirtualMemory / VirtualAlloc, VirtualFree).
constexpr ULONG MEM_COMMIT = 0x1000;
constexpr ULONG MEM_RESERVE = 0x2000;
constexpr ULONG MEM_REPLACE_PLACEHOLDER = 0x4000;
constexpr ULONG MEM_DECOMMIT = 0x4000;
constexpr ULONG MEM_RELEASE = 0x8000;
constexpr ULONG MEM_FREE = 0x10000;
constexpr ULONG MEM_PRIVATE = 0x20000;
constexpr ULONG MEM_RESERVE_PLACEHOLDER = 0x40000;
constexpr ULONG MEM_MAPPED = 0x40000;
constexpr ULONG MEM_RESET = 0x80000;
constexpr ULONG MEM_TOP_DOWN = 0x100000;
constexpr ULONG MEM_WRITE_WATCH = 0x200000;
constexpr ULONG MEM_PHYSICAL = 0x400000;
constexpr ULONG MEM_RESET_UNDO = 0x1000000;
constexpr ULONG MEM_IMAGE = 0x1000000;
constexpr ULONG MEM_LARGE_PAGES = 0x20000000;
// VirtualFree's placeholder flags.
constexpr ULONG MEM_COALESCE_PLACEHOLDERS = 0x1;
constexpr ULONG MEM_PRESERVE_PLACEHOLDER = 0x2;
// MapViewOfFile3 / NtMapViewOfSectionEx.
constexpr ULONG MEM_UNMAP_WITH_TRANSIENT_BOOST = 0x1;

// Page protections.
constexpr ULONG PAGE_NOACCESS = 0x01;
constexpr ULONG PAGE_READONLY = 0x02;
constexpr ULONG PAGE_READWRITE = 0x04;
constexpr ULONG PAGE_WRITECOPY = 0x08;
constexpr ULONG PAGE_EXECUTE = 0x10;
constexpr ULONG PAGE_EXECUTE_READ = 0x20;
constexpr ULONG PAGE_EXECUTE_READWRITE = 0x40;
constexpr ULONG PAGE_EXECUTE_WRITECOPY = 0x80;
constexpr ULONG PAGE_GUARD = 0x100;
constexpr ULONG PAGE_NOCACHE = 0x200;
constexpr ULONG PAGE_WRITECOMBINE = 0x400;

// GetWriteWatch flags.
constexpr ULONG WRITE_WATCH_FLAG_RESET = 0x1;

struct MEMORY_BASIC_INFORMATION {
    PVOID BaseAddress;
    PVOID AllocationBase;
    DWORD AllocationProtect;
    WORD PartitionId;
    SIZE_T RegionSize;
    DWORD State;
    DWORD Protect;
    DWORD Type;
};
static_assert(sizeof(MEMORY_BASIC_INFORMATION) == 48);

// NtQueryVirtualMemory's information classes.
enum MEMORY_INFORMATION_CLASS : int {
    MemoryBasicInformation = 0,
    MemoryWorkingSetInformation = 1,
    MemoryMappedFilenameInformation = 2,
    MemoryRegionInformation = 3,
};

// MEM_EXTENDED_PARAMETER (VirtualAlloc2, NtAllocateVirtualMemoryEx).
enum MEM_EXTENDED_PARAMETER_TYPE : uint64_t {
    MemExtendedParameterInvalidType = 0,
    MemExtendedParameterAddressRequirements = 1,
    MemExtendedParameterNumaNode = 2,
    MemExtendedParameterPartitionHandle = 3,
    MemExtendedParameterUserPhysicalHandle = 4,
    MemExtendedParameterAttributeFlags = 5,
    MemExtendedParameterImageMachine = 6,
    MemExtendedParameterMax = 7,
};

struct MEM_ADDRESS_REQUIREMENTS {
    PVOID LowestStartingAddress;
    PVOID HighestEndingAddress;
    SIZE_T Alignment;
};

struct MEM_EXTENDED_PARAMETER {
    uint64_t Type : 8;  // MEM_EXTENDED_PARAMETER_TYPE
    uint64_t Reserved : 56;
    union {
        uint64_t ULong64;
        PVOID Pointer;
        SIZE_T Size;
        HANDLE Handle;
        DWORD ULong;
    };
};
static_assert(sizeof(MEM_EXTENDED_PARAMETER) == 16);

// Sections (NtCreateSection / CreateFileMapping).
constexpr ULONG SEC_FILE = 0x800000;
constexpr ULONG SEC_IMAGE = 0x1000000;
constexpr ULONG SEC_RESERVE = 0x4000000;
constexpr ULONG SEC_COMMIT = 0x8000000;
constexpr ULONG SEC_NOCACHE = 0x10000000;
constexpr ULONG SEC_WRITECOMBINE = 0x40000000;
constexpr ULONG SEC_LARGE_PAGES = 0x80000000;

constexpr DWORD SECTION_QUERY = 0x0001;
constexpr DWORD SECTION_MAP_WRITE = 0x0002;
constexpr DWORD SECTION_MAP_READ = 0x0004;
constexpr DWORD SECTION_MAP_EXECUTE = 0x0008;
constexpr DWORD SECTION_EXTEND_SIZE = 0x0010;
constexpr DWORD SECTION_ALL_ACCESS = 0x000f001f;

// MapViewOfFile's desired access.
constexpr DWORD FILE_MAP_COPY = 0x0001;
constexpr DWORD FILE_MAP_WRITE = 0x0002;
constexpr DWORD FILE_MAP_READ = 0x0004;
constexpr DWORD FILE_MAP_EXECUTE = 0x0020;
constexpr DWORD FILE_MAP_ALL_ACCESS = SECTION_ALL_ACCESS;

enum SECTION_INFORMATION_CLASS : int { SectionBasicInformation = 0, SectionImageInformation = 1 };
struct SECTION_BASIC_INFORMATION {
    PVOID BaseAddress;
    ULONG Attributes;
    LARGE_INTEGER Size;
};
static_assert(sizeof(SECTION_BASIC_INFORMATION) == 24);
