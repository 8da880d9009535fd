/* DOS device names: QueryDosDeviceW/A (one name's mappings, or every name
 * with NULL) and DefineDosDeviceW/A (push a mapping, DDD_RAW_TARGET_PATH,
 * remove the most recent, by exact match or by prefix; the name goes with
 * its last mapping), seen by another process, and a defined drive letter
 * used in a path. The names are links in the object manager's \?? directory,
 * listed by NtOpenDirectoryObject/NtQueryDirectoryObject. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "vinetest.h"

static const WCHAR device[] = L"VineTestDevice";

typedef struct {
    USHORT Length, MaximumLength;
    PWSTR Buffer;
} USTR;
typedef struct {
    ULONG Length;
    HANDLE RootDirectory;
    USTR *ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor, SecurityQualityOfService;
} OBJATTR;
typedef struct {
    USTR Name, TypeName;
} DIRINFO;

/* Whether the multi-string `list` (of `count` characters) holds `item`, ignoring case. */
static int has_item(const WCHAR *list, DWORD count, const WCHAR *item)
{
    const WCHAR *p = list;
    while (p < list + count && *p) {
        if (!_wcsicmp(p, item)) return 1;
        p += wcslen(p) + 1;
    }
    return 0;
}

/* The mappings of `name` as one string, "|" between them. */
static const WCHAR *mappings(const WCHAR *name)
{
    static WCHAR joined[1024];
    WCHAR buffer[1024], *p;
    DWORD n = QueryDosDeviceW(name, buffer, ARRAYSIZE(buffer));
    joined[0] = 0;
    if (!n) return L"(none)";
    ok(n >= 2 && buffer[n - 1] == 0 && buffer[n - 2] == 0, "QueryDosDeviceW(%ls) ends with two NULs (%lu)", name, n);
    for (p = buffer; p < buffer + n && *p; p += wcslen(p) + 1) {
        if (joined[0]) wcscat(joined, L"|");
        wcscat(joined, p);
    }
    return joined;
}

/* Whether NtQueryDirectoryObject on \?? lists `name` as a SymbolicLink. */
static int nt_lists(const WCHAR *name)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    LONG(WINAPI * open)(HANDLE *, ACCESS_MASK, OBJATTR *) = (void *)GetProcAddress(ntdll, "NtOpenDirectoryObject");
    LONG(WINAPI * query)(HANDLE, void *, ULONG, BOOLEAN, BOOLEAN, ULONG *, ULONG *) =
        (void *)GetProcAddress(ntdll, "NtQueryDirectoryObject");
    WCHAR dir_name[] = L"\\??";
    USTR string = {sizeof(dir_name) - sizeof(WCHAR), sizeof(dir_name), dir_name};
    OBJATTR attributes = {sizeof(attributes), NULL, &string, 0x40, NULL, NULL};
    HANDLE dir;
    ULONG context = 0, returned;
    LONG status;
    int found = 0;
    union {
        DIRINFO info;
        char bytes[256];
    } one;

    if (!open || !query) return 0;
    status = open(&dir, 1 /* DIRECTORY_QUERY */, &attributes);
    ok(status == 0, "NtOpenDirectoryObject(\\?\?) (%#lx)", status);
    if (status) return 0;
    /* one entry at a time, from the start */
    for (BOOLEAN restart = TRUE; !(status = query(dir, &one, sizeof(one), TRUE, restart, &context, &returned));
         restart = FALSE) {
        if (one.info.Name.Length == wcslen(name) * sizeof(WCHAR) &&
            !_wcsnicmp(one.info.Name.Buffer, name, wcslen(name)) &&
            one.info.TypeName.Length == 12 * sizeof(WCHAR) && !wcsncmp(one.info.TypeName.Buffer, L"SymbolicLink", 12))
            found = 1;
    }
    ok(status == (LONG)0x8000001a, "the listing ends with STATUS_NO_MORE_ENTRIES (%#lx)", status);
    CloseHandle(dir);
    return found;
}

static int child(void)
{
    /* what the parent defined, as another process sees it */
    if (wcscmp(mappings(device), L"\\Device\\VineRaw|\\??\\C:\\windows")) return 10;
    if (!DefineDosDeviceW(DDD_RAW_TARGET_PATH, device, L"\\Device\\FromChild")) return 11;
    return 0;
}

static void test_listing(void)
{
    WCHAR buffer[8192], target[512];
    char ansi[512];
    DWORD n, count = 0;
    SetLastError(0xdeadbeef);
    n = QueryDosDeviceW(NULL, buffer, ARRAYSIZE(buffer));
    ok(n > 2 && buffer[n - 1] == 0 && buffer[n - 2] == 0, "QueryDosDeviceW(NULL) lists names (%lu, %lu)", n,
       GetLastError());
    ok(has_item(buffer, n, L"C:"), "the list has C:");
    ok(has_item(buffer, n, L"NUL"), "the list has NUL");
    for (const WCHAR *p = buffer; p < buffer + n && *p; p += wcslen(p) + 1) count++;
    ok(count >= 2, "%lu names", count);

    n = QueryDosDeviceW(L"C:", target, ARRAYSIZE(target));
    ok(n > 2 && !wcsncmp(target, L"\\Device\\", 8), "QueryDosDeviceW(C:) is a \\Device name (%ls)", n ? target : L"");
    n = QueryDosDeviceW(L"c:", target, ARRAYSIZE(target));
    ok(n > 2, "QueryDosDeviceW(c:) ignores case");
    n = QueryDosDeviceA("NUL", ansi, sizeof(ansi));
    ok(n > 2 && !strcmp(ansi, "\\Device\\Null"), "QueryDosDeviceA(NUL) = \\Device\\Null (%s)", n ? ansi : "");

    SetLastError(0xdeadbeef);
    n = QueryDosDeviceW(L"C:", target, 2);
    ok(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "a short buffer: ERROR_INSUFFICIENT_BUFFER (%lu, %lu)",
       n, GetLastError());
    SetLastError(0xdeadbeef);
    n = QueryDosDeviceW(L"NoSuchVineDevice", target, ARRAYSIZE(target));
    ok(n == 0 && GetLastError() == ERROR_FILE_NOT_FOUND, "an unknown name: ERROR_FILE_NOT_FOUND (%lu, %lu)", n,
       GetLastError());
}

static void test_define(const char *self)
{
    WCHAR buffer[8192];
    char line[MAX_PATH + 16];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD n, code = 99;
    BOOL r;

    ok(DefineDosDeviceW(0, device, L"C:\\windows"), "DefineDosDeviceW(%ls, C:\\windows)", device);
    ok(!wcscmp(mappings(device), L"\\??\\C:\\windows"), "its mapping is the NT name (%ls)", mappings(device));
    ok(!wcscmp(mappings(L"vinetestdevice"), L"\\??\\C:\\windows"), "the name ignores case");
    n = QueryDosDeviceW(NULL, buffer, ARRAYSIZE(buffer));
    ok(n && has_item(buffer, n, device), "QueryDosDeviceW(NULL) lists it");
    ok(nt_lists(device), "NtQueryDirectoryObject lists it in \\??");

    ok(DefineDosDeviceA(DDD_RAW_TARGET_PATH, "VineTestDevice", "\\Device\\VineRaw"), "DefineDosDeviceA, raw target");
    ok(!wcscmp(mappings(device), L"\\Device\\VineRaw|\\??\\C:\\windows"), "the new mapping comes first (%ls)",
       mappings(device));

    /* another process sees the name, and its definition is seen here */
    snprintf(line, sizeof(line), "\"%s\" child", self);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "the child starts");
    WaitForSingleObject(pi.hProcess, 20000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "the child saw the mappings and defined one (exit code %lu)", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    ok(!wcscmp(mappings(device), L"\\Device\\FromChild|\\Device\\VineRaw|\\??\\C:\\windows"),
       "the child's mapping outlives the child (%ls)", mappings(device));

    /* removing: an exact match, a prefix, the most recent */
    SetLastError(0xdeadbeef);
    r = DefineDosDeviceW(DDD_REMOVE_DEFINITION | DDD_EXACT_MATCH_ON_REMOVE | DDD_RAW_TARGET_PATH, device,
                         L"\\Device\\Vine");
    ok(!r, "an exact match of a prefix removes nothing");
    ok(!wcscmp(mappings(device), L"\\Device\\FromChild|\\Device\\VineRaw|\\??\\C:\\windows"), "all three are left");
    ok(DefineDosDeviceW(DDD_REMOVE_DEFINITION | DDD_RAW_TARGET_PATH, device, L"\\Device\\Vine"),
       "a prefix removes the first mapping it matches");
    ok(!wcscmp(mappings(device), L"\\Device\\FromChild|\\??\\C:\\windows"), "\\Device\\VineRaw is gone (%ls)",
       mappings(device));
    ok(DefineDosDeviceW(DDD_REMOVE_DEFINITION | DDD_EXACT_MATCH_ON_REMOVE, device, L"C:\\windows"),
       "an exact match of the converted DOS path");
    ok(!wcscmp(mappings(device), L"\\Device\\FromChild"), "one mapping left (%ls)", mappings(device));
    ok(DefineDosDeviceW(DDD_REMOVE_DEFINITION, device, NULL), "removing the most recent mapping");
    SetLastError(0xdeadbeef);
    n = QueryDosDeviceW(device, buffer, ARRAYSIZE(buffer));
    ok(n == 0 && GetLastError() == ERROR_FILE_NOT_FOUND, "the name goes with its last mapping (%lu, %lu)", n,
       GetLastError());
    n = QueryDosDeviceW(NULL, buffer, ARRAYSIZE(buffer));
    ok(n && !has_item(buffer, n, device), "and leaves the list");
    ok(!DefineDosDeviceW(DDD_REMOVE_DEFINITION, device, NULL), "removing from a name that is gone fails");
    ok(!DefineDosDeviceW(0, L"Bad\\Name", L"C:\\"), "a name with a backslash is refused");
}

/* A drive letter no dosdevices/ link maps, defined onto a directory, opens files in it. */
static void test_drive(void)
{
    WCHAR dir[MAX_PATH], drive[3] = L"?:", path[MAX_PATH], root[4] = L"?:\\";
    char data[8] = {0};
    HANDLE h;
    DWORD n, drives = GetLogicalDrives();
    int letter;

    for (letter = 'Y'; letter > 'D' && (drives & (1u << (letter - 'A'))); letter--) {}
    if (letter == 'D') {
        ok(0, "a free drive letter");
        return;
    }
    drive[0] = root[0] = (WCHAR)letter;
    GetTempPathW(MAX_PATH, dir);
    ok(DefineDosDeviceW(0, drive, dir), "DefineDosDeviceW(%ls, %ls)", drive, dir);
    swprintf(path, MAX_PATH, L"%lsvine_ddd.txt", dir);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE && WriteFile(h, "through", 7, &n, NULL), "a file in %ls", dir);
    CloseHandle(h);
    swprintf(path, MAX_PATH, L"%ls\\vine_ddd.txt", drive);
    h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "CreateFileW(%ls) through the defined drive (%lu)", path, GetLastError());
    ok(h != INVALID_HANDLE_VALUE && ReadFile(h, data, 7, &n, NULL) && n == 7 && !memcmp(data, "through", 7),
       "it reads the file");
    CloseHandle(h);
    ok(DeleteFileW(path), "DeleteFileW through the defined drive");
    ok(DefineDosDeviceW(DDD_REMOVE_DEFINITION, drive, NULL), "the drive's definition removed");
    ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES, "the drive is gone");
}

int main(int argc, char **argv)
{
    char self[MAX_PATH];
    GetModuleFileNameA(NULL, self, sizeof(self));
    if (argc >= 2 && !strcmp(argv[1], "child")) return child();
    /* a leftover of an earlier run */
    while (DefineDosDeviceW(DDD_REMOVE_DEFINITION, device, NULL)) {}
    test_listing();
    test_define(self);
    test_drive();
    return vt_summary();
}
