// The TEB, PEB and loader data structures, at the x64 offsets that code built
// for Windows reads directly (gs:[0x30] is the TEB, gs:[0x60] the PEB, ...).
// Fields Vine does not use are padding; offsets are checked below.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

struct PEB_LDR_DATA {
    ULONG Length;
    BOOLEAN Initialized;
    PVOID SsHandle;
    LIST_ENTRY InLoadOrderModuleList;
    LIST_ENTRY InMemoryOrderModuleList;
    LIST_ENTRY InInitializationOrderModuleList;
    PVOID EntryInProgress;
    BOOLEAN ShutdownInProgress;
    HANDLE ShutdownThreadId;
};
static_assert(offsetof(PEB_LDR_DATA, InLoadOrderModuleList) == 0x10);
static_assert(sizeof(PEB_LDR_DATA) == 0x58);

struct LDR_DATA_TABLE_ENTRY {
    LIST_ENTRY InLoadOrderLinks;
    LIST_ENTRY InMemoryOrderLinks;
    LIST_ENTRY InInitializationOrderLinks;
    PVOID DllBase;
    PVOID EntryPoint;
    ULONG SizeOfImage;
    UNICODE_STRING FullDllName;
    UNICODE_STRING BaseDllName;
    ULONG Flags;
    USHORT LoadCount;
    USHORT TlsIndex;
    LIST_ENTRY HashLinks;
    ULONG TimeDateStamp;
    BYTE reserved[0x120 - 0x84];
};
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, DllBase) == 0x30);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, FullDllName) == 0x48);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, BaseDllName) == 0x58);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, TimeDateStamp) == 0x80);

struct CURDIR {
    UNICODE_STRING DosPath;
    HANDLE Handle;
};

struct RTL_USER_PROCESS_PARAMETERS {
    ULONG MaximumLength;
    ULONG Length;
    ULONG Flags;
    ULONG DebugFlags;
    HANDLE ConsoleHandle;
    ULONG ConsoleFlags;
    HANDLE StandardInput;
    HANDLE StandardOutput;
    HANDLE StandardError;
    CURDIR CurrentDirectory;
    UNICODE_STRING DllPath;
    UNICODE_STRING ImagePathName;
    UNICODE_STRING CommandLine;
    WCHAR* Environment;
    ULONG StartingX, StartingY, CountX, CountY, CountCharsX, CountCharsY, FillAttribute;
    ULONG WindowFlags;
    ULONG ShowWindowFlags;
    UNICODE_STRING WindowTitle;
    UNICODE_STRING DesktopInfo;
    UNICODE_STRING ShellInfo;
    UNICODE_STRING RuntimeData;
    BYTE CurrentDirectories[32 * 24];
    SIZE_T EnvironmentSize;
};
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, StandardInput) == 0x20);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CurrentDirectory) == 0x38);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, ImagePathName) == 0x60);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CommandLine) == 0x70);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, Environment) == 0x80);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, WindowTitle) == 0xb0);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, EnvironmentSize) == 0x3f0);

struct PEB {
    BOOLEAN InheritedAddressSpace;
    BOOLEAN ReadImageFileExecOptions;
    BOOLEAN BeingDebugged;
    BOOLEAN BitField;
    PVOID Mutant;
    PVOID ImageBaseAddress;
    PEB_LDR_DATA* Ldr;
    RTL_USER_PROCESS_PARAMETERS* ProcessParameters;
    PVOID SubSystemData;
    HANDLE ProcessHeap;
    PVOID FastPebLock;
    BYTE pad1[0xb8 - 0x40];
    ULONG NumberOfProcessors;
    ULONG NtGlobalFlag;
    BYTE pad2[0xe8 - 0xc0];
    ULONG NumberOfHeaps;
    ULONG MaximumNumberOfHeaps;
    PVOID* ProcessHeaps;
    BYTE pad3[0x118 - 0xf8];
    ULONG OSMajorVersion;
    ULONG OSMinorVersion;
    USHORT OSBuildNumber;
    USHORT OSCSDVersion;
    ULONG OSPlatformId;
    ULONG ImageSubsystem;
    ULONG ImageSubsystemMajorVersion;
    ULONG ImageSubsystemMinorVersion;
    BYTE pad4[0x7c8 - 0x134];
};
static_assert(offsetof(PEB, Ldr) == 0x18);
static_assert(offsetof(PEB, ProcessParameters) == 0x20);
static_assert(offsetof(PEB, ProcessHeap) == 0x30);
static_assert(offsetof(PEB, NumberOfProcessors) == 0xb8);
static_assert(offsetof(PEB, ProcessHeaps) == 0xf0);
static_assert(offsetof(PEB, OSMajorVersion) == 0x118);
static_assert(sizeof(PEB) == 0x7c8);

struct NT_TIB {
    PVOID ExceptionList;
    PVOID StackBase;
    PVOID StackLimit;
    PVOID SubSystemTib;
    PVOID FiberData;
    PVOID ArbitraryUserPointer;
    NT_TIB* Self;
};

constexpr int kTlsMinimumAvailable = 64;
constexpr int kTlsExpansionSlots = 1024;

struct TEB {
    NT_TIB Tib;
    PVOID EnvironmentPointer;
    CLIENT_ID ClientId;
    PVOID ActiveRpcHandle;
    PVOID ThreadLocalStoragePointer;
    PEB* ProcessEnvironmentBlock;
    ULONG LastErrorValue;
    ULONG CountOfOwnedCriticalSections;
    BYTE pad1[0x1250 - 0x70];
    ULONG LastStatusValue;
    BYTE pad2[0x1478 - 0x1254];
    PVOID DeallocationStack;
    PVOID TlsSlots[kTlsMinimumAvailable];
    LIST_ENTRY TlsLinks;
    BYTE pad3[0x1748 - 0x1690];
    ULONG GuaranteedStackBytes;  // SetThreadStackGuarantee: room kept for a stack overflow's handlers
    BYTE pad3b[0x1780 - 0x174c];
    PVOID* TlsExpansionSlots;
    PVOID HeapThreadCache;  // DeallocationBStore on Windows (IA-64 only); Vine: ntdll's per-thread heap cache
    BYTE pad4[0x17c8 - 0x1790];
    PVOID FlsData;  // Vine: kernel32's per-thread FLS values
    BYTE pad5[0x17ee - 0x17d0];
    USHORT SameTebFlags;  // kTebHasFiberData: the thread is a fiber (ConvertThreadToFiber)
    BYTE pad6[0x1838 - 0x17f0];
};
constexpr USHORT kTebHasFiberData = 0x4;
static_assert(offsetof(TEB, Tib.Self) == 0x30);
static_assert(offsetof(TEB, ClientId) == 0x40);
static_assert(offsetof(TEB, ThreadLocalStoragePointer) == 0x58);
static_assert(offsetof(TEB, ProcessEnvironmentBlock) == 0x60);
static_assert(offsetof(TEB, LastErrorValue) == 0x68);
static_assert(offsetof(TEB, LastStatusValue) == 0x1250);
static_assert(offsetof(TEB, DeallocationStack) == 0x1478);
static_assert(offsetof(TEB, TlsSlots) == 0x1480);
static_assert(offsetof(TEB, GuaranteedStackBytes) == 0x1748);
static_assert(offsetof(TEB, TlsExpansionSlots) == 0x1780);
static_assert(offsetof(TEB, HeapThreadCache) == 0x1788);
static_assert(offsetof(TEB, FlsData) == 0x17c8);
static_assert(offsetof(TEB, SameTebFlags) == 0x17ee);
static_assert(sizeof(TEB) == 0x1838);

// The current thread's TEB, read through the GS base as guest code does.
inline TEB* current_teb() {
    TEB* teb;
    __asm__("movq %%gs:0x30, %0" : "=r"(teb));
    return teb;
}
