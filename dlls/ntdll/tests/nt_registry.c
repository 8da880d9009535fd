/* Registry symbolic links through the NT layer and advapi32: a key made
 * with REG_OPTION_CREATE_LINK whose REG_LINK value "SymbolicLinkValue"
 * names a full path; opening a path through it goes on at the target
 * (also in the middle of a path), OBJ_OPENLINK opens the link itself,
 * NtDeleteKey of the link leaves the target, a loop fails. Expectations
 * are Windows' (NtCreateKey/NtOpenKey documentation and its observed
 * statuses).
 * NtQueryKey's information classes (ZwQueryKey, KEY_INFORMATION_CLASS,
 * KEY_NAME_INFORMATION, KEY_CACHED_INFORMATION in the WDK documentation):
 * full names as Windows gives them, short buffers, the access each needs.
 * NtNotifyChangeMultipleKeys with a subordinate key in another hive: a
 * change in either key completes it, with an event or synchronously. */
#include <windows.h>

#include "nt_types.h"
#include "vinetest.h"

typedef struct {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataLength;
    UCHAR Data[1];
} VALUE_PARTIAL;
typedef struct {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG NameLength;
    WCHAR Name[1];
} KEY_BASIC;

#define NT_OBJ_CASE_INSENSITIVE 0x40
#define NT_OBJ_OPENLINK 0x100
#define NT_REG_OPTION_CREATE_LINK 2
#define NT_REG_OPTION_OPEN_LINK 8
#define ST_SUCCESS 0
#define ST_ACCESS_DENIED ((LONG)0xc0000022)
#define ST_NAME_NOT_FOUND ((LONG)0xc0000034)
#define ST_NAME_COLLISION ((LONG)0xc0000035)
#define ST_INVALID_PARAMETER ((LONG)0xc000000d)
#define ST_NAME_TOO_LONG ((LONG)0xc0000106)
#define ST_NO_MORE_ENTRIES ((LONG)0x8000001a)

LONG WINAPI NtCreateKey(HANDLE *, ACCESS_MASK, const NT_ATTRIBUTES *, ULONG, const NT_STRING *, ULONG, ULONG *);
LONG WINAPI NtOpenKey(HANDLE *, ACCESS_MASK, const NT_ATTRIBUTES *);
LONG WINAPI NtOpenKeyEx(HANDLE *, ACCESS_MASK, const NT_ATTRIBUTES *, ULONG);
LONG WINAPI NtSetValueKey(HANDLE, const NT_STRING *, ULONG, ULONG, const void *, ULONG);
LONG WINAPI NtQueryValueKey(HANDLE, const NT_STRING *, int, void *, ULONG, ULONG *);
LONG WINAPI NtEnumerateKey(HANDLE, ULONG, int, void *, ULONG, ULONG *);
LONG WINAPI NtDeleteKey(HANDLE);
LONG WINAPI NtClose(HANDLE);
LONG WINAPI NtQueryKey(HANDLE, int, void *, ULONG, ULONG *);
typedef struct {
    LONG Status;
    ULONG_PTR Information;
} IO_STATUS;
LONG WINAPI NtNotifyChangeMultipleKeys(HANDLE, ULONG, NT_ATTRIBUTES *, HANDLE, void *, void *, IO_STATUS *, ULONG,
                                       BOOLEAN, void *, ULONG, BOOLEAN);

#define ST_BUFFER_OVERFLOW ((LONG)0x80000005)
#define ST_BUFFER_TOO_SMALL ((LONG)0xc0000023)
#define ST_PENDING ((LONG)0x103)

#define ROOT_PATH L"\\Registry\\Machine\\Software\\VineTestLinks"

static NT_STRING str(const WCHAR *text)
{
    NT_STRING s;
    s.Length = (USHORT)(wcslen(text) * 2);
    s.MaximumLength = s.Length;
    s.Buffer = (WCHAR *)text;
    return s;
}

static NT_ATTRIBUTES attrs(HANDLE root, NT_STRING *name, ULONG flags)
{
    NT_ATTRIBUTES a = {sizeof(a), root, name, flags, NULL, NULL};
    return a;
}

static LONG create(HANDLE root, const WCHAR *path, ULONG attributes, ULONG options, HANDLE *key, ULONG *disposition)
{
    NT_STRING name = str(path);
    NT_ATTRIBUTES a = attrs(root, &name, attributes);
    *key = (HANDLE)0xdeadbeef;
    return NtCreateKey(key, KEY_ALL_ACCESS, &a, 0, NULL, options, disposition);
}

static LONG open_key(HANDLE root, const WCHAR *path, ULONG attributes, HANDLE *key)
{
    NT_STRING name = str(path);
    NT_ATTRIBUTES a = attrs(root, &name, attributes);
    *key = (HANDLE)0xdeadbeef;
    return NtOpenKey(key, KEY_ALL_ACCESS, &a);
}

static LONG set_link(HANDLE link, const WCHAR *target, ULONG type)
{
    NT_STRING name = str(L"SymbolicLinkValue");
    return NtSetValueKey(link, &name, 0, type, target, (ULONG)(wcslen(target) * 2));
}

/* The DWORD value "value" of `key`, or 0 when it has none. */
static DWORD dword_value(HANDLE key)
{
    char buffer[64];
    ULONG length = 0;
    NT_STRING name = str(L"value");
    if (NtQueryValueKey(key, &name, 2 /* KeyValuePartialInformation */, buffer, sizeof(buffer), &length)) return 0;
    return *(DWORD *)((VALUE_PARTIAL *)buffer)->Data;
}

static LONG query_link_value(HANDLE key, ULONG *data_length)
{
    char buffer[512];
    ULONG length = 0;
    NT_STRING name = str(L"SymbolicLinkValue");
    LONG status = NtQueryValueKey(key, &name, 2, buffer, sizeof(buffer), &length);
    if (!status && data_length) *data_length = ((VALUE_PARTIAL *)buffer)->DataLength;
    return status;
}

static void delete_tree(HANDLE root, const WCHAR *path)
{
    HANDLE key;
    if (open_key(root, path, NT_OBJ_OPENLINK, &key)) return;
    for (;;) {
        char buffer[600];
        ULONG length = 0;
        WCHAR child[260];
        KEY_BASIC *info = (KEY_BASIC *)buffer;
        if (NtEnumerateKey(key, 0, 0 /* KeyBasicInformation */, buffer, sizeof(buffer), &length)) break;
        memcpy(child, info->Name, info->NameLength);
        child[info->NameLength / 2] = 0;
        delete_tree(key, child);
    }
    NtDeleteKey(key);
    NtClose(key);
}

static void test_nt_links(void)
{
    static const WCHAR target_path[] = ROOT_PATH L"\\target";
    HANDLE root, link, key, other;
    ULONG disposition = 0, length = 0;
    NT_STRING root_name = str(ROOT_PATH);
    NT_ATTRIBUTES a = attrs(NULL, &root_name, 0);
    DWORD dword = 0xbeef;
    NT_STRING value_name = str(L"value");
    LONG status;

    delete_tree(NULL, ROOT_PATH);
    status = NtCreateKey(&root, KEY_ALL_ACCESS, &a, 0, NULL, 0, NULL);
    ok(status == ST_SUCCESS, "NtCreateKey(%ls) (status %08lx)", ROOT_PATH, status);

    status = create(root, L"link", 0, NT_REG_OPTION_CREATE_LINK, &link, &disposition);
    ok(status == ST_SUCCESS && disposition == REG_CREATED_NEW_KEY,
       "REG_OPTION_CREATE_LINK makes a new link key (status %08lx, disposition %lu)", status, disposition);
    status = set_link(link, target_path, REG_SZ);
    ok(status == ST_ACCESS_DENIED, "the target as REG_SZ: STATUS_ACCESS_DENIED (got %08lx)", status);
    status = set_link(link, target_path, REG_LINK);
    ok(status == ST_SUCCESS, "the target as REG_LINK (status %08lx)", status);
    status = NtSetValueKey(link, &value_name, 0, REG_DWORD, &dword, 4);
    ok(status == ST_ACCESS_DENIED, "another value in a link: STATUS_ACCESS_DENIED (got %08lx)", status);

    status = open_key(root, L"link", 0, &key);
    ok(status == ST_NAME_NOT_FOUND && !key, "opening a link to a missing key: STATUS_OBJECT_NAME_NOT_FOUND, null (got %08lx, %p)",
       status, key);

    status = create(root, L"target", 0, 0, &key, NULL);
    ok(status == ST_SUCCESS, "make the target (status %08lx)", status);
    NtSetValueKey(key, &value_name, 0, REG_DWORD, &dword, 4);
    NtClose(key);

    status = open_key(root, L"link", 0, &key);
    ok(status == ST_SUCCESS, "opening the link opens the target (status %08lx)", status);
    if (!status) {
        ok(dword_value(key) == 0xbeef, "the target's value is seen through the link");
        ok(query_link_value(key, NULL) == ST_NAME_NOT_FOUND, "and not the link's own value");
        NtClose(key);
    }
    status = open_key(NULL, ROOT_PATH L"\\LINK", NT_OBJ_CASE_INSENSITIVE, &key);
    ok(status == ST_SUCCESS && dword_value(key) == 0xbeef, "a full path through the link, any case (status %08lx)", status);
    if (!status) NtClose(key);

    /* A link in the middle of a path is followed, OBJ_OPENLINK or not. */
    status = create(root, L"link\\sub", NT_OBJ_OPENLINK, 0, &key, &disposition);
    ok(status == ST_SUCCESS && disposition == REG_CREATED_NEW_KEY, "NtCreateKey(link\\sub) (status %08lx)", status);
    if (!status) NtClose(key);
    status = open_key(root, L"target\\sub", 0, &key);
    ok(status == ST_SUCCESS, "link\\sub was made below the target (status %08lx)", status);
    if (!status) NtClose(key);

    status = open_key(root, L"link", NT_OBJ_OPENLINK, &key);
    ok(status == ST_SUCCESS, "OBJ_OPENLINK opens the link itself (status %08lx)", status);
    if (!status) {
        status = query_link_value(key, &length);
        ok(status == ST_SUCCESS && length == sizeof(target_path) - 2,
           "its SymbolicLinkValue, the target without a terminator (status %08lx, %lu bytes)", status, length);
        NtClose(key);
    }
    status = create(root, L"link", NT_OBJ_OPENLINK, 0, &key, &disposition);
    ok(status == ST_SUCCESS && disposition == REG_OPENED_EXISTING_KEY && query_link_value(key, NULL) == ST_SUCCESS,
       "NtCreateKey with OBJ_OPENLINK opens the link (status %08lx)", status);
    if (!status) NtClose(key);
    {
        NT_STRING name = str(L"link");
        NT_ATTRIBUTES b = attrs(root, &name, 0);
        status = NtOpenKeyEx(&key, KEY_ALL_ACCESS, &b, NT_REG_OPTION_OPEN_LINK);
        ok(status == ST_SUCCESS && dword_value(key) == 0xbeef,
           "NtOpenKeyEx's REG_OPTION_OPEN_LINK without OBJ_OPENLINK still follows (status %08lx)", status);
        if (!status) NtClose(key);
    }

    status = create(root, L"link", 0, NT_REG_OPTION_CREATE_LINK, &key, NULL);
    ok(status == ST_NAME_COLLISION && !key, "REG_OPTION_CREATE_LINK on an existing key: STATUS_OBJECT_NAME_COLLISION (got %08lx)",
       status);
    status = create(root, L"target", 0, NT_REG_OPTION_CREATE_LINK, &key, NULL);
    ok(status == ST_NAME_COLLISION, "also on a plain key (got %08lx)", status);

    /* NtCreateKey through a link whose target is gone makes the target. */
    delete_tree(root, L"target");
    status = open_key(root, L"target", 0, &key);
    ok(status == ST_NAME_NOT_FOUND, "the target is deleted (got %08lx)", status);
    status = create(root, L"link", 0, 0, &key, &disposition);
    ok(status == ST_SUCCESS && disposition == REG_CREATED_NEW_KEY, "NtCreateKey(link) makes the target again (status %08lx)",
       status);
    if (!status) NtClose(key);
    status = open_key(root, L"target", 0, &key);
    ok(status == ST_SUCCESS, "the target exists (status %08lx)", status);
    if (!status) NtClose(key);

    /* A relative or terminated target is not followed. */
    set_link(link, L"target", REG_LINK);
    status = open_key(root, L"link", 0, &key);
    ok(status == ST_NAME_NOT_FOUND || status == (LONG)0xc0000033 /* Windows 10 1607+ */,
       "a relative target is not followed (got %08lx)", status);
    {
        NT_STRING name = str(L"SymbolicLinkValue");
        status = NtSetValueKey(link, &name, 0, REG_LINK, target_path, sizeof(target_path));
        status = open_key(root, L"link", 0, &key);
        ok(status == ST_NAME_NOT_FOUND, "a target with its terminator names no key (got %08lx)", status);
    }
    set_link(link, target_path, REG_LINK);

    /* Deleting the link leaves the target. */
    status = NtDeleteKey(link);
    ok(status == ST_SUCCESS, "NtDeleteKey of the link (status %08lx)", status);
    NtClose(link);
    status = open_key(root, L"link", NT_OBJ_OPENLINK, &key);
    ok(status == ST_NAME_NOT_FOUND, "the link is gone (got %08lx)", status);
    status = open_key(root, L"target", 0, &key);
    ok(status == ST_SUCCESS, "its target stays (status %08lx)", status);
    if (!status) NtClose(key);

    /* A loop: a -> b -> a. */
    create(root, L"loop_a", 0, NT_REG_OPTION_CREATE_LINK, &key, NULL);
    set_link(key, ROOT_PATH L"\\loop_b", REG_LINK);
    create(root, L"loop_b", 0, NT_REG_OPTION_CREATE_LINK, &other, NULL);
    set_link(other, ROOT_PATH L"\\loop_a", REG_LINK);
    {
        HANDLE looped;
        status = open_key(root, L"loop_a", 0, &looped);
        ok(status == ST_NAME_TOO_LONG || status == ST_INVALID_PARAMETER,
           "a loop of links fails (STATUS_NAME_TOO_LONG, or STATUS_INVALID_PARAMETER on Windows 10; got %08lx)", status);
        status = open_key(root, L"loop_a", NT_OBJ_OPENLINK, &looped);
        ok(status == ST_SUCCESS, "OBJ_OPENLINK still opens it (status %08lx)", status);
        if (!status) NtClose(looped);
    }
    ok(NtDeleteKey(key) == ST_SUCCESS && NtDeleteKey(other) == ST_SUCCESS, "the loop's links delete");
    NtClose(key);
    NtClose(other);

    delete_tree(NULL, ROOT_PATH);
    NtClose(root);
}

static void test_advapi32_links(void)
{
    static const WCHAR target_path[] = ROOT_PATH L"\\target";
    HKEY root, link, key;
    DWORD disposition = 0, size, type, dword = 7;
    LONG error;

    delete_tree(NULL, ROOT_PATH);
    error = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\VineTestLinks\\target", 0, NULL, 0, KEY_ALL_ACCESS, NULL,
                            &key, NULL);
    ok(error == ERROR_SUCCESS, "RegCreateKeyEx(target) (error %ld)", error);
    RegSetValueExW(key, L"value", 0, REG_DWORD, (const BYTE *)&dword, 4);
    RegCloseKey(key);
    RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\VineTestLinks", 0, KEY_ALL_ACCESS, &root);
    error = RegCreateKeyExW(root, L"link", 0, NULL, REG_OPTION_CREATE_LINK, KEY_ALL_ACCESS, NULL, &link, &disposition);
    ok(error == ERROR_SUCCESS && disposition == REG_CREATED_NEW_KEY, "RegCreateKeyEx(REG_OPTION_CREATE_LINK) (error %ld)",
       error);
    error = RegSetValueExW(link, L"SymbolicLinkValue", 0, REG_LINK, (const BYTE *)target_path, sizeof(target_path) - 2);
    ok(error == ERROR_SUCCESS, "RegSetValueEx(SymbolicLinkValue, REG_LINK) (error %ld)", error);
    RegCloseKey(link);

    size = sizeof(dword);
    dword = 0;
    error = RegGetValueW(root, L"link", L"value", RRF_RT_REG_DWORD, &type, &dword, &size);
    ok(error == ERROR_SUCCESS && dword == 7, "RegGetValue through the link reads the target (error %ld, %lu)", error, dword);
    error = RegOpenKeyExW(root, L"link", REG_OPTION_OPEN_LINK, KEY_READ, &key);
    ok(error == ERROR_SUCCESS, "RegOpenKeyEx(REG_OPTION_OPEN_LINK) (error %ld)", error);
    if (!error) {
        WCHAR data[128];
        size = sizeof(data);
        error = RegQueryValueExW(key, L"SymbolicLinkValue", NULL, &type, (BYTE *)data, &size);
        ok(error == ERROR_SUCCESS && type == REG_LINK && size == sizeof(target_path) - 2,
           "it opens the link: its REG_LINK value (error %ld, type %lu, %lu bytes)", error, type, size);
        RegCloseKey(key);
    }
    error = RegCreateKeyExW(root, L"link", 0, NULL, REG_OPTION_CREATE_LINK, KEY_ALL_ACCESS, NULL, &key, NULL);
    ok(error == ERROR_ALREADY_EXISTS, "RegCreateKeyEx(REG_OPTION_CREATE_LINK) again: ERROR_ALREADY_EXISTS (got %ld)", error);
    RegCloseKey(root);
    delete_tree(NULL, ROOT_PATH);
}

/* ---- NtQueryKey ---- */

enum { KeyBasic, KeyNode, KeyFull, KeyName, KeyCached, KeyFlags, KeyVirtualization, KeyHandleTags, KeyTrust, KeyLayer };

typedef struct {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG SubKeys;
    ULONG MaxNameLen;
    ULONG Values;
    ULONG MaxValueNameLen;
    ULONG MaxValueDataLen;
    ULONG NameLength;
} KEY_CACHED;

/* The full name of `key` (KeyNameInformation) into `name`; its status. */
static LONG key_name(HANDLE key, WCHAR *name, size_t size)
{
    char buffer[1024];
    ULONG length = 0, *name_length = (ULONG *)buffer;
    LONG status = NtQueryKey(key, KeyName, buffer, sizeof(buffer), &length);
    name[0] = 0;
    if (status) return status;
    if (*name_length / 2 >= size || length != 4 + *name_length) return -1;
    memcpy(name, buffer + 4, *name_length);
    name[*name_length / 2] = 0;
    return status;
}

#define QK_PATH L"\\Registry\\Machine\\Software\\VineTestQueryKey"

static void test_query_key_name(void)
{
    static const WCHAR expected[] = L"\\REGISTRY\\MACHINE\\SOFTWARE\\VineTestQueryKey\\SubKey";
    HANDLE root, key, limited;
    char buffer[512];
    ULONG length, *name_length = (ULONG *)buffer;
    WCHAR name[300];
    LONG status;

    delete_tree(NULL, QK_PATH);
    status = create(NULL, QK_PATH, 0, 0, &root, NULL);
    ok(status == ST_SUCCESS, "NtCreateKey(%ls) (status %08lx)", QK_PATH, status);
    status = create(root, L"SubKey", 0, 0, &key, NULL);
    ok(status == ST_SUCCESS, "NtCreateKey(SubKey) (status %08lx)", status);

    length = 0xdead;
    status = NtQueryKey(key, KeyName, NULL, 0, &length);
    ok(status == ST_BUFFER_TOO_SMALL && length == 4 + sizeof(expected) - 2,
       "KeyNameInformation into nothing: STATUS_BUFFER_TOO_SMALL and the size (got %08lx, %lu)", status, length);
    length = 0xdead;
    status = NtQueryKey(key, KeyName, buffer, 3, &length);
    ok(status == ST_BUFFER_TOO_SMALL && length == 4 + sizeof(expected) - 2,
       "into 3 bytes: STATUS_BUFFER_TOO_SMALL (got %08lx, %lu)", status, length);
    memset(buffer, 0x55, sizeof(buffer));
    length = 0;
    status = NtQueryKey(key, KeyName, buffer, 4 + 10, &length);
    ok(status == ST_BUFFER_OVERFLOW && length == 4 + sizeof(expected) - 2 && *name_length == sizeof(expected) - 2,
       "into 14 bytes: STATUS_BUFFER_OVERFLOW, the whole name's length (got %08lx, %lu, NameLength %lu)", status,
       length, *name_length);
    ok(!memcmp(buffer + 4, expected, 10) && (unsigned char)buffer[14] == 0x55,
       "and as much of the name as fits, nothing beyond");
    status = key_name(key, name, 300);
    ok(status == ST_SUCCESS && !wcscmp(name, expected),
       "the full name, Windows' own keys in capitals: %ls (status %08lx)", name, status);

    /* Neither the name nor the handle tags need KEY_QUERY_VALUE; the rest do. */
    {
        NT_STRING sub = str(L"SubKey");
        NT_ATTRIBUTES a = attrs(root, &sub, 0);
        status = NtOpenKey(&limited, KEY_NOTIFY, &a);
        ok(status == ST_SUCCESS, "NtOpenKey(KEY_NOTIFY) (status %08lx)", status);
    }
    status = key_name(limited, name, 300);
    ok(status == ST_SUCCESS && !wcscmp(name, expected), "KeyNameInformation without KEY_QUERY_VALUE (status %08lx)",
       status);
    status = NtQueryKey(limited, KeyHandleTags, buffer, sizeof(buffer), &length);
    ok(status == ST_SUCCESS && length == 4, "KeyHandleTagsInformation without it (status %08lx, %lu bytes)", status,
       length);
    status = NtQueryKey(limited, KeyFull, buffer, sizeof(buffer), &length);
    ok(status == ST_ACCESS_DENIED, "KeyFullInformation without it: STATUS_ACCESS_DENIED (got %08lx)", status);
    status = NtQueryKey(limited, KeyCached, buffer, sizeof(buffer), &length);
    ok(status == ST_ACCESS_DENIED, "KeyCachedInformation without it: STATUS_ACCESS_DENIED (got %08lx)", status);
    NtClose(limited);

    status = key_name(root, name, 300);
    ok(status == ST_SUCCESS && !wcscmp(name, L"\\REGISTRY\\MACHINE\\SOFTWARE\\VineTestQueryKey"),
       "the parent: %ls (status %08lx)", name, status);
    {
        HANDLE machine;
        status = open_key(NULL, L"\\Registry\\Machine", 0, &machine);
        ok(status == ST_SUCCESS && key_name(machine, name, 300) == ST_SUCCESS && !wcscmp(name, L"\\REGISTRY\\MACHINE"),
           "\\Registry\\Machine: %ls", name);
        if (!status) NtClose(machine);
    }
    NtDeleteKey(key);
    status = NtQueryKey(key, KeyName, buffer, sizeof(buffer), &length);
    ok(status == (LONG)0xc000017c, "a deleted key's name: STATUS_KEY_DELETED (got %08lx)", status);
    NtClose(key);
    NtDeleteKey(root);
    NtClose(root);
}

/* HKCU is \REGISTRY\USER\SID; the user's classes, in HKCR or below
 * HKCU\Software\Classes, are \REGISTRY\USER\SID_Classes, a name that opens
 * them; the machine's are \REGISTRY\MACHINE\SOFTWARE\Classes. */
static void test_query_key_user_names(void)
{
    HKEY software, classes, key;
    WCHAR name[300], sid[200], expected[300];
    const WCHAR *tail;
    LONG status;
    DWORD dword = 41, size, type;

    ok(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software", 0, KEY_READ, &software) == ERROR_SUCCESS, "RegOpenKeyEx(HKCU\\Software)");
    status = key_name(software, name, 300);
    tail = wcsrchr(name, L'\\');
    ok(status == ST_SUCCESS && !wcsncmp(name, L"\\REGISTRY\\USER\\S-1-5-", 19) && tail && !wcscmp(tail, L"\\Software"),
       "HKCU\\Software: %ls (status %08lx)", name, status);
    RegCloseKey(software);
    sid[0] = 0;
    if (!status && tail && tail - name > 15) {
        memcpy(sid, name + 15, (tail - name - 15) * 2);
        sid[tail - name - 15] = 0;
    }

    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\Classes\\VineTestQueryKey");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\VineTestQueryKeyM");
    ok(RegSetKeyValueW(HKEY_CURRENT_USER, L"Software\\Classes\\VineTestQueryKey", L"v", REG_DWORD, &dword, 4) == 0,
       "a key of the user's classes");
    ok(RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\VineTestQueryKeyM", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key,
                       NULL) == 0,
       "a key of the machine's classes");
    RegCloseKey(key);

    swprintf(expected, 300, L"\\REGISTRY\\USER\\%ls_Classes\\VineTestQueryKey", sid);
    if (!RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestQueryKey", 0, KEY_READ, &key)) {
        status = key_name(key, name, 300);
        ok(status == ST_SUCCESS && !wcscmp(name, expected), "HKCR's key of the user: %ls (status %08lx)", name, status);
        RegCloseKey(key);
    } else {
        ok(0, "RegOpenKeyEx(HKCR\\VineTestQueryKey)");
    }
    if (!RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Classes\\VineTestQueryKey", 0, KEY_READ, &key)) {
        status = key_name(key, name, 300);
        ok(status == ST_SUCCESS && !wcscmp(name, expected), "the same through HKCU\\Software\\Classes: %ls", name);
        RegCloseKey(key);
    }
    {
        NT_STRING nt = str(expected);
        NT_ATTRIBUTES a = attrs(NULL, &nt, NT_OBJ_CASE_INSENSITIVE);
        HANDLE opened;
        status = NtOpenKey(&opened, KEY_READ, &a);
        ok(status == ST_SUCCESS, "that name opens the key (status %08lx)", status);
        if (!status) {
            NT_STRING v = str(L"v");
            char buffer[64];
            ULONG length;
            status = NtQueryValueKey(opened, &v, 2, buffer, sizeof(buffer), &length);
            ok(status == ST_SUCCESS && *(DWORD *)((VALUE_PARTIAL *)buffer)->Data == 41, "and reads its value");
            NtClose(opened);
        }
    }
    ok(!RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestQueryKeyM", 0, KEY_READ, &key), "RegOpenKeyEx(HKCR\\VineTestQueryKeyM)");
    status = key_name(key, name, 300);
    ok(status == ST_SUCCESS && !wcscmp(name, L"\\REGISTRY\\MACHINE\\SOFTWARE\\Classes\\VineTestQueryKeyM"),
       "HKCR's key of the machine: %ls (status %08lx)", name, status);
    RegCloseKey(key);
    if (!RegOpenKeyExW(HKEY_CLASSES_ROOT, NULL, 0, KEY_READ, &classes)) {
        status = key_name(classes, name, 300);
        ok(status == ST_SUCCESS && !wcscmp(name, L"\\REGISTRY\\MACHINE\\SOFTWARE\\Classes"), "HKCR itself: %ls", name);
        RegCloseKey(classes);
    }
    size = sizeof(dword);
    ok(RegGetValueW(HKEY_CLASSES_ROOT, L"VineTestQueryKey", L"v", RRF_RT_REG_DWORD, &type, &dword, &size) == 0,
       "(HKCR still reads the user's key)");
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\Classes\\VineTestQueryKey");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"Software\\Classes\\VineTestQueryKeyM");
}

static void test_query_key_classes(void)
{
    HANDLE key, sub;
    char buffer[512];
    KEY_CACHED *cached = (KEY_CACHED *)buffer;
    ULONG length;
    LONG status;
    DWORD dword = 5;
    NT_STRING value = str(L"LongerValueName");
    int info_class;

    delete_tree(NULL, QK_PATH);
    status = create(NULL, QK_PATH, 0, 0, &key, NULL);
    ok(status == ST_SUCCESS, "NtCreateKey (status %08lx)", status);
    create(key, L"abc", 0, 0, &sub, NULL);
    NtClose(sub);
    create(key, L"abcdef", 0, 0, &sub, NULL);
    NtClose(sub);
    NtSetValueKey(key, &value, 0, REG_DWORD, &dword, 4);

    /* KEY_CACHED_INFORMATION holds the name's length, not the name: all or nothing. */
    length = 0;
    status = NtQueryKey(key, KeyCached, buffer, sizeof(KEY_CACHED) - 1, &length);
    ok(status == ST_BUFFER_TOO_SMALL && length == sizeof(KEY_CACHED),
       "KeyCachedInformation short: STATUS_BUFFER_TOO_SMALL, %u bytes needed (got %08lx, %lu)",
       (unsigned)sizeof(KEY_CACHED), status, length);
    length = 0;
    status = NtQueryKey(key, KeyCached, buffer, sizeof(buffer), &length);
    ok(status == ST_SUCCESS && length == sizeof(KEY_CACHED), "KeyCachedInformation (status %08lx, %lu bytes)", status,
       length);
    ok(cached->SubKeys == 2 && cached->MaxNameLen == 12 && cached->Values == 1 && cached->MaxValueNameLen == 30 &&
           cached->MaxValueDataLen == 4 && cached->NameLength == 32 && cached->LastWriteTime.QuadPart,
       "its counts, lengths in bytes, the name's length (%lu subkeys, %lu, %lu values, %lu, %lu, name %lu)",
       cached->SubKeys, cached->MaxNameLen, cached->Values, cached->MaxValueNameLen, cached->MaxValueDataLen,
       cached->NameLength);

    /* The classes of one ULONG each. */
    length = 0;
    status = NtQueryKey(key, KeyVirtualization, buffer, sizeof(buffer), &length);
    ok(status == ST_SUCCESS && length == 4, "KeyVirtualizationInformation: one ULONG (status %08lx, %lu)", status, length);
    status = NtQueryKey(key, KeyVirtualization, buffer, 3, &length);
    ok(status == ST_BUFFER_TOO_SMALL && length == 4, "into 3 bytes: STATUS_BUFFER_TOO_SMALL (got %08lx, %lu)", status,
       length);
    length = 0;
    status = NtQueryKey(key, KeyTrust, buffer, sizeof(buffer), &length);
    ok(status == ST_SUCCESS && length == 4 && !*(ULONG *)buffer,
       "KeyTrustInformation: one ULONG, not a trusted key (status %08lx, %lu)", status, length);
    length = 0;
    status = NtQueryKey(key, KeyLayer, buffer, sizeof(buffer), &length);
    ok(status == ST_SUCCESS && length == 4 && !*(ULONG *)buffer,
       "KeyLayerInformation: one ULONG, no layer (status %08lx, %lu)", status, length);

    /* Past the last class. */
    for (info_class = KeyLayer + 1; info_class <= KeyLayer + 2; ++info_class) {
        status = NtQueryKey(key, info_class, buffer, sizeof(buffer), &length);
        ok(status == ST_INVALID_PARAMETER, "class %d: STATUS_INVALID_PARAMETER (got %08lx)", info_class, status);
    }
    status = NtQueryKey(key, 1000, buffer, sizeof(buffer), &length);
    ok(status == ST_INVALID_PARAMETER, "class 1000: STATUS_INVALID_PARAMETER (got %08lx)", status);

    delete_tree(NULL, QK_PATH);
    NtClose(key);
}

/* ---- NtNotifyChangeMultipleKeys ---- */

#define NOTIFY_MASTER L"\\Registry\\Machine\\Software\\VineTestNotifyMaster"

static HANDLE g_sync_key;
static DWORD WINAPI set_later(void *arg)
{
    DWORD dword = 1;
    NT_STRING name = str(L"later");
    (void)arg;
    Sleep(300);
    NtSetValueKey(g_sync_key, &name, 0, REG_DWORD, &dword, 4);
    return 0;
}

static void test_notify_multiple(void)
{
    HANDLE master, other, same, event, thread;
    HKEY software, subordinate;
    NT_STRING sub_name = str(L"VineTestNotifySubordinate");
    NT_ATTRIBUTES sub_attrs;
    NT_STRING value = str(L"v");
    IO_STATUS io;
    DWORD dword = 3, started;
    LONG status;

    delete_tree(NULL, NOTIFY_MASTER);
    status = create(NULL, NOTIFY_MASTER, 0, 0, &master, NULL);
    ok(status == ST_SUCCESS, "NtCreateKey(%ls) (status %08lx)", NOTIFY_MASTER, status);
    /* The subordinate key is the user's: another hive. */
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software", 0, KEY_ALL_ACCESS, &software);
    RegDeleteTreeW(software, L"VineTestNotifySubordinate");
    RegCreateKeyExW(software, L"VineTestNotifySubordinate", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &subordinate, NULL);
    sub_attrs = attrs(software, &sub_name, NT_OBJ_CASE_INSENSITIVE);
    event = CreateEventW(NULL, TRUE, TRUE, NULL);

    /* Event form: a change in the subordinate key completes it. */
    memset(&io, 0xcc, sizeof(io));
    status = NtNotifyChangeMultipleKeys(master, 1, &sub_attrs, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_LAST_SET, FALSE,
                                        NULL, 0, TRUE);
    ok(status == ST_PENDING, "NtNotifyChangeMultipleKeys(1 subordinate, asynchronous): STATUS_PENDING (got %08lx)", status);
    ok(WaitForSingleObject(event, 100) == WAIT_TIMEOUT, "the event is reset and waits");
    RegSetValueExW(subordinate, L"v", 0, REG_DWORD, (const BYTE *)&dword, 4);
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "a value set in the subordinate key sets it");

    /* ... and so does one in the master key. */
    status = NtNotifyChangeMultipleKeys(master, 1, &sub_attrs, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_LAST_SET, FALSE,
                                        NULL, 0, TRUE);
    ok(status == ST_PENDING, "registered again (status %08lx)", status);
    RegSetValueExW(software, L"VineTestNotifyUnrelated", 0, REG_DWORD, (const BYTE *)&dword, 4);
    ok(WaitForSingleObject(event, 300) == WAIT_TIMEOUT, "a value of another key does not");
    RegDeleteValueW(software, L"VineTestNotifyUnrelated");
    NtSetValueKey(master, &value, 0, REG_DWORD, &dword, 4);
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "a value set in the master key sets it");

    /* With WatchTree, below the subordinate key too (through another
     * handle: a handle keeps the filter of its first registration). */
    status = open_key(NULL, NOTIFY_MASTER, 0, &other);
    ok(status == ST_SUCCESS, "another handle to the master key (status %08lx)", status);
    status = NtNotifyChangeMultipleKeys(other, 1, &sub_attrs, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_NAME, TRUE, NULL,
                                        0, TRUE);
    ok(status == ST_PENDING, "registered with WatchTree (status %08lx)", status);
    {
        HKEY child;
        RegCreateKeyExW(subordinate, L"child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &child, NULL);
        RegCloseKey(child);
    }
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "a subkey made in the subordinate key sets it");
    NtClose(other);

    /* Synchronous form: returns once either key changed. */
    g_sync_key = subordinate;
    thread = CreateThread(NULL, 0, set_later, NULL, 0, NULL);
    started = GetTickCount();
    memset(&io, 0xcc, sizeof(io));
    status = NtNotifyChangeMultipleKeys(master, 1, &sub_attrs, NULL, NULL, NULL, &io, REG_NOTIFY_CHANGE_LAST_SET, FALSE,
                                        NULL, 0, FALSE);
    ok(status == ST_SUCCESS && io.Status == ST_SUCCESS,
       "synchronous: STATUS_SUCCESS once the subordinate key changed (status %08lx, I/O status %08lx)", status, io.Status);
    ok(GetTickCount() - started >= 200, "and only then (%lu ms)", GetTickCount() - started);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    /* A missing subordinate key, two of them ("Count ... must be 1"), one
     * in the master's hive ("you can't provide a key in the same hive as
     * the MasterKeyHandle key": the documentation as corrected by
     * MicrosoftDocs/sdk-api pull request 2008). */
    {
        NT_STRING missing = str(L"VineTestNotifyNoSuchKey");
        NT_ATTRIBUTES missing_attrs = attrs(software, &missing, 0);
        NT_ATTRIBUTES two[2];
        NT_STRING same_name = str(NOTIFY_MASTER L"\\same");
        NT_ATTRIBUTES same_attrs = attrs(NULL, &same_name, 0);
        status = NtNotifyChangeMultipleKeys(master, 1, &missing_attrs, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_LAST_SET,
                                            FALSE, NULL, 0, TRUE);
        ok(status == ST_NAME_NOT_FOUND, "a missing subordinate key: STATUS_OBJECT_NAME_NOT_FOUND (got %08lx)", status);
        two[0] = sub_attrs;
        two[1] = sub_attrs;
        status = NtNotifyChangeMultipleKeys(master, 2, two, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_LAST_SET, FALSE, NULL,
                                            0, TRUE);
        ok(status == ST_INVALID_PARAMETER, "two subordinate keys: STATUS_INVALID_PARAMETER (got %08lx)", status);
        create(master, L"same", 0, 0, &same, NULL);
        status = NtNotifyChangeMultipleKeys(master, 1, &same_attrs, event, NULL, NULL, &io, REG_NOTIFY_CHANGE_LAST_SET,
                                            FALSE, NULL, 0, TRUE);
        ok(status == ST_INVALID_PARAMETER, "a subordinate key in the master's hive: STATUS_INVALID_PARAMETER (got %08lx)",
           status);
        NtDeleteKey(same);
        NtClose(same);
    }

    CloseHandle(event);
    RegDeleteTreeW(software, L"VineTestNotifySubordinate");
    RegCloseKey(subordinate);
    RegCloseKey(software);
    NtDeleteKey(master);
    NtClose(master);
}

int main(void)
{
    test_nt_links();
    test_advapi32_links();
    test_query_key_name();
    test_query_key_user_names();
    test_query_key_classes();
    test_notify_multiple();
    return vt_summary();
}
