/* GetFileInformationByHandleEx (per-file classes and directory listings),
 * SetFileInformationByHandle, GetVolumeInformationByHandleW and
 * GetFinalPathNameByHandleW, as Go's os package uses them. Wine differs
 * from Windows in four checks: it reports no FILE_UNICODE_ON_DISK, has no
 * FileAllocationInfo (so a.txt keeps 100 bytes) and answers a resize
 * through a read-only handle with ERROR_INVALID_HANDLE. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static HANDLE make_file(const WCHAR *dir, const WCHAR *name, const char *data)
{
    WCHAR path[MAX_PATH];
    DWORD written;
    HANDLE file;
    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
    file = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, data, (DWORD)strlen(data), &written, NULL);
    return file;
}

/* Walks one buffer of FILE_FULL_DIR_INFO entries, noting what it finds. */
static int walk(const BYTE *buffer, int *seen_dot, int *seen_dotdot, int *seen_a, int *seen_sub, LONGLONG *size_a)
{
    int count = 0;
    const FILE_FULL_DIR_INFO *entry = (const FILE_FULL_DIR_INFO *)buffer;
    for (;;) {
        int length = (int)(entry->FileNameLength / sizeof(WCHAR));
        ok(((ULONG_PTR)entry & 7) == 0, "entries are 8-byte aligned");
        if (length == 1 && entry->FileName[0] == '.') (*seen_dot)++;
        else if (length == 2 && !wcsncmp(entry->FileName, L"..", 2)) (*seen_dotdot)++;
        else if (length == 5 && !wcsncmp(entry->FileName, L"a.txt", 5)) {
            (*seen_a)++;
            *size_a = entry->EndOfFile.QuadPart;
            ok_int(entry->FileAttributes, FILE_ATTRIBUTE_ARCHIVE);
        } else if (length == 3 && !wcsncmp(entry->FileName, L"sub", 3)) {
            (*seen_sub)++;
            ok_int(entry->FileAttributes, FILE_ATTRIBUTE_DIRECTORY);
        }
        count++;
        if (!entry->NextEntryOffset) break;
        entry = (const FILE_FULL_DIR_INFO *)((const BYTE *)entry + entry->NextEntryOffset);
    }
    return count;
}

int main(void)
{
    WCHAR temp[MAX_PATH], dir[MAX_PATH], sub[MAX_PATH], path[MAX_PATH];
    FILE_ATTRIBUTE_TAG_INFO tag;
    FILE_STANDARD_INFO standard;
    FILE_BASIC_INFO basic;
    union {
        FILE_NAME_INFO info;
        BYTE bytes[1024];
    } name;
    BYTE buffer[4096], small[80];
    HANDLE file, directory;
    int dot = 0, dotdot = 0, a = 0, subdir = 0, count, calls;
    LONGLONG size_a = -1;
    DWORD serial = 0, max_component = 0, flags = 0, file_serial;
    BY_HANDLE_FILE_INFORMATION by_handle;
    WCHAR fs_name[32];
    BOOL ret;

    GetTempPathW(MAX_PATH, temp);
    swprintf(dir, MAX_PATH, L"%lsvine_fibhx_%lu", temp, GetCurrentProcessId());
    CreateDirectoryW(dir, NULL);
    swprintf(sub, MAX_PATH, L"%ls\\sub", dir);
    CreateDirectoryW(sub, NULL);
    file = make_file(dir, L"a.txt", "twelve bytes");
    swprintf(path, MAX_PATH, L"%ls\\a.txt", dir);

    /* Per-file classes. */
    ok(GetFileInformationByHandleEx(file, FileStandardInfo, &standard, sizeof(standard)), "FileStandardInfo");
    ok_int((int)standard.EndOfFile.QuadPart, 12);
    ok_int(standard.Directory, 0);
    ok(GetFileInformationByHandleEx(file, FileBasicInfo, &basic, sizeof(basic)), "FileBasicInfo");
    ok_int(basic.FileAttributes, FILE_ATTRIBUTE_ARCHIVE);
    ok(GetFileInformationByHandleEx(file, FileAttributeTagInfo, &tag, sizeof(tag)), "FileAttributeTagInfo");
    ok_int(tag.FileAttributes, FILE_ATTRIBUTE_ARCHIVE);
    ok_int(tag.ReparseTag, 0);
    ok(GetFileInformationByHandleEx(file, FileNameInfo, &name, sizeof(name)), "FileNameInfo");
    swprintf(path, MAX_PATH, L"%ls\\a.txt", dir);
    ok_int(name.info.FileNameLength, (int)(wcslen(path + 2) * sizeof(WCHAR)));
    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandleEx(file, FileNameInfo, &name, sizeof(ULONG) + 2), "smaller than FILE_NAME_INFO");
    ok_int(GetLastError(), ERROR_BAD_LENGTH);
    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandleEx(file, FileNameInfo, &name, sizeof(FILE_NAME_INFO)), "a name too long");
    ok_int(GetLastError(), ERROR_MORE_DATA);
    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandleEx(file, 0x1000, buffer, sizeof(buffer)), "an unknown class");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    /* The volume: the same serial number as the file's. */
    ok(GetFileInformationByHandle(file, &by_handle), "GetFileInformationByHandle");
    file_serial = by_handle.dwVolumeSerialNumber;
    ret = GetVolumeInformationByHandleW(file, NULL, 0, &serial, &max_component, &flags, fs_name, 32);
    ok(ret, "GetVolumeInformationByHandleW");
    ok(serial == file_serial, "the volume serial number is the file's (%lx, %lx)", serial, file_serial);
    ok_int(max_component, 255);
    ok(flags & FILE_CASE_PRESERVED_NAMES, "names keep their case (flags %lx)", flags);
    /* As NTFS reports (Wine does not). */
    ok(flags & FILE_UNICODE_ON_DISK, "names are Unicode");
    /* GetVolumeInformationW of the drive's root: the same volume. */
    {
        WCHAR root[4] = {dir[0], L':', L'\\', 0}, root_fs[32];
        DWORD root_serial = 0;
        ret = GetVolumeInformationW(root, NULL, 0, &root_serial, NULL, NULL, root_fs, 32);
        ok(ret && root_serial == file_serial && !wcscmp(root_fs, fs_name),
           "GetVolumeInformationW(%ls): serial %lx, %ls", root, root_serial, ret ? root_fs : L"");
        root[2] = 0; /* the documentation requires the backslash; Wine 8 does without */
        ok(!GetVolumeInformationW(root, NULL, 0, &root_serial, NULL, NULL, NULL, 0),
           "GetVolumeInformationW wants the trailing backslash");
    }

    /* The final path: the file system's spelling, with the \\?\ prefix. */
    {
        WCHAR final[MAX_PATH + 8], expected[MAX_PATH + 8];
        DWORD length, needed;
        swprintf(expected, MAX_PATH + 8, L"\\\\?\\%ls\\a.txt", dir);
        length = GetFinalPathNameByHandleW(file, final, MAX_PATH + 8, VOLUME_NAME_DOS);
        ok_int(length, (int)wcslen(expected));
        ok(!_wcsicmp(final, expected), "the final path \"%ls\"", final);
        /* Too small: the size needed, terminator included. */
        needed = GetFinalPathNameByHandleW(file, final, 4, VOLUME_NAME_DOS);
        ok_int(needed, length + 1);
        length = GetFinalPathNameByHandleW(file, final, MAX_PATH + 8, VOLUME_NAME_NONE);
        ok(!_wcsicmp(final, expected + 6), "without the volume \"%ls\"", final);
        ok_int(length, (int)wcslen(expected + 6));
        SetLastError(0xdeadbeef);
        ok_int(GetFinalPathNameByHandleW(file, final, MAX_PATH + 8, 0x100), 0);
        ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    }

    /* Changing the size and times through the handle. */
    {
        FILE_END_OF_FILE_INFO end;
        FILE_ALLOCATION_INFO allocation;
        FILE_BASIC_INFO set;
        FILETIME write_time;
        LARGE_INTEGER size;
        HANDLE reader;
        end.EndOfFile.QuadPart = 4;
        ok(SetFileInformationByHandle(file, FileEndOfFileInfo, &end, sizeof(end)), "FileEndOfFileInfo");
        ok(GetFileSizeEx(file, &size) && size.QuadPart == 4, "the file is cut to 4 bytes");
        end.EndOfFile.QuadPart = 100;
        ok(SetFileInformationByHandle(file, FileEndOfFileInfo, &end, sizeof(end)), "and extended");
        ok(GetFileSizeEx(file, &size) && size.QuadPart == 100, "to 100 bytes");
        allocation.AllocationSize.QuadPart = 50;
        ok(SetFileInformationByHandle(file, FileAllocationInfo, &allocation, sizeof(allocation)),
           "FileAllocationInfo");
        ok(GetFileSizeEx(file, &size) && size.QuadPart == 50, "an allocation below the end cuts the file");
        SetLastError(0xdeadbeef);
        ok(!SetFileInformationByHandle(file, 0x1000, &end, sizeof(end)), "an unknown class");
        ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

        memset(&set, 0, sizeof(set));
        set.LastWriteTime.QuadPart = 132000000000000000LL; /* 2019 */
        ok(SetFileInformationByHandle(file, FileBasicInfo, &set, sizeof(set)), "FileBasicInfo");
        ok(GetFileTime(file, NULL, NULL, &write_time), "GetFileTime");
        ok(((ULONGLONG)write_time.dwHighDateTime << 32 | write_time.dwLowDateTime) == 132000000000000000ULL,
           "the write time was set");
        set.LastWriteTime.QuadPart = 0;
        set.FileAttributes = FILE_ATTRIBUTE_READONLY;
        ok(SetFileInformationByHandle(file, FileBasicInfo, &set, sizeof(set)), "read-only");
        ok_int(GetFileAttributesW(path), FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE);
        set.FileAttributes = FILE_ATTRIBUTE_NORMAL;
        ok(SetFileInformationByHandle(file, FileBasicInfo, &set, sizeof(set)), "writable again");
        ok_int(GetFileAttributesW(path), FILE_ATTRIBUTE_ARCHIVE);

        CloseHandle(file);
        /* Resizing needs a handle opened for writing. */
        reader = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
        ok(reader != INVALID_HANDLE_VALUE, "a reading handle");
        SetLastError(0xdeadbeef);
        ok(!SetFileInformationByHandle(reader, FileEndOfFileInfo, &end, sizeof(end)), "a read-only handle");
        ok_int(GetLastError(), ERROR_ACCESS_DENIED);
        CloseHandle(reader);
    }

    /* Listing the directory through its handle. */
    directory = CreateFileW(dir, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                            OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    ok(directory != INVALID_HANDLE_VALUE, "the directory opens");
    ok(GetFileInformationByHandleEx(directory, FileAttributeTagInfo, &tag, sizeof(tag)), "its attributes");
    ok_int(tag.FileAttributes, FILE_ATTRIBUTE_DIRECTORY);
    ok(GetFileInformationByHandleEx(directory, FileFullDirectoryRestartInfo, buffer, sizeof(buffer)),
       "FileFullDirectoryRestartInfo");
    count = walk(buffer, &dot, &dotdot, &a, &subdir, &size_a);
    ok_int(count, 4);
    ok(dot == 1 && dotdot == 1 && a == 1 && subdir == 1, "., .., a.txt and sub listed once each");
    ok_int((int)size_a, 50);
    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandleEx(directory, FileFullDirectoryInfo, buffer, sizeof(buffer)), "then the end");
    ok_int(GetLastError(), ERROR_NO_MORE_FILES);

    /* A buffer holding one entry at a time: every entry still comes once. */
    dot = dotdot = a = subdir = 0;
    ok(GetFileInformationByHandleEx(directory, FileFullDirectoryRestartInfo, small, sizeof(small)), "restart");
    calls = 1;
    walk(small, &dot, &dotdot, &a, &subdir, &size_a);
    while (GetFileInformationByHandleEx(directory, FileFullDirectoryInfo, small, sizeof(small))) {
        walk(small, &dot, &dotdot, &a, &subdir, &size_a);
        calls++;
    }
    ok_int(GetLastError(), ERROR_NO_MORE_FILES);
    ok_int(calls, 4);
    ok(dot == 1 && dotdot == 1 && a == 1 && subdir == 1, "each entry once, one per call");
    SetLastError(0xdeadbeef);
    ok(!GetFileInformationByHandleEx(directory, FileFullDirectoryRestartInfo, small, 40), "smaller than an entry");
    ok_int(GetLastError(), ERROR_BAD_LENGTH);
    CloseHandle(directory);

    swprintf(path, MAX_PATH, L"%ls\\a.txt", dir);
    DeleteFileW(path);
    RemoveDirectoryW(sub);
    RemoveDirectoryW(dir);
    return vt_summary();
}
