/* Registry symbolic links through the NT layer and advapi32: a key made
 * with REG_OPTION_CREATE_LINK whose REG_LINK value "SymbolicLinkValue"
 * names a full path; opening a path through it goes on at the target
 * (also in the middle of a path), OBJ_OPENLINK opens the link itself,
 * NtDeleteKey of the link leaves the target, a loop fails. Expectations
 * are Windows' (NtCreateKey/NtOpenKey documentation and its observed
 * statuses). */
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

int main(void)
{
    test_nt_links();
    test_advapi32_links();
    return vt_summary();
}
