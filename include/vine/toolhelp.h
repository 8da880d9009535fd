// psapi.h and tlhelp32.h structures and constants: the process, module and
// thread descriptions K32* and Toolhelp32 functions fill in. Layouts are the
// Windows SDK's (x64); the sizes below are what callers put in cb/dwSize.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

constexpr DWORD MAX_MODULE_NAME32 = 255;
constexpr DWORD TOOLHELP_MAX_PATH = 260;

struct MODULEINFO {
    LPVOID lpBaseOfDll;
    DWORD SizeOfImage;
    LPVOID EntryPoint;
};
static_assert(sizeof(MODULEINFO) == 24);

struct PROCESS_MEMORY_COUNTERS_EX {
    DWORD cb;
    DWORD PageFaultCount;
    SIZE_T PeakWorkingSetSize;
    SIZE_T WorkingSetSize;
    SIZE_T QuotaPeakPagedPoolUsage;
    SIZE_T QuotaPagedPoolUsage;
    SIZE_T QuotaPeakNonPagedPoolUsage;
    SIZE_T QuotaNonPagedPoolUsage;
    SIZE_T PagefileUsage;
    SIZE_T PeakPagefileUsage;
    SIZE_T PrivateUsage;  // only in the _EX form
};
constexpr DWORD PROCESS_MEMORY_COUNTERS_SIZE = offsetof(PROCESS_MEMORY_COUNTERS_EX, PrivateUsage);
static_assert(PROCESS_MEMORY_COUNTERS_SIZE == 72 && sizeof(PROCESS_MEMORY_COUNTERS_EX) == 80);

// EnumProcessModulesEx filters.
constexpr DWORD LIST_MODULES_DEFAULT = 0x0, LIST_MODULES_32BIT = 0x1, LIST_MODULES_64BIT = 0x2,
                LIST_MODULES_ALL = 0x3;

// CreateToolhelp32Snapshot flags.
constexpr DWORD TH32CS_SNAPHEAPLIST = 0x1, TH32CS_SNAPPROCESS = 0x2, TH32CS_SNAPTHREAD = 0x4,
                TH32CS_SNAPMODULE = 0x8, TH32CS_SNAPMODULE32 = 0x10, TH32CS_INHERIT = 0x80000000;

template <typename Char>
struct PROCESSENTRY32_T {
    DWORD dwSize;
    DWORD cntUsage;
    DWORD th32ProcessID;
    ULONG_PTR th32DefaultHeapID;
    DWORD th32ModuleID;
    DWORD cntThreads;
    DWORD th32ParentProcessID;
    LONG pcPriClassBase;
    DWORD dwFlags;
    Char szExeFile[TOOLHELP_MAX_PATH];
};
using PROCESSENTRY32W = PROCESSENTRY32_T<WCHAR>;
using PROCESSENTRY32 = PROCESSENTRY32_T<CHAR>;
static_assert(sizeof(PROCESSENTRY32W) == 568 && sizeof(PROCESSENTRY32) == 304);

struct THREADENTRY32 {
    DWORD dwSize;
    DWORD cntUsage;
    DWORD th32ThreadID;
    DWORD th32OwnerProcessID;
    LONG tpBasePri;
    LONG tpDeltaPri;
    DWORD dwFlags;
};
static_assert(sizeof(THREADENTRY32) == 28);

template <typename Char>
struct MODULEENTRY32_T {
    DWORD dwSize;
    DWORD th32ModuleID;
    DWORD th32ProcessID;
    DWORD GlblcntUsage;
    DWORD ProccntUsage;
    BYTE* modBaseAddr;
    DWORD modBaseSize;
    HMODULE hModule;
    Char szModule[MAX_MODULE_NAME32 + 1];
    Char szExePath[TOOLHELP_MAX_PATH];
};
using MODULEENTRY32W = MODULEENTRY32_T<WCHAR>;
using MODULEENTRY32 = MODULEENTRY32_T<CHAR>;
static_assert(sizeof(MODULEENTRY32W) == 1080 && sizeof(MODULEENTRY32) == 568);
