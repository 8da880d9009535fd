/* NtQueryInformationFile on files and pipes, with exact NTSTATUS results. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

/* Declared here rather than taken from winternl.h, which lacks most of the
 * information classes. */
typedef struct {
    union {
        LONG Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK_;
typedef struct {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    ULONG FileAttributes;
} BASIC_;
typedef struct {
    LARGE_INTEGER AllocationSize, EndOfFile;
    ULONG NumberOfLinks;
    BOOLEAN DeletePending, Directory;
} STANDARD_;
typedef struct {
    ULONG FileNameLength;
    WCHAR FileName[260];
} NAME_;

typedef struct {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize, EndOfFile;
    ULONG FileAttributes;
} NETWORK_OPEN_;

typedef struct {
    ULONG NextEntryOffset, StreamNameLength;
    LARGE_INTEGER StreamSize, StreamAllocationSize;
    WCHAR StreamName[32];
} STREAM_;

enum { Basic = 4, Standard = 5, Internal = 6, Access = 8, Name = 9, Position = 14, Mode = 16, Stream = 22,
       NetworkOpen = 34, AttributeTag = 35 };

__declspec(dllimport) LONG WINAPI NtQueryInformationFile(HANDLE, IO_STATUS_BLOCK_ *, void *, ULONG, ULONG);

#define STATUS_BUFFER_OVERFLOW_ ((LONG)0x80000005)
#define STATUS_INFO_LENGTH_MISMATCH_ ((LONG)0xc0000004)
#define STATUS_INVALID_INFO_CLASS_ ((LONG)0xc0000003)
#define STATUS_INVALID_HANDLE_ ((LONG)0xc0000008)

/* FileStreamInformation: a file without alternate streams has the one
 * unnamed data stream, "::$DATA"; a directory has none. */
static void test_streams(const WCHAR *dir)
{
    WCHAR path[MAX_PATH];
    IO_STATUS_BLOCK_ io;
    STREAM_ stream;
    DWORD written;
    HANDLE file;
    LONG status;

    GetTempFileNameW(dir, L"nqs", 0, path);
    file = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, "0123456789", 10, &written, NULL);
    memset(&stream, 0xcc, sizeof stream);
    status = NtQueryInformationFile(file, &io, &stream, sizeof stream, Stream);
    ok_int(status, 0);
    ok_int(io.Information, 24 + 14);
    ok_int(stream.NextEntryOffset, 0);
    ok_int(stream.StreamNameLength, 14);
    ok(!memcmp(stream.StreamName, L"::$DATA", 14), "the unnamed data stream");
    ok(stream.StreamSize.QuadPart == 10, "as large as the file (%lld)", stream.StreamSize.QuadPart);
    ok(stream.StreamAllocationSize.QuadPart >= 0, "an allocation size");
    status = NtQueryInformationFile(file, &io, &stream, 24 + 2, Stream);
    ok_int(status, STATUS_BUFFER_OVERFLOW_);
    status = NtQueryInformationFile(file, &io, &stream, 8, Stream);
    ok_int(status, STATUS_INFO_LENGTH_MISMATCH_);
    CloseHandle(file);
    DeleteFileW(path);

    file = CreateFileW(dir, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                       FILE_FLAG_BACKUP_SEMANTICS, NULL);
    ok(file != INVALID_HANDLE_VALUE, "a directory opened");
    io.Information = 99;
    status = NtQueryInformationFile(file, &io, &stream, sizeof stream, Stream);
    ok_int(status, 0);
    ok_int(io.Information, 0); /* no stream at all */
    CloseHandle(file);
}

int main(void)
{
    WCHAR path[MAX_PATH], dir[MAX_PATH];
    IO_STATUS_BLOCK_ io;
    BASIC_ basic;
    STANDARD_ standard;
    NAME_ name;
    LARGE_INTEGER position;
    ULONG mode;
    DWORD written;
    HANDLE file, read_end, write_end;
    LONG status;

    GetTempPathW(MAX_PATH, dir);
    test_streams(dir);
    GetTempFileNameW(dir, L"nqi", 0, path);
    file = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "a temporary file");
    WriteFile(file, "hello world", 11, &written, NULL);
    SetFilePointer(file, 4, NULL, FILE_BEGIN);

    memset(&io, 0xcc, sizeof(io));
    status = NtQueryInformationFile(file, &io, &standard, sizeof(standard), Standard);
    ok_int(status, 0);
    ok_int(io.Status, 0);
    ok_int((int)io.Information, sizeof(standard));
    ok_int((int)standard.EndOfFile.QuadPart, 11);
    ok_int(standard.NumberOfLinks, 1);
    ok_int(standard.Directory, 0);
    ok_int(standard.DeletePending, 0);

    status = NtQueryInformationFile(file, &io, &basic, sizeof(basic), Basic);
    ok_int(status, 0);
    ok_int((int)io.Information, sizeof(basic));
    ok_int(basic.FileAttributes, FILE_ATTRIBUTE_ARCHIVE);
    ok(basic.LastWriteTime.QuadPart > 116444736000000000LL, "a write time after 1970");

    status = NtQueryInformationFile(file, &io, &position, sizeof(position), Position);
    ok_int(status, 0);
    ok_int((int)position.QuadPart, 4);

    /* Opened without FILE_FLAG_OVERLAPPED: synchronous, not alertable. */
    status = NtQueryInformationFile(file, &io, &mode, sizeof(mode), Mode);
    ok_int(status, 0);
    ok_int((int)io.Information, sizeof(ULONG));
    ok_int(mode, 0x20 /* FILE_SYNCHRONOUS_IO_NONALERT */);

    /* The file's index is GetFileInformationByHandle's. */
    {
        BY_HANDLE_FILE_INFORMATION by_handle;
        LARGE_INTEGER index;
        NETWORK_OPEN_ open;
        ULONG tag[2], access;
        ok(GetFileInformationByHandle(file, &by_handle), "GetFileInformationByHandle");
        status = NtQueryInformationFile(file, &io, &index, sizeof(index), Internal);
        ok_int(status, 0);
        ok(index.u.LowPart == by_handle.nFileIndexLow && (DWORD)index.u.HighPart == by_handle.nFileIndexHigh,
           "FileInternalInformation is the file index");
        status = NtQueryInformationFile(file, &io, &open, sizeof(open), NetworkOpen);
        ok_int(status, 0);
        ok_int((int)io.Information, sizeof(open));
        ok_int((int)open.EndOfFile.QuadPart, 11);
        ok_int(open.FileAttributes, FILE_ATTRIBUTE_ARCHIVE);
        status = NtQueryInformationFile(file, &io, tag, sizeof(tag), AttributeTag);
        ok_int(status, 0);
        ok_int(tag[0], FILE_ATTRIBUTE_ARCHIVE);
        ok_int(tag[1], 0);
        /* Generic rights are mapped to the file's specific ones. */
        status = NtQueryInformationFile(file, &io, &access, sizeof(access), Access);
        ok_int(status, 0);
        ok(access == (FILE_GENERIC_READ | FILE_GENERIC_WRITE), "FileAccessInformation %lx", access);
    }

    /* The name is the path without its drive. */
    memset(&name, 0, sizeof(name));
    status = NtQueryInformationFile(file, &io, &name, sizeof(name), Name);
    ok_int(status, 0);
    ok_int(name.FileNameLength, (int)(wcslen(path + 2) * sizeof(WCHAR)));
    ok(_wcsnicmp(name.FileName, path + 2, name.FileNameLength / sizeof(WCHAR)) == 0, "the name is \"%.*ls\"",
       (int)(name.FileNameLength / sizeof(WCHAR)), name.FileName);
    ok_int((int)io.Information, (int)(sizeof(ULONG) + name.FileNameLength));
    /* Too small for the name: what fits, and the whole length. */
    memset(&name, 0, sizeof(name));
    status = NtQueryInformationFile(file, &io, &name, sizeof(ULONG) + 4, Name);
    ok_int(status, STATUS_BUFFER_OVERFLOW_);
    ok_int(name.FileNameLength, (int)(wcslen(path + 2) * sizeof(WCHAR)));
    ok_int((int)io.Information, sizeof(ULONG) + 4);
    ok(name.FileName[0] == path[2] && name.FileName[1] == path[3], "the start of the name");

    /* Wrong sizes, classes and handles. */
    status = NtQueryInformationFile(file, &io, &standard, sizeof(standard) - 1, Standard);
    ok_int(status, STATUS_INFO_LENGTH_MISMATCH_);
    status = NtQueryInformationFile(file, &io, &mode, 2, Mode);
    ok_int(status, STATUS_INFO_LENGTH_MISMATCH_);
    status = NtQueryInformationFile(file, &io, &name, sizeof(name), 0);
    ok_int(status, STATUS_INVALID_INFO_CLASS_);
    status = NtQueryInformationFile((HANDLE)(ULONG_PTR)0xfff0, &io, &mode, sizeof(mode), Mode);
    ok_int(status, STATUS_INVALID_HANDLE_);
    CloseHandle(file);
    DeleteFileW(path);

    /* A pipe is synchronous too. */
    ok(CreatePipe(&read_end, &write_end, NULL, 0), "a pipe");
    status = NtQueryInformationFile(read_end, &io, &mode, sizeof(mode), Mode);
    ok_int(status, 0);
    ok_int(mode, 0x20);
    CloseHandle(read_end);
    CloseHandle(write_end);
    return vt_summary();
}
