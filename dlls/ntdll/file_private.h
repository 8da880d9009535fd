// Shared by ntdll's file sources: what a file handle is (descriptor, rights,
// flags), and FILE_*_INFORMATION values from a stat.
#pragma once

#include <sys/stat.h>

#include "vine/nt_file.h"
#include "vine/server_client.h"

namespace ntdll {

// What Windows returns for a null buffer it would write (context.h keeps
// the exception code under the usual name, as a DWORD).
inline constexpr NTSTATUS kStatusAccessViolation = static_cast<NTSTATUS>(0xc0000005);

struct OpenFile {
    int fd = -1;
    ACCESS_MASK access = 0;  // generic rights mapped to file rights
    uint32_t flags = 0;      // protocol::file_* flags
    bool synchronous() const { return !(flags & vine::protocol::file_asynchronous); }
};

// The file behind `handle` when it was opened with every right in `needed`
// (any of them when `any`): STATUS_INVALID_HANDLE for no file handle,
// STATUS_ACCESS_DENIED for missing rights, as Windows checks every call.
NTSTATUS open_file_of(HANDLE handle, ACCESS_MASK needed, OpenFile& out, bool any = false);

// Before the file behind `handle` (descriptor `fd`) is cut to `size`:
// STATUS_USER_MAPPED_FILE while a view of a section of it is mapped in any
// process of the prefix, as Windows refuses it (the server keeps the views).
NTSTATUS may_cut(HANDLE handle, int fd, LONGLONG size);

// NT times (100 ns since 1601) from Unix ones.
LONGLONG nt_time(const timespec& ts);
// FILE_ATTRIBUTE_* from a stat: directory, or archive (files Windows
// creates carry it), plus read-only for a file without the owner's write
// permission; a character device is FILE_ATTRIBUTE_DEVICE's business only
// for devices, which name queries do not reach.
ULONG attributes_of(const struct stat& st);
vine::nt::FILE_BASIC_INFORMATION basic_info_of(const struct stat& st);
vine::nt::FILE_STANDARD_INFORMATION standard_info_of(const struct stat& st);
vine::nt::FILE_NETWORK_OPEN_INFORMATION network_open_info_of(const struct stat& st);

// The end of a request on a synchronous handle: the I/O status and the
// event (file_io.cpp).
NTSTATUS complete_sync(IO_STATUS_BLOCK* io, NTSTATUS status, ULONG_PTR information, HANDLE event);

// Windows' locks are mandatory (file_lock.cpp): STATUS_FILE_LOCK_CONFLICT
// when another file object's lock covers part of the `length` bytes at
// `position` (-1: the file pointer), or for a write, a shared lock of
// this handle's own.
NTSTATUS check_locks(HANDLE handle, int fd, LONGLONG position, ULONG length, bool writing);
// NtClose: the byte-range locks the handle still holds are released.
void release_locks(HANDLE handle);
// NtClose: a directory handle's change watch goes, its waiting requests
// ending with STATUS_NOTIFY_CLEANUP (change_notify.cpp).
void forget_watch(HANDLE handle);

// NtClose: the directory listing state of a closed handle (directory.cpp).
void forget_listing(HANDLE handle);

}  // namespace ntdll
