// Shared between kernel32's source files only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <sys/stat.h>

#include "vine/calling_convention.h"
#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/teb.h"
#include "vine/winerror.h"
#include "vine/wintypes.h"

namespace kernel32 {

constexpr DWORD FILE_ATTRIBUTE_READONLY = 0x1;
constexpr DWORD FILE_ATTRIBUTE_HIDDEN = 0x2;
constexpr DWORD FILE_ATTRIBUTE_DIRECTORY = 0x10;
constexpr DWORD FILE_ATTRIBUTE_ARCHIVE = 0x20;
constexpr DWORD INVALID_FILE_ATTRIBUTES = 0xffffffff;



// STARTUPINFOA has the same layout with char strings.
struct STARTUPINFOW {
    DWORD cb;
    LPWSTR lpReserved, lpDesktop, lpTitle;
    DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
    WORD wShowWindow, cbReserved2;
    BYTE* lpReserved2;
    HANDLE hStdInput, hStdOutput, hStdError;
};
static_assert(sizeof(STARTUPINFOW) == 104);
constexpr DWORD STARTF_USESTDHANDLES = 0x100;

inline void set_error(DWORD error) { current_teb()->LastErrorValue = error; }
// The Win32 error for a failed Unix call's errno.
VINE_CALL DWORD error_from_errno(int error);
// Sets the last error from errno and returns FALSE, for the common path.
VINE_CALL BOOL fail_errno();

// ---- paths (path.cpp) ----
// The current directory as a DOS path ending with a backslash.
VINE_CALL std::u16string current_directory();
// GetFullPathName's rules: absolute, "." and ".." resolved lexically,
// separators as backslashes. *file_part: offset of the last component, or
// npos when the path ends with a separator.
VINE_CALL std::u16string full_path_name(std::u16string_view name, size_t* file_part);
// The Unix path of the file a Windows path names, its spelling looked up
// ignoring case; nullopt for an empty name or a drive Vine does not map.
VINE_CALL std::optional<std::string> unix_path_of(LPCWSTR name);
// The DOS path ("C:\\dir\\file") of the file `file` has open, links
// resolved (GetFinalPathNameByHandleW's, final_path.cpp); empty with the
// last error set for a handle that is not a file-system object.
VINE_CALL std::u16string final_path_of(HANDLE file);
// An I/O request's IO_STATUS_BLOCK (an OVERLAPPED's first two fields, or a
// local one), offset, event and port context (overlapped.cpp).
// The APC that runs an LPOVERLAPPED_COMPLETION_ROUTINE (the context) when
// a request ends (overlapped.cpp).
void WINAPI file_ex_apc(PVOID context, IO_STATUS_BLOCK* io, ULONG reserved);

struct OverlappedRequest {
    IO_STATUS_BLOCK local{};
    IO_STATUS_BLOCK* io = &local;
    LARGE_INTEGER offset{};
    const LARGE_INTEGER* offset_pointer = nullptr;
    HANDLE event = nullptr;
    PVOID apc_context = nullptr;  // the OVERLAPPED, unless hEvent's low bit asks for no packet
    explicit OverlappedRequest(OVERLAPPED* overlapped);
};

// Console control events at process attach (console_ctrl.cpp).
void init_console_ctrl();
// The console's input mode and input code page (console.cpp), for ReadConsole.
VINE_CALL DWORD console_input_mode();
// Puts the terminal's line discipline back as it was before SetConsoleMode
// changed it (process detach).
void restore_console_input();
VINE_CALL UINT console_input_code_page();
// The terminal descriptor behind a console handle, or -1 with
// ERROR_INVALID_HANDLE (console.cpp).
VINE_CALL int console_fd(HANDLE handle);

// CloseHandle of a Toolhelp32 snapshot drops its copy (toolhelp.cpp).
void forget_snapshot(HANDLE handle);

// The stack a new thread or fiber gets (thread.cpp): its reservation, and its
// initial commitment in commit_size, from the requests (0 for the EXE's
// defaults) as Windows rounds them.
VINE_CALL size_t stack_reservation(size_t reserve_request, size_t commit_request, size_t& commit_size);

// Text of the A functions (the ANSI code page unless told otherwise).
VINE_CALL std::u16string wide_from_ansi(const char* text, UINT code_page = CP_ACP);
VINE_CALL std::string ansi_from_wide(const WCHAR* text, UINT code_page = CP_ACP);
// File names of the A functions, in the code page SetFileApisToOEM and
// SetFileApisToANSI choose (file_apis.cpp).
VINE_CALL std::u16string wide_from_file_api(const char* text);
VINE_CALL std::string file_api_from_wide(const WCHAR* text);

}  // namespace kernel32
