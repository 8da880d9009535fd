// Directory change notifications: ReadDirectoryChangesW and the
// FindFirstChangeNotification family, thin wrappers over ntdll's
// NtNotifyChangeDirectoryFile (dlls/ntdll/change_notify.cpp, on inotify).
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;

namespace {

using LPOVERLAPPED_COMPLETION_ROUTINE = void(WINAPI*)(DWORD error, DWORD bytes, OVERLAPPED* overlapped);

constexpr DWORD FILE_SHARE_ALL = 7, OPEN_EXISTING_DISPOSITION = 3;
constexpr DWORD BACKUP_SEMANTICS = 0x02000000, OVERLAPPED_FLAG = 0x40000000;

// What the change handles' requests report into: nobody reads it (Windows
// keeps one such block too); the handle's own event says a change came.
IO_STATUS_BLOCK g_change_io;

}  // namespace

VINE_EXPORT BOOL ReadDirectoryChangesW(HANDLE directory, LPVOID buffer, DWORD length, BOOL subtree, DWORD filter,
                                       DWORD* returned, OVERLAPPED* overlapped,
                                       LPOVERLAPPED_COMPLETION_ROUTINE routine) {
    if (!overlapped) {
        IO_STATUS_BLOCK io{};
        NTSTATUS status =
            NtNotifyChangeDirectoryFile(directory, nullptr, nullptr, nullptr, &io, buffer, length, filter, subtree != 0);
        if (status == STATUS_PENDING) {  // a handle opened for overlapped I/O: wait here
            NtWaitForSingleObject(directory, FALSE, nullptr);
            status = io.Status;
        }
        if (returned) *returned = static_cast<DWORD>(io.Information);
        // An overflow (STATUS_NOTIFY_ENUM_DIR) fails with ERROR_NOTIFY_ENUM_DIR and no bytes.
        if (status != STATUS_SUCCESS) {
            set_nt_error(status);
            return FALSE;
        }
        return TRUE;
    }
    auto* io = reinterpret_cast<IO_STATUS_BLOCK*>(overlapped);
    io->Status = STATUS_PENDING;
    NTSTATUS status = routine ? NtNotifyChangeDirectoryFile(directory, nullptr, file_ex_apc,
                                                            reinterpret_cast<PVOID>(routine), io, buffer, length,
                                                            filter, subtree != 0)
                              : NtNotifyChangeDirectoryFile(directory, overlapped->hEvent, nullptr, overlapped, io,
                                                            buffer, length, filter, subtree != 0);
    // Queued or done: the result comes through the OVERLAPPED.
    if (NT_ERROR(status)) return nt_bool(status);
    if (returned && status != STATUS_PENDING) *returned = static_cast<DWORD>(io->Information);
    return TRUE;
}

VINE_EXPORT HANDLE FindFirstChangeNotificationW(LPCWSTR path, BOOL subtree, DWORD filter) {
    HANDLE directory = CreateFileW(path, vine::nt::FILE_LIST_DIRECTORY, FILE_SHARE_ALL, nullptr, OPEN_EXISTING_DISPOSITION,
                                   BACKUP_SEMANTICS | OVERLAPPED_FLAG, nullptr);
    if (directory == INVALID_HANDLE_VALUE) return directory;
    // No buffer: the request ends at the first change, setting the handle's event.
    NTSTATUS status = NtNotifyChangeDirectoryFile(directory, nullptr, nullptr, nullptr, &g_change_io, nullptr, 0,
                                                  filter, subtree != 0);
    if (NT_ERROR(status)) {
        NtClose(directory);
        set_nt_error(status == STATUS_INVALID_PARAMETER ? static_cast<NTSTATUS>(0xc0000103) /* STATUS_NOT_A_DIRECTORY */
                                                        : status);
        return INVALID_HANDLE_VALUE;
    }
    return directory;
}

VINE_EXPORT HANDLE FindFirstChangeNotificationA(LPCSTR path, BOOL subtree, DWORD filter) {
    if (!path) {
        set_error(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    std::u16string wide = wide_from_file_api(path);
    return FindFirstChangeNotificationW(wide.c_str(), subtree, filter);
}

// The next request (the filter and tree of the first stay).
VINE_EXPORT BOOL FindNextChangeNotification(HANDLE handle) {
    NTSTATUS status = NtNotifyChangeDirectoryFile(handle, nullptr, nullptr, nullptr, &g_change_io, nullptr, 0,
                                                  vine::nt::FILE_NOTIFY_CHANGE_FILE_NAME, FALSE);
    return NT_ERROR(status) ? nt_bool(status) : TRUE;
}

VINE_EXPORT BOOL FindCloseChangeNotification(HANDLE handle) { return nt_bool(NtClose(handle)); }
