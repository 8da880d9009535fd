// On-disk and in-memory PE/COFF structures (PE32+ only), field by field, from
// the published PE format specification. Each has a size check, so a layout
// mistake is a compile error.
#pragma once

#include "vine/wintypes.h"

constexpr WORD IMAGE_DOS_SIGNATURE = 0x5A4D;      // "MZ"
constexpr DWORD IMAGE_NT_SIGNATURE = 0x00004550;  // "PE\0\0"
constexpr WORD IMAGE_NT_OPTIONAL_HDR32_MAGIC = 0x10b;
constexpr WORD IMAGE_NT_OPTIONAL_HDR64_MAGIC = 0x20b;
constexpr WORD IMAGE_FILE_MACHINE_AMD64 = 0x8664;
constexpr WORD IMAGE_FILE_MACHINE_I386 = 0x014c;
constexpr WORD IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002;
constexpr WORD IMAGE_FILE_RELOCS_STRIPPED = 0x0001;
constexpr WORD IMAGE_FILE_DLL = 0x2000;
constexpr WORD IMAGE_SUBSYSTEM_WINDOWS_GUI = 2;
constexpr WORD IMAGE_SUBSYSTEM_WINDOWS_CUI = 3;
constexpr WORD IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x0040;

constexpr int IMAGE_NUMBEROF_DIRECTORY_ENTRIES = 16;
constexpr int IMAGE_DIRECTORY_ENTRY_EXPORT = 0;
constexpr int IMAGE_DIRECTORY_ENTRY_IMPORT = 1;
constexpr int IMAGE_DIRECTORY_ENTRY_RESOURCE = 2;
constexpr int IMAGE_DIRECTORY_ENTRY_EXCEPTION = 3;
constexpr int IMAGE_DIRECTORY_ENTRY_BASERELOC = 5;
constexpr int IMAGE_DIRECTORY_ENTRY_TLS = 9;
constexpr int IMAGE_DIRECTORY_ENTRY_IAT = 12;
constexpr int IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT = 13;
constexpr int IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR = 14;

constexpr DWORD IMAGE_SCN_CNT_CODE = 0x00000020;
constexpr DWORD IMAGE_SCN_CNT_INITIALIZED_DATA = 0x00000040;
constexpr DWORD IMAGE_SCN_CNT_UNINITIALIZED_DATA = 0x00000080;
constexpr DWORD IMAGE_SCN_MEM_DISCARDABLE = 0x02000000;
constexpr DWORD IMAGE_SCN_MEM_SHARED = 0x10000000;
constexpr DWORD IMAGE_SCN_MEM_EXECUTE = 0x20000000;
constexpr DWORD IMAGE_SCN_MEM_READ = 0x40000000;
constexpr DWORD IMAGE_SCN_MEM_WRITE = 0x80000000;

constexpr WORD IMAGE_REL_BASED_ABSOLUTE = 0;
constexpr WORD IMAGE_REL_BASED_HIGHLOW = 3;
constexpr WORD IMAGE_REL_BASED_DIR64 = 10;

constexpr ULONGLONG IMAGE_ORDINAL_FLAG64 = 0x8000000000000000ull;

constexpr DWORD DLL_PROCESS_DETACH = 0;
constexpr DWORD DLL_PROCESS_ATTACH = 1;
constexpr DWORD DLL_THREAD_ATTACH = 2;
constexpr DWORD DLL_THREAD_DETACH = 3;

struct IMAGE_DOS_HEADER {
    WORD e_magic;
    WORD e_cblp, e_cp, e_crlc, e_cparhdr, e_minalloc, e_maxalloc, e_ss, e_sp;
    WORD e_csum, e_ip, e_cs, e_lfarlc, e_ovno;
    WORD e_res[4];
    WORD e_oemid, e_oeminfo;
    WORD e_res2[10];
    LONG e_lfanew;
};
static_assert(sizeof(IMAGE_DOS_HEADER) == 64);

struct IMAGE_FILE_HEADER {
    WORD Machine;
    WORD NumberOfSections;
    DWORD TimeDateStamp;
    DWORD PointerToSymbolTable;
    DWORD NumberOfSymbols;
    WORD SizeOfOptionalHeader;
    WORD Characteristics;
};
static_assert(sizeof(IMAGE_FILE_HEADER) == 20);

struct IMAGE_DATA_DIRECTORY {
    DWORD VirtualAddress;
    DWORD Size;
};
static_assert(sizeof(IMAGE_DATA_DIRECTORY) == 8);

struct IMAGE_OPTIONAL_HEADER64 {
    WORD Magic;
    BYTE MajorLinkerVersion, MinorLinkerVersion;
    DWORD SizeOfCode, SizeOfInitializedData, SizeOfUninitializedData;
    DWORD AddressOfEntryPoint;
    DWORD BaseOfCode;
    ULONGLONG ImageBase;
    DWORD SectionAlignment;
    DWORD FileAlignment;
    WORD MajorOperatingSystemVersion, MinorOperatingSystemVersion;
    WORD MajorImageVersion, MinorImageVersion;
    WORD MajorSubsystemVersion, MinorSubsystemVersion;
    DWORD Win32VersionValue;
    DWORD SizeOfImage;
    DWORD SizeOfHeaders;
    DWORD CheckSum;
    WORD Subsystem;
    WORD DllCharacteristics;
    ULONGLONG SizeOfStackReserve, SizeOfStackCommit;
    ULONGLONG SizeOfHeapReserve, SizeOfHeapCommit;
    DWORD LoaderFlags;
    DWORD NumberOfRvaAndSizes;
    IMAGE_DATA_DIRECTORY DataDirectory[IMAGE_NUMBEROF_DIRECTORY_ENTRIES];
};
static_assert(sizeof(IMAGE_OPTIONAL_HEADER64) == 240);

struct IMAGE_NT_HEADERS64 {
    DWORD Signature;
    IMAGE_FILE_HEADER FileHeader;
    IMAGE_OPTIONAL_HEADER64 OptionalHeader;
};
static_assert(sizeof(IMAGE_NT_HEADERS64) == 264);

struct IMAGE_SECTION_HEADER {
    BYTE Name[8];
    DWORD VirtualSize;
    DWORD VirtualAddress;
    DWORD SizeOfRawData;
    DWORD PointerToRawData;
    DWORD PointerToRelocations;
    DWORD PointerToLinenumbers;
    WORD NumberOfRelocations;
    WORD NumberOfLinenumbers;
    DWORD Characteristics;
};
static_assert(sizeof(IMAGE_SECTION_HEADER) == 40);

struct IMAGE_EXPORT_DIRECTORY {
    DWORD Characteristics;
    DWORD TimeDateStamp;
    WORD MajorVersion, MinorVersion;
    DWORD Name;
    DWORD Base;
    DWORD NumberOfFunctions;
    DWORD NumberOfNames;
    DWORD AddressOfFunctions;
    DWORD AddressOfNames;
    DWORD AddressOfNameOrdinals;
};
static_assert(sizeof(IMAGE_EXPORT_DIRECTORY) == 40);

struct IMAGE_IMPORT_DESCRIPTOR {
    DWORD OriginalFirstThunk;  // RVA of the import lookup table
    DWORD TimeDateStamp;
    DWORD ForwarderChain;
    DWORD Name;
    DWORD FirstThunk;          // RVA of the import address table
};
static_assert(sizeof(IMAGE_IMPORT_DESCRIPTOR) == 20);

struct IMAGE_DELAYLOAD_DESCRIPTOR {
    DWORD Attributes;  // bit 0: RVAs (always set for PE32+)
    DWORD DllNameRVA;
    DWORD ModuleHandleRVA;
    DWORD ImportAddressTableRVA;
    DWORD ImportNameTableRVA;
    DWORD BoundImportAddressTableRVA;
    DWORD UnloadInformationTableRVA;
    DWORD TimeDateStamp;
};
static_assert(sizeof(IMAGE_DELAYLOAD_DESCRIPTOR) == 32);

struct IMAGE_BASE_RELOCATION {
    DWORD VirtualAddress;
    DWORD SizeOfBlock;
};
static_assert(sizeof(IMAGE_BASE_RELOCATION) == 8);

struct IMAGE_TLS_DIRECTORY64 {
    ULONGLONG StartAddressOfRawData;
    ULONGLONG EndAddressOfRawData;
    ULONGLONG AddressOfIndex;
    ULONGLONG AddressOfCallBacks;
    DWORD SizeOfZeroFill;
    DWORD Characteristics;
};
static_assert(sizeof(IMAGE_TLS_DIRECTORY64) == 40);

struct IMAGE_RUNTIME_FUNCTION_ENTRY {
    DWORD BeginAddress;
    DWORD EndAddress;
    DWORD UnwindData;
};
static_assert(sizeof(IMAGE_RUNTIME_FUNCTION_ENTRY) == 12);

using PIMAGE_TLS_CALLBACK = void(WINAPI*)(PVOID dll_handle, DWORD reason, PVOID reserved);

// The resource directory (.rsrc): a tree of directories (type, name,
// language), each a header followed by its named entries (sorted by
// name), then its id entries (sorted by id). Offsets in entries are from
// the start of the resource directory; a data entry's OffsetToData is an RVA.
struct IMAGE_RESOURCE_DIRECTORY {
    DWORD Characteristics;
    DWORD TimeDateStamp;
    WORD MajorVersion;
    WORD MinorVersion;
    WORD NumberOfNamedEntries;
    WORD NumberOfIdEntries;
};
static_assert(sizeof(IMAGE_RESOURCE_DIRECTORY) == 16);

struct IMAGE_RESOURCE_DIRECTORY_ENTRY {
    DWORD Name;          // high bit: offset of a counted UTF-16 name; else the id
    DWORD OffsetToData;  // high bit: offset of a subdirectory; else of a data entry
};
static_assert(sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY) == 8);
constexpr DWORD IMAGE_RESOURCE_NAME_IS_STRING = 0x80000000;
constexpr DWORD IMAGE_RESOURCE_DATA_IS_DIRECTORY = 0x80000000;

struct IMAGE_RESOURCE_DATA_ENTRY {
    DWORD OffsetToData;  // an RVA
    DWORD Size;
    DWORD CodePage;
    DWORD Reserved;
};
static_assert(sizeof(IMAGE_RESOURCE_DATA_ENTRY) == 16);
