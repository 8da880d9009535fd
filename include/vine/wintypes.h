// Windows ABI base types for host code. LLP64 exact: LONG is 32 bits, WCHAR is
// 16 bits. Vine never includes mingw-w64 headers from host code.
#pragma once

#include <cstddef>
#include <cstdint>

#define WINAPI __attribute__((ms_abi))
// An exported function of a builtin DLL: C linkage, the Microsoft x64
// convention, and visible to the spec's export table and to other builtins.
#define VINE_EXPORT extern "C" __attribute__((ms_abi, visibility("default")))

using BYTE = uint8_t;
using UCHAR = uint8_t;
using CHAR = char;
using WORD = uint16_t;
using USHORT = uint16_t;
using SHORT = int16_t;
using WCHAR = char16_t;
using DWORD = uint32_t;
using ULONG = uint32_t;
using UINT = uint32_t;
using LONG = int32_t;
using HRESULT = LONG;
using INT = int32_t;
using BOOL = int32_t;
using BOOLEAN = uint8_t;
using LONGLONG = int64_t;
using ULONGLONG = uint64_t;
using DWORD64 = uint64_t;
using ULONG64 = uint64_t;
using LONG64 = int64_t;
using ULONG_PTR = uint64_t;
using LONG_PTR = int64_t;
using DWORD_PTR = uint64_t;
using SIZE_T = uint64_t;
using SSIZE_T = int64_t;
using NTSTATUS = int32_t;
using HANDLE = void*;
using HMODULE = void*;
using HINSTANCE = void*;
using PVOID = void*;
using LPVOID = void*;
using LPCVOID = const void*;
using LPSTR = char*;
using LPCSTR = const char*;
using LPWSTR = WCHAR*;
using LPCWSTR = const WCHAR*;
using FARPROC = intptr_t(WINAPI*)();

constexpr BOOL TRUE = 1;
constexpr BOOL FALSE = 0;
#define INVALID_HANDLE_VALUE (reinterpret_cast<HANDLE>(static_cast<intptr_t>(-1)))

union LARGE_INTEGER {
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
};
static_assert(sizeof(LARGE_INTEGER) == 8);

// Where an NT I/O call leaves its final status and a count (bytes moved).
struct IO_STATUS_BLOCK {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
};
static_assert(sizeof(IO_STATUS_BLOCK) == 16);
// The completion routine an asynchronous NT I/O call may queue.
using PIO_APC_ROUTINE = void(WINAPI*)(PVOID context, IO_STATUS_BLOCK* io, ULONG reserved);

struct LIST_ENTRY {
    LIST_ENTRY* Flink;
    LIST_ENTRY* Blink;
};
static_assert(sizeof(LIST_ENTRY) == 16);

struct UNICODE_STRING {
    USHORT Length;         // bytes, without the terminator
    USHORT MaximumLength;  // bytes
    WCHAR* Buffer;
};
static_assert(sizeof(UNICODE_STRING) == 16);

struct ANSI_STRING {
    USHORT Length;
    USHORT MaximumLength;
    char* Buffer;
};

struct CLIENT_ID {
    HANDLE UniqueProcess;
    HANDLE UniqueThread;
};

struct FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
};

struct SYSTEMTIME {
    WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
};
static_assert(sizeof(SYSTEMTIME) == 16);

struct SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
};

struct CRITICAL_SECTION;

#define NT_SUCCESS(status) (static_cast<NTSTATUS>(status) >= 0)
#define NT_ERROR(status) (static_cast<uint32_t>(status) >= 0xc0000000u)
