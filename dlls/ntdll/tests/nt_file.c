/* The NT file API called directly (NtCreateFile, NtOpenFile, NtReadFile,
 * NtWriteFile, NtQuery/SetInformationFile, NtQuery(Full)AttributesFile,
 * NtQueryVolumeInformationFile, NtFlushBuffersFile, NtDeleteFile), with the
 * exact NTSTATUS and IO_STATUS_BLOCK results Windows gives. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

typedef struct {
    union {
        LONG Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK_;
typedef struct {
    USHORT Length, MaximumLength;
    PWSTR Buffer;
} UNICODE_STRING_;
typedef struct {
    ULONG Length;
    HANDLE RootDirectory;
    UNICODE_STRING_ *ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor, SecurityQualityOfService;
} OBJECT_ATTRIBUTES_;
typedef struct {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    ULONG FileAttributes;
} BASIC_;
typedef struct {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize, EndOfFile;
    ULONG FileAttributes;
} NETWORK_OPEN_;
typedef struct {
    LARGE_INTEGER AllocationSize, EndOfFile;
    ULONG NumberOfLinks;
    BOOLEAN DeletePending, Directory;
} STANDARD_;
typedef struct {
    BASIC_ Basic;
    STANDARD_ Standard;
    LARGE_INTEGER Index;
    ULONG EaSize;
    ULONG Access;
    LARGE_INTEGER Position;
    ULONG Mode;
    ULONG Alignment;
    ULONG NameLength;
    WCHAR Name[MAX_PATH];
} ALL_;
typedef struct {
    ULONG DeviceType, Characteristics;
} DEVICE_;

typedef VOID(WINAPI *APC_)(PVOID, IO_STATUS_BLOCK_ *, ULONG);
__declspec(dllimport) LONG WINAPI NtCreateFile(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES_ *, IO_STATUS_BLOCK_ *,
                                               LARGE_INTEGER *, ULONG, ULONG, ULONG, ULONG, PVOID, ULONG);
__declspec(dllimport) LONG WINAPI NtOpenFile(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES_ *, IO_STATUS_BLOCK_ *, ULONG,
                                             ULONG);
__declspec(dllimport) LONG WINAPI NtReadFile(HANDLE, HANDLE, APC_, PVOID, IO_STATUS_BLOCK_ *, PVOID, ULONG,
                                             LARGE_INTEGER *, ULONG *);
__declspec(dllimport) LONG WINAPI NtWriteFile(HANDLE, HANDLE, APC_, PVOID, IO_STATUS_BLOCK_ *, const void *, ULONG,
                                              LARGE_INTEGER *, ULONG *);
__declspec(dllimport) LONG WINAPI NtQueryInformationFile(HANDLE, IO_STATUS_BLOCK_ *, void *, ULONG, ULONG);
__declspec(dllimport) LONG WINAPI NtSetInformationFile(HANDLE, IO_STATUS_BLOCK_ *, void *, ULONG, ULONG);
__declspec(dllimport) LONG WINAPI NtQueryAttributesFile(OBJECT_ATTRIBUTES_ *, BASIC_ *);
__declspec(dllimport) LONG WINAPI NtQueryFullAttributesFile(OBJECT_ATTRIBUTES_ *, NETWORK_OPEN_ *);
__declspec(dllimport) LONG WINAPI NtQueryVolumeInformationFile(HANDLE, IO_STATUS_BLOCK_ *, void *, ULONG, ULONG);
__declspec(dllimport) LONG WINAPI NtFlushBuffersFile(HANDLE, IO_STATUS_BLOCK_ *);
__declspec(dllimport) LONG WINAPI NtDeleteFile(OBJECT_ATTRIBUTES_ *);
__declspec(dllimport) LONG WINAPI NtClose(HANDLE);
__declspec(dllimport) LONG WINAPI NtQueryDirectoryFile(HANDLE, HANDLE, APC_, PVOID, IO_STATUS_BLOCK_ *, PVOID, ULONG,
                                                       ULONG, BOOLEAN, UNICODE_STRING_ *, BOOLEAN);

#define S_SUCCESS 0
#define S_END_OF_FILE ((LONG)0xc0000011)
#define S_INVALID_PARAMETER ((LONG)0xc000000d)
#define S_ACCESS_DENIED ((LONG)0xc0000022)
#define S_NAME_INVALID ((LONG)0xc0000033)
#define S_NAME_NOT_FOUND ((LONG)0xc0000034)
#define S_NAME_COLLISION ((LONG)0xc0000035)
#define S_PATH_NOT_FOUND ((LONG)0xc000003a)
#define S_PATH_SYNTAX_BAD ((LONG)0xc000003b)
#define S_FILE_IS_A_DIRECTORY ((LONG)0xc00000ba)
#define S_NOT_A_DIRECTORY ((LONG)0xc0000103)
#define S_INVALID_DEVICE_REQUEST ((LONG)0xc0000010)
#define S_NO_SUCH_FILE ((LONG)0xc000000f)
#define S_NO_MORE_FILES ((LONG)0x80000006)

enum { F_SUPERSEDE, F_OPEN, F_CREATE, F_OPEN_IF, F_OVERWRITE, F_OVERWRITE_IF };
enum { I_SUPERSEDED, I_OPENED, I_CREATED, I_OVERWRITTEN };
#define O_DIRECTORY_FILE 0x1
#define O_SYNC_NONALERT 0x20
#define O_NON_DIRECTORY_FILE 0x40
#define O_DELETE_ON_CLOSE 0x1000
#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

static WCHAR nt_dir[MAX_PATH];
static UNICODE_STRING_ name_string;
static OBJECT_ATTRIBUTES_ attributes;
static WCHAR name_buffer[MAX_PATH * 2];

/* Object attributes for nt_dir + name (or for `name` relative to root). */
static OBJECT_ATTRIBUTES_ *object(const WCHAR *name, HANDLE root)
{
    if (root)
        wcscpy(name_buffer, name);
    else {
        wcscpy(name_buffer, nt_dir);
        wcscat(name_buffer, name);
    }
    name_string.Buffer = name_buffer;
    name_string.Length = name_string.MaximumLength = (USHORT)(wcslen(name_buffer) * sizeof(WCHAR));
    memset(&attributes, 0, sizeof(attributes));
    attributes.Length = sizeof(attributes);
    attributes.RootDirectory = root;
    attributes.ObjectName = &name_string;
    attributes.Attributes = 0x40; /* OBJ_CASE_INSENSITIVE */
    return &attributes;
}

/* Object attributes for an NT name as it is. */
static OBJECT_ATTRIBUTES_ *object_raw(const WCHAR *name)
{
    static WCHAR copy[MAX_PATH * 2];
    wcscpy(copy, name);
    object(L"", (HANDLE)1);
    wcscpy(name_buffer, copy);
    name_string.Length = name_string.MaximumLength = (USHORT)(wcslen(name_buffer) * sizeof(WCHAR));
    attributes.RootDirectory = NULL;
    return &attributes;
}

static LONG create(HANDLE *file, ACCESS_MASK access, const WCHAR *name, ULONG disposition, ULONG options,
                   IO_STATUS_BLOCK_ *io)
{
    memset(io, 0xcc, sizeof(*io));
    return NtCreateFile(file, access | SYNCHRONIZE, object(name, NULL), io, NULL, 0, SHARE_ALL, disposition,
                        options | O_SYNC_NONALERT, NULL, 0);
}

static void test_dispositions(void)
{
    IO_STATUS_BLOCK_ io;
    HANDLE file;
    LONG status;

    status = create(&file, GENERIC_WRITE, L"disp.txt", F_OPEN, 0, &io);
    ok_int(status, S_NAME_NOT_FOUND);
    status = create(&file, GENERIC_WRITE, L"missing\\disp.txt", F_CREATE, 0, &io);
    ok_int(status, S_PATH_NOT_FOUND);
    status = create(&file, GENERIC_WRITE, L"disp.txt", F_CREATE, 0, &io);
    ok_int(status, S_SUCCESS);
    ok_int(io.Status, S_SUCCESS);
    ok_int(io.Information, I_CREATED);
    NtWriteFile(file, NULL, NULL, NULL, &io, "hello", 5, NULL, NULL);
    NtClose(file);
    status = create(&file, GENERIC_WRITE, L"disp.txt", F_CREATE, 0, &io);
    ok_int(status, S_NAME_COLLISION);
    status = create(&file, GENERIC_READ, L"DISP.TXT", F_OPEN_IF, 0, &io);
    ok_int(status, S_SUCCESS);
    ok_int(io.Information, I_OPENED);
    NtClose(file);
    status = create(&file, GENERIC_WRITE, L"disp.txt", F_OVERWRITE, 0, &io);
    ok_int(status, S_SUCCESS);
    ok_int(io.Information, I_OVERWRITTEN);
    {
        STANDARD_ standard;
        NtQueryInformationFile(file, &io, &standard, sizeof(standard), 5);
        ok_int(standard.EndOfFile.QuadPart, 0);
    }
    NtClose(file);
    status = create(&file, GENERIC_WRITE, L"disp.txt", F_SUPERSEDE, 0, &io);
    ok_int(status, S_SUCCESS);
    ok_int(io.Information, I_SUPERSEDED);
    NtClose(file);
    status = create(&file, GENERIC_WRITE, L"disp2.txt", F_OVERWRITE, 0, &io);
    ok_int(status, S_NAME_NOT_FOUND);
    status = create(&file, GENERIC_WRITE, L"disp2.txt", F_OVERWRITE_IF, 0, &io);
    ok_int(io.Information, I_CREATED);
    NtClose(file);
    status = create(&file, GENERIC_WRITE, L"disp.txt", 6, 0, &io);
    ok_int(status, S_INVALID_PARAMETER);
    status = create(&file, GENERIC_WRITE, L"disp.txt", F_OPEN, O_DIRECTORY_FILE | O_NON_DIRECTORY_FILE, &io);
    ok_int(status, S_INVALID_PARAMETER);
    /* FILE_DELETE_ON_CLOSE needs DELETE access. */
    status = create(&file, GENERIC_WRITE, L"disp.txt", F_OPEN, O_DELETE_ON_CLOSE, &io);
    ok_int(status, S_INVALID_PARAMETER);
    status = create(&file, DELETE, L"disp2.txt", F_OPEN, O_DELETE_ON_CLOSE, &io);
    ok_int(status, S_SUCCESS);
    NtClose(file);
    status = NtDeleteFile(object(L"disp.txt", NULL));
    ok_int(status, S_SUCCESS);
    ok_int(GetFileAttributesW(L"disp.txt"), INVALID_FILE_ATTRIBUTES);
    {
        BASIC_ basic;
        ok_int(NtQueryAttributesFile(object(L"disp.txt", NULL), &basic), S_NAME_NOT_FOUND);
        ok_int(NtQueryAttributesFile(object(L"disp2.txt", NULL), &basic), S_NAME_NOT_FOUND);
    }
}

static void test_directories(void)
{
    IO_STATUS_BLOCK_ io;
    HANDLE dir, file;
    LONG status;
    BASIC_ basic;

    status = create(&dir, FILE_LIST_DIRECTORY, L"ntdir", F_CREATE, O_DIRECTORY_FILE, &io);
    ok_int(status, S_SUCCESS);
    ok_int(io.Information, I_CREATED);
    ok_int(NtQueryAttributesFile(object(L"ntdir", NULL), &basic), S_SUCCESS);
    ok_int(basic.FileAttributes, FILE_ATTRIBUTE_DIRECTORY);
    status = create(&file, GENERIC_READ, L"ntdir", F_OPEN, O_NON_DIRECTORY_FILE, &io);
    ok_int(status, S_FILE_IS_A_DIRECTORY);
    /* A directory is never overwritten. */
    status = create(&file, GENERIC_READ, L"ntdir", F_OVERWRITE_IF, O_DIRECTORY_FILE, &io);
    ok_int(status, S_INVALID_PARAMETER);
    {
        char byte;
        status = NtReadFile(dir, NULL, NULL, NULL, &io, &byte, 1, NULL, NULL);
        ok(status == S_INVALID_DEVICE_REQUEST || status == S_ACCESS_DENIED, "no data in a directory: %lx", status);
    }

    /* Relative to a directory handle. */
    memset(&io, 0, sizeof(io));
    status = NtCreateFile(&file, GENERIC_WRITE | SYNCHRONIZE, object(L"Inner.txt", dir), &io, NULL, 0, SHARE_ALL,
                          F_CREATE, O_SYNC_NONALERT | O_NON_DIRECTORY_FILE, NULL, 0);
    ok_int(status, S_SUCCESS);
    ok_int(io.Information, I_CREATED);
    NtClose(file);
    ok_int(NtQueryAttributesFile(object(L"ntdir\\inner.TXT", NULL), &basic), S_SUCCESS);
    ok_int(basic.FileAttributes, FILE_ATTRIBUTE_ARCHIVE);
    status = create(&file, GENERIC_READ, L"ntdir\\inner.txt", F_OPEN, O_DIRECTORY_FILE, &io);
    ok_int(status, S_NOT_A_DIRECTORY);
    ok_int(NtQueryAttributesFile(object(L"\\x", dir), &basic), S_INVALID_PARAMETER);
    ok_int(NtDeleteFile(object(L"inner.txt", dir)), S_SUCCESS);
    NtClose(dir);
    ok(RemoveDirectoryW(L"ntdir"), "the directory is empty again");
}

static void test_names(void)
{
    BASIC_ basic;
    NETWORK_OPEN_ open;
    WCHAR name[MAX_PATH];
    IO_STATUS_BLOCK_ io;
    HANDLE file;

    ok_int(NtQueryAttributesFile(object_raw(L"relative.txt"), &basic), S_PATH_SYNTAX_BAD);
    ok_int(NtQueryAttributesFile(object(L"bad*name", NULL), &basic), S_NAME_INVALID);
    ok_int(NtQueryAttributesFile(object(L"bad?name", NULL), &basic), S_NAME_INVALID);
    ok_int(NtQueryAttributesFile(object(L"a/b", NULL), &basic), S_NAME_INVALID);
    ok_int(NtQueryAttributesFile(object(L"missing", NULL), &basic), S_NAME_NOT_FOUND);
    ok_int(NtQueryAttributesFile(object(L"missing\\file", NULL), &basic), S_PATH_NOT_FOUND);
    wcscpy(name, nt_dir);
    name[wcslen(name) - 1] = 0; /* the directory itself, without its separator */
    ok_int(NtQueryFullAttributesFile(object_raw(name), &open), S_SUCCESS);
    ok_int(open.FileAttributes & FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_DIRECTORY);
    ok_int(NtOpenFile(&file, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, object_raw(L"\\??\\NUL"), &io, SHARE_ALL,
                      O_SYNC_NONALERT),
           S_SUCCESS);
    {
        DEVICE_ device;
        char byte;
        ok_int(NtWriteFile(file, NULL, NULL, NULL, &io, "abc", 3, NULL, NULL), S_SUCCESS);
        ok_int(io.Information, 3);
        ok_int(NtReadFile(file, NULL, NULL, NULL, &io, &byte, 1, NULL, NULL), S_END_OF_FILE);
        ok_int(NtQueryVolumeInformationFile(file, &io, &device, sizeof(device), 4), S_SUCCESS);
        ok_int(device.DeviceType, 0x15 /* FILE_DEVICE_NULL */);
    }
    NtClose(file);
}

static void test_io(void)
{
    IO_STATUS_BLOCK_ io;
    LARGE_INTEGER offset, position;
    HANDLE file;
    char buffer[16];
    LONG status;

    status = create(&file, GENERIC_READ | GENERIC_WRITE, L"io.txt", F_CREATE, 0, &io);
    ok_int(status, S_SUCCESS);
    memset(&io, 0xcc, sizeof(io));
    ok_int(NtWriteFile(file, NULL, NULL, NULL, &io, "0123456789", 10, NULL, NULL), S_SUCCESS);
    ok_int(io.Status, S_SUCCESS);
    ok_int(io.Information, 10);
    /* An explicit offset on a synchronous handle moves the file pointer. */
    offset.QuadPart = 2;
    memset(buffer, 0, sizeof(buffer));
    ok_int(NtReadFile(file, NULL, NULL, NULL, &io, buffer, 3, &offset, NULL), S_SUCCESS);
    ok(!memcmp(buffer, "234", 3), "the bytes at 2: %.3s", buffer);
    ok_int(NtQueryInformationFile(file, &io, &position, sizeof(position), 14), S_SUCCESS);
    ok_int(position.QuadPart, 5);
    /* FILE_USE_FILE_POINTER_POSITION reads from there. */
    offset.u.LowPart = 0xfffffffe;
    offset.u.HighPart = -1;
    ok_int(NtReadFile(file, NULL, NULL, NULL, &io, buffer, 2, &offset, NULL), S_SUCCESS);
    ok(!memcmp(buffer, "56", 2), "at the file pointer: %.2s", buffer);
    /* FILE_WRITE_TO_END_OF_FILE appends. */
    offset.u.LowPart = 0xffffffff;
    offset.u.HighPart = -1;
    ok_int(NtWriteFile(file, NULL, NULL, NULL, &io, "ab", 2, &offset, NULL), S_SUCCESS);
    ok_int(NtQueryInformationFile(file, &io, &position, sizeof(position), 14), S_SUCCESS);
    ok_int(position.QuadPart, 12);
    /* At the end: STATUS_END_OF_FILE with nothing read. */
    memset(&io, 0xcc, sizeof(io));
    ok_int(NtReadFile(file, NULL, NULL, NULL, &io, buffer, 4, NULL, NULL), S_END_OF_FILE);
    ok_int(io.Status, S_END_OF_FILE);
    ok_int(io.Information, 0);
    offset.QuadPart = -5;
    ok_int(NtReadFile(file, NULL, NULL, NULL, &io, buffer, 4, &offset, NULL), S_INVALID_PARAMETER);
    /* End of file and position through NtSetInformationFile. */
    position.QuadPart = 4;
    ok_int(NtSetInformationFile(file, &io, &position, sizeof(position), 20), S_SUCCESS);
    position.QuadPart = 1;
    ok_int(NtSetInformationFile(file, &io, &position, sizeof(position), 14), S_SUCCESS);
    ok_int(NtReadFile(file, NULL, NULL, NULL, &io, buffer, 10, NULL, NULL), S_SUCCESS);
    ok_int(io.Information, 3);
    position.QuadPart = -1;
    ok_int(NtSetInformationFile(file, &io, &position, sizeof(position), 14), S_INVALID_PARAMETER);
    {
        ALL_ all;
        memset(&all, 0, sizeof(all));
        ok_int(NtQueryInformationFile(file, &io, &all, sizeof(all), 18), S_SUCCESS);
        ok_int(all.Standard.EndOfFile.QuadPart, 4);
        ok_int(all.Position.QuadPart, 4);
        ok_int(all.Mode, O_SYNC_NONALERT);
        ok(all.Access == (FILE_GENERIC_READ | FILE_GENERIC_WRITE), "generic rights mapped: %lx", all.Access);
        ok(all.NameLength > 0 && all.Name[0] == L'\\', "the name: %.*ls", (int)(all.NameLength / 2), all.Name);
        ok_int(io.Information, 100 + all.NameLength);
    }
    ok_int(NtFlushBuffersFile(file, &io), S_SUCCESS);
    NtClose(file);

    /* Rights are checked on every call. */
    status = create(&file, FILE_READ_DATA, L"io.txt", F_OPEN, 0, &io);
    ok_int(status, S_SUCCESS);
    ok_int(NtWriteFile(file, NULL, NULL, NULL, &io, "x", 1, NULL, NULL), S_ACCESS_DENIED);
    ok_int(NtFlushBuffersFile(file, &io), S_ACCESS_DENIED);
    position.QuadPart = 0;
    ok_int(NtSetInformationFile(file, &io, &position, sizeof(position), 20), S_ACCESS_DENIED);
    {
        BASIC_ basic;
        ok_int(NtQueryInformationFile(file, &io, &basic, sizeof(basic), 4), S_ACCESS_DENIED);
    }
    NtClose(file);
    status = create(&file, FILE_WRITE_DATA, L"io.txt", F_OPEN, 0, &io);
    ok_int(NtReadFile(file, NULL, NULL, NULL, &io, buffer, 1, NULL, NULL), S_ACCESS_DENIED);
    NtClose(file);
    ok_int(NtDeleteFile(object(L"io.txt", NULL)), S_SUCCESS);
}

static void test_rename(void)
{
    struct {
        ULONG Flags;
        HANDLE Root;
        ULONG Length;
        WCHAR Name[MAX_PATH];
    } rename;
    IO_STATUS_BLOCK_ io;
    HANDLE file, other;
    BASIC_ basic;

    create(&other, GENERIC_WRITE, L"ren_b.txt", F_CREATE, 0, &io);
    NtClose(other);
    ok_int(create(&file, DELETE, L"ren_a.txt", F_CREATE, 0, &io), S_SUCCESS);
    memset(&rename, 0, sizeof(rename));
    wcscpy(rename.Name, L"ren_b.txt"); /* a bare name: the same directory */
    rename.Length = (ULONG)(wcslen(rename.Name) * sizeof(WCHAR));
    ok_int(NtSetInformationFile(file, &io, &rename, sizeof(rename), 10), S_NAME_COLLISION);
    rename.Flags = 1; /* ReplaceIfExists */
    ok_int(NtSetInformationFile(file, &io, &rename, sizeof(rename), 10), S_SUCCESS);
    ok_int(NtQueryAttributesFile(object(L"ren_a.txt", NULL), &basic), S_NAME_NOT_FOUND);
    /* FileRenameInformationEx with a full NT name. */
    wcscpy(rename.Name, nt_dir);
    wcscat(rename.Name, L"ren_c.txt");
    rename.Length = (ULONG)(wcslen(rename.Name) * sizeof(WCHAR));
    rename.Flags = 2; /* FILE_RENAME_POSIX_SEMANTICS */
    ok_int(NtSetInformationFile(file, &io, &rename, sizeof(rename), 65), S_SUCCESS);
    ok_int(NtQueryAttributesFile(object(L"ren_c.txt", NULL), &basic), S_SUCCESS);
    {
        /* A delete after the rename removes the new name. */
        BOOLEAN yes = TRUE;
        ok_int(NtSetInformationFile(file, &io, &yes, sizeof(yes), 13), S_SUCCESS);
    }
    NtClose(file);
    ok_int(NtQueryAttributesFile(object(L"ren_c.txt", NULL), &basic), S_NAME_NOT_FOUND);
}

/* Names in a FILE_NAMES_INFORMATION buffer, counted; `first` gets the first. */
static int count_names(const BYTE *buffer, ULONG_PTR size, WCHAR *first)
{
    int count = 0;
    ULONG offset = 0, next;
    if (!size) return 0;
    do {
        ULONG length;
        memcpy(&next, buffer + offset, sizeof(next));
        memcpy(&length, buffer + offset + 8, sizeof(length));
        if (!count && first) {
            memcpy(first, buffer + offset + 12, length);
            first[length / 2] = 0;
        }
        count++;
        offset += next;
    } while (next);
    return count;
}

static void test_directory_listing(void)
{
    static const WCHAR *names[] = {L"list\\a.txt", L"list\\b.log", L"list\\c.txt"};
    BYTE buffer[4096];
    WCHAR first[MAX_PATH];
    UNICODE_STRING_ mask;
    IO_STATUS_BLOCK_ io;
    HANDLE dir, file;
    int i, total;
    LONG status;

    ok_int(create(&dir, FILE_LIST_DIRECTORY, L"list", F_CREATE, O_DIRECTORY_FILE, &io), S_SUCCESS);
    for (i = 0; i < 3; i++) {
        create(&file, GENERIC_WRITE, names[i], F_CREATE, 0, &io);
        NtClose(file);
    }
    /* "*.txt", one entry at a time. */
    mask.Buffer = (PWSTR)L"*.txt";
    mask.Length = mask.MaximumLength = 10;
    total = 0;
    for (i = 0; i < 5; i++) {
        status = NtQueryDirectoryFile(dir, NULL, NULL, NULL, &io, buffer, sizeof(buffer), 12, TRUE,
                                      i ? NULL : &mask, FALSE);
        if (status) break;
        total += count_names(buffer, io.Information, first);
        ok(wcsstr(first, L".txt") != NULL, "a .txt name: %ls", first);
    }
    ok_int(total, 2);
    ok_int(status, S_NO_MORE_FILES);
    /* A restart keeps the mask: the same two again, in one call. */
    status = NtQueryDirectoryFile(dir, NULL, NULL, NULL, &io, buffer, sizeof(buffer), 12, FALSE, NULL, TRUE);
    ok_int(status, S_SUCCESS);
    ok_int(count_names(buffer, io.Information, NULL), 2);
    NtClose(dir);

    /* Without a mask: everything, "." and ".." too. */
    ok_int(create(&dir, FILE_LIST_DIRECTORY, L"list", F_OPEN, O_DIRECTORY_FILE, &io), S_SUCCESS);
    status = NtQueryDirectoryFile(dir, NULL, NULL, NULL, &io, buffer, sizeof(buffer), 12, FALSE, NULL, FALSE);
    ok_int(status, S_SUCCESS);
    ok_int(count_names(buffer, io.Information, NULL), 5);
    ok_int(NtQueryDirectoryFile(dir, NULL, NULL, NULL, &io, buffer, sizeof(buffer), 1, FALSE, NULL, FALSE),
           S_NO_MORE_FILES);
    ok_int(NtQueryDirectoryFile(dir, NULL, NULL, NULL, &io, buffer, 10, 1, FALSE, NULL, TRUE),
           (LONG)0xc0000004 /* STATUS_INFO_LENGTH_MISMATCH */);
    NtClose(dir);
    /* Nothing matches the first mask: STATUS_NO_SUCH_FILE. */
    ok_int(create(&dir, FILE_LIST_DIRECTORY, L"list", F_OPEN, O_DIRECTORY_FILE, &io), S_SUCCESS);
    mask.Buffer = (PWSTR)L"*.none";
    mask.Length = mask.MaximumLength = 12;
    ok_int(NtQueryDirectoryFile(dir, NULL, NULL, NULL, &io, buffer, sizeof(buffer), 12, FALSE, &mask, FALSE),
           S_NO_SUCH_FILE);
    NtClose(dir);
    /* A file is not a directory to list. */
    create(&file, GENERIC_READ, names[0], F_OPEN, 0, &io);
    ok_int(NtQueryDirectoryFile(file, NULL, NULL, NULL, &io, buffer, sizeof(buffer), 12, FALSE, NULL, FALSE),
           S_INVALID_PARAMETER);
    NtClose(file);
    for (i = 0; i < 3; i++) NtDeleteFile(object(names[i], NULL));
    ok(RemoveDirectoryW(L"list"), "the listed directory removed");
}

int main(void)
{
    WCHAR dos[MAX_PATH], unique[64];
    GetTempPathW(MAX_PATH, dos);
    _snwprintf(unique, 64, L"ntfile%lu\\", GetCurrentProcessId());
    wcscat(dos, unique);
    CreateDirectoryW(dos, NULL);
    SetCurrentDirectoryW(dos);
    wcscpy(nt_dir, L"\\??\\");
    wcscat(nt_dir, dos);

    test_dispositions();
    test_directories();
    test_names();
    test_io();
    test_rename();
    test_directory_listing();

    SetCurrentDirectoryW(L"..");
    dos[wcslen(dos) - 1] = 0;
    ok(RemoveDirectoryW(dos), "everything was cleaned up (%lu)", GetLastError());
    return vt_summary();
}
