// Prototypes of kernel32 exports that other builtin DLLs call. Builtins call
// each other only through exported entry points; these are the same C
// functions the guest reaches through kernel32's export table.
#pragma once

#include "vine/wintypes.h"

constexpr DWORD STD_INPUT_HANDLE = static_cast<DWORD>(-10);
constexpr DWORD STD_OUTPUT_HANDLE = static_cast<DWORD>(-11);
constexpr DWORD STD_ERROR_HANDLE = static_cast<DWORD>(-12);

constexpr DWORD GENERIC_READ = 0x80000000;
constexpr DWORD GENERIC_WRITE = 0x40000000;
constexpr DWORD FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;
constexpr DWORD CREATE_NEW = 1, CREATE_ALWAYS = 2, OPEN_EXISTING = 3, OPEN_ALWAYS = 4, TRUNCATE_EXISTING = 5;
constexpr DWORD FILE_ATTRIBUTE_NORMAL = 0x80;
constexpr DWORD FILE_BEGIN = 0, FILE_CURRENT = 1, FILE_END = 2;
constexpr DWORD FILE_TYPE_UNKNOWN = 0, FILE_TYPE_DISK = 1, FILE_TYPE_CHAR = 2, FILE_TYPE_PIPE = 3;
constexpr DWORD CP_ACP = 0, CP_OEMCP = 1, CP_UTF8 = 65001;

// An overlapped request: Internal and InternalHigh are the request's
// IO_STATUS_BLOCK (status, bytes moved), as ntdll fills it.
struct OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    union {
        struct {
            DWORD Offset;
            DWORD OffsetHigh;
        } s;
        PVOID Pointer;
    } u;
    HANDLE hEvent;
};
static_assert(sizeof(OVERLAPPED) == 32);
struct SECURITY_ATTRIBUTES;

extern "C" {
WINAPI HANDLE LocalAlloc(UINT flags, SIZE_T size);
WINAPI HANDLE LocalFree(HANDLE memory);
WINAPI BOOL SetFileTime(HANDLE file, const FILETIME* creation, const FILETIME* access, const FILETIME* write);
WINAPI BOOL SetEvent(HANDLE event);
WINAPI BOOL ReleaseMutex(HANDLE mutex);
WINAPI BOOL ReleaseSemaphore(HANDLE semaphore, LONG release, LONG* previous);
WINAPI BOOL CloseHandle(HANDLE handle);
WINAPI DWORD GetProcessId(HANDLE process);
WINAPI HANDLE OpenProcess(DWORD access, BOOL inherit, DWORD process_id);
WINAPI HANDLE CreateThread(SECURITY_ATTRIBUTES* security, SIZE_T stack_size, DWORD(WINAPI* start)(LPVOID),
                           LPVOID parameter, DWORD flags, DWORD* thread_id);
WINAPI HANDLE GetStdHandle(DWORD which);
WINAPI BOOL SetStdHandle(DWORD which, HANDLE handle);
WINAPI HANDLE CreateFileW(LPCWSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* security,
                          DWORD disposition, DWORD flags, HANDLE template_file);
WINAPI HANDLE CreateFileA(LPCSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* security,
                          DWORD disposition, DWORD flags, HANDLE template_file);
WINAPI BOOL ReadFile(HANDLE file, LPVOID buffer, DWORD to_read, DWORD* read, OVERLAPPED* overlapped);
WINAPI BOOL WriteFile(HANDLE file, LPCVOID buffer, DWORD to_write, DWORD* written, OVERLAPPED* overlapped);
WINAPI BOOL CloseHandle(HANDLE handle);
WINAPI DWORD GetProcessId(HANDLE process);
WINAPI HANDLE OpenProcess(DWORD access, BOOL inherit, DWORD process_id);
WINAPI HANDLE CreateThread(SECURITY_ATTRIBUTES* security, SIZE_T stack_size, DWORD(WINAPI* start)(LPVOID),
                           LPVOID parameter, DWORD flags, DWORD* thread_id);
WINAPI BOOL SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, LARGE_INTEGER* new_position, DWORD method);
WINAPI BOOL GetFileSizeEx(HANDLE file, LARGE_INTEGER* size);
WINAPI DWORD GetFileType(HANDLE file);
WINAPI BOOL FlushFileBuffers(HANDLE file);
WINAPI BOOL DeleteFileW(LPCWSTR name);
WINAPI DWORD GetFileAttributesW(LPCWSTR name);
WINAPI BOOL MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags);
WINAPI BOOL CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists);
WINAPI DWORD GetLastError();
WINAPI void SetLastError(DWORD error);
WINAPI LPWSTR GetCommandLineW();
WINAPI LPSTR GetCommandLineA();
WINAPI LPWSTR GetEnvironmentStringsW();
WINAPI BOOL FreeEnvironmentStringsW(LPWSTR block);
WINAPI DWORD GetEnvironmentVariableW(LPCWSTR name, LPWSTR buffer, DWORD size);
WINAPI BOOL SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value);
WINAPI BOOL SetEnvironmentVariableA(LPCSTR name, LPCSTR value);
WINAPI int MultiByteToWideChar(UINT code_page, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len);
WINAPI DWORD ExpandEnvironmentStringsW(LPCWSTR source, LPWSTR destination, DWORD size);
WINAPI int WideCharToMultiByte(UINT code_page, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL* used_default);
// HeapAlloc, HeapFree, HeapReAlloc and HeapSize are forwarders to ntdll
// (as on Windows): call RtlAllocateHeap and friends from ntdll_exports.h.
WINAPI HANDLE GetProcessHeap();
[[noreturn]] WINAPI void ExitProcess(UINT code);
WINAPI void GetSystemTimeAsFileTime(FILETIME* time);
WINAPI BOOL FileTimeToSystemTime(const FILETIME* time, SYSTEMTIME* out);
WINAPI BOOL SystemTimeToFileTime(const SYSTEMTIME* in, FILETIME* time);
WINAPI DWORD GetTickCount();
WINAPI DWORD TlsAlloc();
WINAPI void Sleep(DWORD milliseconds);
WINAPI HMODULE GetModuleHandleW(LPCWSTR name);
WINAPI DWORD GetModuleFileNameW(HMODULE module, LPWSTR buffer, DWORD size);
// Resources (user32's LoadString, version.dll).
WINAPI HANDLE FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD language);
WINAPI void* LoadResource(HMODULE module, HANDLE resource);
WINAPI DWORD SizeofResource(HMODULE module, HANDLE resource);
WINAPI DWORD GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buffer, LPWSTR* file_part);
WINAPI DWORD GetModuleFileNameA(HMODULE module, LPSTR buffer, DWORD size);
WINAPI FARPROC GetProcAddress(HMODULE module, LPCSTR name);
WINAPI DWORD GetCurrentProcessId();
WINAPI DWORD GetCurrentThreadId();
WINAPI UINT GetACP();
WINAPI UINT GetConsoleOutputCP();
// Virtual memory (memory.cpp).
WINAPI LPVOID VirtualAlloc(LPVOID address, SIZE_T size, DWORD type, DWORD protect);
WINAPI BOOL VirtualFree(LPVOID address, SIZE_T size, DWORD type);
}
