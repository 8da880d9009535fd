/* The registry through advapi32: keys created, opened, enumerated and
 * deleted; values of each type set, queried (with size queries and short
 * buffers), enumerated and deleted; RegGetValue's type filters and
 * expansion; the default keys a prefix starts with. Expectations are
 * Windows' documented results. */
#include <windows.h>
#include <string.h>

#include "privilege.h"
#include "vinetest.h"

#define TEST_KEY L"Software\\VineTestRegistry\\registry"

static HKEY create(HKEY root, const WCHAR *path, DWORD *disposition)
{
    HKEY key = NULL;
    LONG error = RegCreateKeyExW(root, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, disposition);
    ok(error == ERROR_SUCCESS, "RegCreateKeyExW(%ls) (error %ld)", path, error);
    return key;
}

static void test_keys(void)
{
    HKEY key, sub, again;
    DWORD disposition = 0, count = 0, max = 0, values = 0, length;
    WCHAR name[64];
    LONG error;

    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineTestRegistry");
    key = create(HKEY_CURRENT_USER, TEST_KEY, &disposition);
    ok(disposition == REG_CREATED_NEW_KEY, "a new key (with its missing parents): REG_CREATED_NEW_KEY");
    again = create(HKEY_CURRENT_USER, L"software\\VINETESTREGISTRY\\Registry", &disposition);
    ok(disposition == REG_OPENED_EXISTING_KEY, "names ignore case: REG_OPENED_EXISTING_KEY");
    RegCloseKey(again);

    error = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\VineTestRegistry\\missing", 0, KEY_READ, &again);
    ok(error == ERROR_FILE_NOT_FOUND, "opening a missing key: ERROR_FILE_NOT_FOUND (got %ld)", error);
    error = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\VineTestRegistry\\missing\\deeper", 0, KEY_READ, &again);
    ok(error == ERROR_FILE_NOT_FOUND, "below a missing key: ERROR_FILE_NOT_FOUND (got %ld)", error);

    /* Subkeys enumerate in name order, ignoring case. */
    RegCloseKey(create(key, L"beta", NULL));
    RegCloseKey(create(key, L"Alpha", NULL));
    RegCloseKey(create(key, L"gamma", NULL));
    length = 64;
    ok(RegEnumKeyExW(key, 0, name, &length, NULL, NULL, NULL, NULL) == ERROR_SUCCESS && !wcscmp(name, L"Alpha") &&
           length == 5,
       "first subkey: Alpha, length 5 (got %ls, %lu)", name, length);
    length = 64;
    ok(RegEnumKeyExW(key, 1, name, &length, NULL, NULL, NULL, NULL) == ERROR_SUCCESS && !wcscmp(name, L"beta"),
       "second subkey: beta (got %ls)", name);
    length = 64;
    ok(RegEnumKeyExW(key, 2, name, &length, NULL, NULL, NULL, NULL) == ERROR_SUCCESS && !wcscmp(name, L"gamma"),
       "third subkey: gamma");
    length = 64;
    error = RegEnumKeyExW(key, 3, name, &length, NULL, NULL, NULL, NULL);
    ok(error == ERROR_NO_MORE_ITEMS, "past the last: ERROR_NO_MORE_ITEMS (got %ld)", error);
    length = 5;
    error = RegEnumKeyExW(key, 0, name, &length, NULL, NULL, NULL, NULL);
    ok(error == ERROR_MORE_DATA, "no room for the terminator: ERROR_MORE_DATA (got %ld)", error);

    error = RegQueryInfoKeyW(key, NULL, NULL, NULL, &count, &max, NULL, &values, NULL, NULL, NULL, NULL);
    ok(error == ERROR_SUCCESS && count == 3 && max == 5 && values == 0,
       "RegQueryInfoKey: 3 subkeys, longest 5 characters, no values (got %lu, %lu, %lu)", count, max, values);

    /* A key with subkeys cannot be deleted; RegDeleteTree deletes all. */
    sub = create(key, L"beta\\child", NULL);
    RegCloseKey(sub);
    error = RegDeleteKeyW(key, L"beta");
    ok(error == ERROR_ACCESS_DENIED, "deleting a key with subkeys: ERROR_ACCESS_DENIED (got %ld)", error);
    ok(RegDeleteKeyW(key, L"beta\\child") == ERROR_SUCCESS, "delete its subkey");
    ok(RegDeleteKeyW(key, L"beta") == ERROR_SUCCESS, "then the key");
    error = RegOpenKeyExW(key, L"beta", 0, KEY_READ, &again);
    ok(error == ERROR_FILE_NOT_FOUND, "a deleted key is gone (got %ld)", error);
    error = RegDeleteKeyW(key, L"beta");
    ok(error == ERROR_FILE_NOT_FOUND, "deleting it again: ERROR_FILE_NOT_FOUND (got %ld)", error);

    /* A handle to a deleted key fails with ERROR_KEY_DELETED. */
    sub = create(key, L"doomed", NULL);
    ok(RegDeleteKeyW(key, L"doomed") == ERROR_SUCCESS, "delete a key that is open");
    error = RegSetValueExW(sub, L"x", 0, REG_DWORD, (const BYTE *)&count, 4);
    ok(error == ERROR_KEY_DELETED, "writing through its handle: ERROR_KEY_DELETED (got %ld)", error);
    RegCloseKey(sub);

    /* Rights: a KEY_READ handle cannot write. */
    ok(RegOpenKeyExW(HKEY_CURRENT_USER, TEST_KEY, 0, KEY_READ, &again) == ERROR_SUCCESS, "open KEY_READ");
    error = RegSetValueExW(again, L"x", 0, REG_DWORD, (const BYTE *)&count, 4);
    ok(error == ERROR_ACCESS_DENIED, "setting a value through it: ERROR_ACCESS_DENIED (got %ld)", error);
    RegCloseKey(again);

    error = RegCloseKey((HKEY)(ULONG_PTR)0x1234);
    ok(error == ERROR_INVALID_HANDLE, "closing a bad handle: ERROR_INVALID_HANDLE (got %ld)", error);
    RegCloseKey(key);
}

static void test_values(void)
{
    HKEY key = create(HKEY_CURRENT_USER, TEST_KEY, NULL);
    static const BYTE binary[] = {1, 2, 0, 3};
    DWORD number = 0x12345678, type = 0, size, index;
    ULONGLONG quad = 0x1122334455667788ULL, got_quad = 0;
    WCHAR text[64], name[64];
    char ansi[64];
    BYTE bytes[16];
    LONG error;

    ok(RegSetValueExW(key, L"Text", 0, REG_SZ, (const BYTE *)L"hello", 12) == ERROR_SUCCESS, "set a REG_SZ");
    ok(RegSetValueExW(key, L"Number", 0, REG_DWORD, (const BYTE *)&number, 4) == ERROR_SUCCESS, "set a REG_DWORD");
    ok(RegSetValueExW(key, L"Blob", 0, REG_BINARY, binary, sizeof(binary)) == ERROR_SUCCESS, "set a REG_BINARY");
    ok(RegSetValueExW(key, L"Quad", 0, REG_QWORD, (const BYTE *)&quad, 8) == ERROR_SUCCESS, "set a REG_QWORD");
    ok(RegSetValueExW(key, L"Path", 0, REG_EXPAND_SZ, (const BYTE *)L"%SystemRoot%\\x", 30) == ERROR_SUCCESS,
       "set a REG_EXPAND_SZ");
    ok(RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)L"default", 16) == ERROR_SUCCESS, "set the default value");

    size = 0;
    error = RegQueryValueExW(key, L"Text", NULL, &type, NULL, &size);
    ok(error == ERROR_SUCCESS && type == REG_SZ && size == 12, "size query: REG_SZ of 12 bytes (got %ld, %lu)", error, size);
    size = 4;
    error = RegQueryValueExW(key, L"text", NULL, &type, (BYTE *)text, &size);
    ok(error == ERROR_MORE_DATA && size == 12, "a short buffer: ERROR_MORE_DATA and the size (got %ld, %lu)", error, size);
    size = sizeof(text);
    error = RegQueryValueExW(key, L"TEXT", NULL, &type, (BYTE *)text, &size);
    ok(error == ERROR_SUCCESS && size == 12 && !wcscmp(text, L"hello"), "value names ignore case");
    size = sizeof(number);
    number = 0;
    ok(RegQueryValueExW(key, L"Number", NULL, &type, (BYTE *)&number, &size) == ERROR_SUCCESS && type == REG_DWORD &&
           number == 0x12345678,
       "the REG_DWORD back");
    size = sizeof(bytes);
    ok(RegQueryValueExW(key, L"Blob", NULL, &type, bytes, &size) == ERROR_SUCCESS && type == REG_BINARY && size == 4 &&
           !memcmp(bytes, binary, 4),
       "the REG_BINARY back, with its NUL byte");
    size = sizeof(text);
    ok(RegQueryValueExW(key, NULL, NULL, &type, (BYTE *)text, &size) == ERROR_SUCCESS && !wcscmp(text, L"default"),
       "the default value back");
    error = RegQueryValueExW(key, L"Missing", NULL, &type, NULL, &size);
    ok(error == ERROR_FILE_NOT_FOUND, "a missing value: ERROR_FILE_NOT_FOUND (got %ld)", error);
    size = sizeof(ansi);
    ok(RegQueryValueExA(key, "Text", NULL, &type, (BYTE *)ansi, &size) == ERROR_SUCCESS && size == 6 &&
           !strcmp(ansi, "hello"),
       "RegQueryValueExA converts the string (6 bytes) (got %lu)", size);

    /* Replacing keeps the value's place. */
    number = 7;
    ok(RegSetValueExW(key, L"TEXT", 0, REG_DWORD, (const BYTE *)&number, 4) == ERROR_SUCCESS, "replace a value");
    /* Windows documents no order for values: find it by enumerating. */
    for (index = 0;; index++) {
        size = 64;
        if (RegEnumValueW(key, index, name, &size, NULL, &type, NULL, NULL) != ERROR_SUCCESS) break;
        if (!wcsicmp(name, L"text")) break;
    }
    ok(!wcscmp(name, L"Text") && type == REG_DWORD, "enumeration shows the first spelling, with the new type (got %ls)", name);
    for (index = 0;; index++) {
        size = 64;
        if (RegEnumValueW(key, index, name, &size, NULL, NULL, NULL, NULL) != ERROR_SUCCESS) break;
    }
    ok(index == 6, "six values enumerate (got %lu)", index);

    /* RegGetValue: type filters, expansion, DWORD and QWORD. */
    size = sizeof(number);
    ok(RegGetValueW(HKEY_CURRENT_USER, TEST_KEY, L"Number", RRF_RT_REG_DWORD, &type, &number, &size) == ERROR_SUCCESS &&
           number == 0x12345678,
       "RegGetValue of a DWORD through the subkey");
    size = sizeof(got_quad);
    ok(RegGetValueW(key, NULL, L"Quad", RRF_RT_QWORD, NULL, &got_quad, &size) == ERROR_SUCCESS && got_quad == quad,
       "RegGetValue of a QWORD");
    size = sizeof(text);
    error = RegGetValueW(key, NULL, L"Number", RRF_RT_REG_SZ, &type, text, &size);
    ok(error == ERROR_UNSUPPORTED_TYPE, "a type the flags exclude: ERROR_UNSUPPORTED_TYPE (got %ld)", error);
    size = sizeof(text);
    error = RegGetValueW(key, NULL, L"Path", RRF_RT_REG_SZ, &type, text, &size);
    ok(error == ERROR_SUCCESS && type == REG_SZ && !wcscmp(text, L"C:\\windows\\x"),
       "REG_EXPAND_SZ comes back expanded as REG_SZ (got %ld, %ls)", error, text);
    size = sizeof(text);
    error = RegGetValueW(key, NULL, L"Path", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, text, &size);
    ok(error == ERROR_SUCCESS && type == REG_EXPAND_SZ && !wcscmp(text, L"%SystemRoot%\\x"),
       "and unexpanded with RRF_NOEXPAND");
    error = RegGetValueW(key, NULL, L"Path", RRF_RT_REG_EXPAND_SZ, &type, text, &size);
    ok(error == ERROR_INVALID_PARAMETER, "RRF_RT_REG_EXPAND_SZ without RRF_NOEXPAND: ERROR_INVALID_PARAMETER (got %ld)", error);

    ok(RegDeleteValueW(key, L"Blob") == ERROR_SUCCESS, "delete a value");
    error = RegDeleteValueW(key, L"Blob");
    ok(error == ERROR_FILE_NOT_FOUND, "delete it again: ERROR_FILE_NOT_FOUND (got %ld)", error);
    RegCloseKey(key);
}

static void test_ansi(void)
{
    HKEY key = create(HKEY_CURRENT_USER, TEST_KEY L"\\ansi", NULL);
    char name[64], data[64];
    DWORD length = sizeof(name), size = sizeof(data), type = 0, subkeys = 9, values = 9;
    LONG error;
    RegCloseKey(create(key, L"child", NULL));
    ok(RegSetValueExA(key, "Greeting", 0, REG_SZ, (const BYTE *)"hi there", 9) == ERROR_SUCCESS, "RegSetValueExA");
    error = RegEnumKeyExA(key, 0, name, &length, NULL, NULL, NULL, NULL);
    ok(error == ERROR_SUCCESS && !strcmp(name, "child") && length == 5, "RegEnumKeyExA (got %ld, %s, %lu)", error, name, length);
    length = 5;
    error = RegEnumKeyExA(key, 0, name, &length, NULL, NULL, NULL, NULL);
    ok(error == ERROR_MORE_DATA, "RegEnumKeyExA without room for the terminator: ERROR_MORE_DATA (got %ld)", error);
    length = sizeof(name);
    error = RegEnumValueA(key, 0, name, &length, NULL, &type, (BYTE *)data, &size);
    ok(error == ERROR_SUCCESS && !strcmp(name, "Greeting") && length == 8 && type == REG_SZ && size == 9 &&
           !strcmp(data, "hi there"),
       "RegEnumValueA gives the name and the ANSI data (got %ld, %s, %lu, %s, %lu)", error, name, length, data, size);
    ok(RegQueryInfoKeyA(key, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL) == ERROR_SUCCESS &&
           subkeys == 1 && values == 1,
       "RegQueryInfoKeyA counts");
    error = RegSetKeyValueA(key, "made\\deeper", "text", REG_SZ, "abc", 4);
    ok(error == ERROR_SUCCESS, "RegSetKeyValueA makes the subkeys (error %ld)", error);
    size = sizeof(data);
    memset(data, 'x', sizeof(data));
    error = RegGetValueA(key, "made\\deeper", "text", RRF_RT_REG_SZ, &type, data, &size);
    ok(error == ERROR_SUCCESS && type == REG_SZ && size == 4 && !strcmp(data, "abc"),
       "RegGetValueA gives the ANSI text, sized in bytes (got %ld, %lu, %s)", error, size, data);
    size = 2;
    error = RegGetValueA(key, "made\\deeper", "text", RRF_RT_REG_SZ, NULL, data, &size);
    ok(error == ERROR_MORE_DATA && size == 4, "RegGetValueA with a short buffer: ERROR_MORE_DATA and the size (got %ld, %lu)",
       error, size);
    size = 0;
    error = RegGetValueA(key, "made\\deeper", "text", RRF_RT_REG_SZ, NULL, NULL, &size);
    ok(error == ERROR_SUCCESS && size == 4, "RegGetValueA size query (got %ld, %lu)", error, size);
    size = sizeof(data);
    error = RegGetValueA(key, "made\\deeper", "text", RRF_RT_REG_DWORD, NULL, data, &size);
    ok(error == ERROR_UNSUPPORTED_TYPE, "RegGetValueA of a type not asked for: ERROR_UNSUPPORTED_TYPE (got %ld)", error);
    RegCloseKey(key);
    ok(RegDeleteTreeA(HKEY_CURRENT_USER, "Software\\VineTestRegistry\\registry\\ansi") == ERROR_SUCCESS, "RegDeleteTreeA");
    error = RegOpenKeyExA(HKEY_CURRENT_USER, "Software\\VineTestRegistry\\registry\\ansi", 0, KEY_READ, &key);
    ok(error == ERROR_FILE_NOT_FOUND, "the tree is gone (got %ld)", error);
}

static DWORD count_values(HKEY key)
{
    DWORD values = 99, subkeys = 99;
    RegQueryInfoKeyW(key, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, NULL, NULL, NULL, NULL);
    return values + subkeys * 1000;
}

static void test_rename(void)
{
    HKEY key = create(HKEY_CURRENT_USER, TEST_KEY L"\\rename", NULL), old, renamed;
    DWORD number = 5, size = sizeof(number);
    LONG error;
    old = create(key, L"old", NULL);
    RegCloseKey(create(old, L"inside", NULL));
    RegSetValueExW(old, L"n", 0, REG_DWORD, (const BYTE *)&number, 4);
    RegCloseKey(create(key, L"taken", NULL));

    error = RegRenameKey(key, L"old", L"taken");
    ok(error == ERROR_ACCESS_DENIED, "renaming onto an existing sibling: ERROR_ACCESS_DENIED (got %ld)", error);
    error = RegRenameKey(key, L"missing", L"other");
    ok(error == ERROR_FILE_NOT_FOUND, "renaming a missing key: ERROR_FILE_NOT_FOUND (got %ld)", error);
    error = RegRenameKey(key, L"old", L"new");
    ok(error == ERROR_SUCCESS, "RegRenameKey (error %ld)", error);
    error = RegOpenKeyExW(key, L"old", 0, KEY_READ, &renamed);
    ok(error == ERROR_FILE_NOT_FOUND, "the old name is gone (got %ld)", error);
    error = RegGetValueW(key, L"new", L"n", RRF_RT_REG_DWORD, NULL, &number, &size);
    ok(error == ERROR_SUCCESS && number == 5, "the new name has the values (got %ld, %lu)", error, number);
    ok(RegOpenKeyExW(key, L"new\\inside", 0, KEY_READ, &renamed) == ERROR_SUCCESS, "and the subkeys");
    RegCloseKey(renamed);
    size = sizeof(number);
    error = RegQueryValueExW(old, L"n", NULL, NULL, (BYTE *)&number, &size);
    ok(error == ERROR_SUCCESS, "a handle opened before still works (got %ld)", error);
    error = RegRenameKey(old, NULL, L"NEW");
    ok(error == ERROR_SUCCESS, "renaming through the key's own handle, a change of case (got %ld)", error);
    {
        WCHAR name[64];
        DWORD length = 64;
        RegEnumKeyExW(key, 0, name, &length, NULL, NULL, NULL, NULL);
        ok(!wcscmp(name, L"NEW"), "the new spelling enumerates (got %ls)", name);
    }
    RegCloseKey(old);
    error = RegRenameKey(HKEY_CURRENT_USER, NULL, L"elsewhere");
    ok(error == ERROR_ACCESS_DENIED, "a hive's root cannot be renamed: ERROR_ACCESS_DENIED (got %ld)", error);
    RegCloseKey(key);
}

static void test_copy_and_delete_tree(void)
{
    HKEY source = create(HKEY_CURRENT_USER, TEST_KEY L"\\copy\\source", NULL), target, check;
    DWORD number = 7, size = sizeof(number);
    LONG error;
    RegSetValueExW(source, L"top", 0, REG_DWORD, (const BYTE *)&number, 4);
    check = create(source, L"a\\b", NULL);
    RegSetValueExW(check, L"deep", 0, REG_SZ, (const BYTE *)L"x", 4);
    RegCloseKey(check);
    target = create(HKEY_CURRENT_USER, TEST_KEY L"\\copy\\target", NULL);
    error = RegCopyTreeW(source, NULL, target);
    ok(error == ERROR_SUCCESS, "RegCopyTree (error %ld)", error);
    error = RegGetValueW(target, NULL, L"top", RRF_RT_REG_DWORD, NULL, &number, &size);
    ok(error == ERROR_SUCCESS && number == 7, "the values are copied (got %ld)", error);
    {
        WCHAR text[8];
        size = sizeof(text);
        error = RegGetValueW(target, L"a\\b", L"deep", RRF_RT_REG_SZ, NULL, text, &size);
        ok(error == ERROR_SUCCESS && !wcscmp(text, L"x"), "and the subkeys with theirs (got %ld)", error);
    }
    error = RegCopyTreeW(HKEY_CURRENT_USER, TEST_KEY L"\\copy\\source", source);
    ok(error == ERROR_SUCCESS, "copying a key into itself ends (error %ld)", error);
    ok(RegOpenKeyExW(source, L"a", 0, KEY_READ, &check) == ERROR_SUCCESS, "and merges with what is there");
    RegCloseKey(check);
    error = RegCopyTreeW(source, L"missing", target);
    ok(error == ERROR_FILE_NOT_FOUND, "a missing source subkey: ERROR_FILE_NOT_FOUND (got %ld)", error);

    /* RegDeleteTree without a subkey empties the key and keeps it. */
    ok(RegDeleteTreeW(target, NULL) == ERROR_SUCCESS, "RegDeleteTree(key, NULL)");
    ok(count_values(target) == 0, "leaves no values and no subkeys (got %lu)", count_values(target));
    RegCloseKey(target);
    ok(RegOpenKeyExW(HKEY_CURRENT_USER, TEST_KEY L"\\copy\\target", 0, KEY_READ, &target) == ERROR_SUCCESS,
       "and the key itself stays");
    RegCloseKey(target);
    ok(RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY L"\\copy") == ERROR_SUCCESS, "RegDeleteTree of a subkey");
    error = RegSetValueExW(source, L"top", 0, REG_DWORD, (const BYTE *)&number, 4);
    ok(error == ERROR_KEY_DELETED, "a handle below a deleted tree: ERROR_KEY_DELETED (got %ld)", error);
    RegCloseKey(source);
    error = RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY L"\\copy");
    ok(error == ERROR_FILE_NOT_FOUND, "RegDeleteTree of a missing key: ERROR_FILE_NOT_FOUND (got %ld)", error);
}

static void test_predefined(void)
{
    HKEY key = create(HKEY_CURRENT_USER, TEST_KEY L"\\override", NULL), inner, user;
    HANDLE token;
    DWORD number = 3, size = sizeof(number);
    LONG error;

    error = RegOverridePredefKey(HKEY_CURRENT_USER, key);
    ok(error == ERROR_SUCCESS, "RegOverridePredefKey(HKEY_CURRENT_USER) (error %ld)", error);
    RegCloseKey(key);  /* the process keeps its own handle */
    error = RegCreateKeyExW(HKEY_CURRENT_USER, L"inner", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &inner, NULL);
    ok(error == ERROR_SUCCESS, "HKEY_CURRENT_USER now names the override (error %ld)", error);
    RegCloseKey(inner);
    ok(RegOverridePredefKey(HKEY_CURRENT_USER, NULL) == ERROR_SUCCESS, "restore HKEY_CURRENT_USER");
    error = RegOpenKeyExW(HKEY_CURRENT_USER, TEST_KEY L"\\override\\inner", 0, KEY_READ, &inner);
    ok(error == ERROR_SUCCESS, "the key made through the override is below it (error %ld)", error);
    RegCloseKey(inner);
    error = RegOverridePredefKey((HKEY)(ULONG_PTR)0x1234, NULL);
    ok(error == ERROR_INVALID_HANDLE, "a key that is not predefined: ERROR_INVALID_HANDLE (got %ld)", error);

    RegSetKeyValueW(HKEY_CURRENT_USER, TEST_KEY, L"mine", REG_DWORD, &number, 4);
    error = RegOpenCurrentUser(KEY_READ, &user);
    ok(error == ERROR_SUCCESS, "RegOpenCurrentUser (error %ld)", error);
    number = 0;
    error = RegGetValueW(user, TEST_KEY, L"mine", RRF_RT_REG_DWORD, NULL, &number, &size);
    ok(error == ERROR_SUCCESS && number == 3, "it is HKEY_CURRENT_USER's key (got %ld, %lu)", error, number);
    RegCloseKey(user);

    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    error = RegOpenUserClassesRoot(token, 0, KEY_READ, &user);
    ok(error == ERROR_SUCCESS, "RegOpenUserClassesRoot (error %ld)", error);
    if (!error) RegCloseKey(user);
    error = RegOpenUserClassesRoot(token, 1, KEY_READ, &user);
    ok(error == ERROR_INVALID_PARAMETER, "with options: ERROR_INVALID_PARAMETER (got %ld)", error);
    CloseHandle(token);
    ok(RegDisablePredefinedCache() == ERROR_SUCCESS && RegDisablePredefinedCacheEx() == ERROR_SUCCESS,
       "RegDisablePredefinedCache(Ex)");

    /* HKEY_CURRENT_CONFIG is the current hardware profile's key. */
    error = RegOpenKeyExW(HKEY_CURRENT_CONFIG, L"", 0, KEY_READ, &user);
    ok(error == ERROR_SUCCESS, "HKEY_CURRENT_CONFIG opens (error %ld)", error);
    if (!error) RegCloseKey(user);
    number = 5;
    error = RegSetKeyValueW(HKEY_CURRENT_CONFIG, L"Software\\VineTestRegistry", L"profile", REG_DWORD, &number, 4);
    ok(error == ERROR_SUCCESS, "a value set under HKEY_CURRENT_CONFIG (error %ld)", error);
    number = 0;
    size = sizeof(number);
    error = RegGetValueW(HKEY_LOCAL_MACHINE,
                         L"System\\CurrentControlSet\\Hardware Profiles\\Current\\Software\\VineTestRegistry",
                         L"profile", RRF_RT_REG_DWORD, NULL, &number, &size);
    ok(error == ERROR_SUCCESS && number == 5, "is in HKLM\\System\\CurrentControlSet\\Hardware Profiles\\Current (got %ld, %lu)",
       error, number);
    RegDeleteTreeW(HKEY_CURRENT_CONFIG, L"Software\\VineTestRegistry");
}

static void test_save_restore(void)
{
    HKEY source = create(HKEY_CURRENT_USER, TEST_KEY L"\\save\\source", NULL), target, check;
    WCHAR file[MAX_PATH], text[16];
    DWORD number = 11, size;
    LONG error;

    GetTempPathW(MAX_PATH, file);
    wcscat(file, L"vine-regsave.hiv");
    DeleteFileW(file);
    RegSetValueExW(source, L"number", 0, REG_DWORD, (const BYTE *)&number, 4);
    RegSetKeyValueW(source, L"sub\\deeper", L"text", REG_SZ, L"saved", 12);

    error = RegSaveKeyW(source, file, NULL);
    ok(error == ERROR_PRIVILEGE_NOT_HELD, "RegSaveKey without SE_BACKUP_NAME enabled: ERROR_PRIVILEGE_NOT_HELD (got %ld)",
       error);
    ok(GetFileAttributesW(file) == INVALID_FILE_ATTRIBUTES, "and no file is left");
    ok(enable_privilege(L"SeBackupPrivilege"), "enable SE_BACKUP_NAME");
    error = RegSaveKeyW(source, file, NULL);
    ok(error == ERROR_SUCCESS, "RegSaveKey (error %ld)", error);
    error = RegSaveKeyW(source, file, NULL);
    ok(error == ERROR_ALREADY_EXISTS, "onto an existing file: ERROR_ALREADY_EXISTS (got %ld)", error);
    error = RegSaveKeyExW(source, file, NULL, 0x10);
    ok(error == ERROR_INVALID_PARAMETER, "RegSaveKeyEx with an unknown format: ERROR_INVALID_PARAMETER (got %ld)", error);

    target = create(HKEY_CURRENT_USER, TEST_KEY L"\\save\\target", NULL);
    RegSetValueExW(target, L"before", 0, REG_DWORD, (const BYTE *)&number, 4);
    RegCloseKey(create(target, L"old", NULL));
    error = RegRestoreKeyW(target, file, 0);
    ok(error == ERROR_PRIVILEGE_NOT_HELD, "RegRestoreKey without SE_RESTORE_NAME: ERROR_PRIVILEGE_NOT_HELD (got %ld)", error);
    ok(enable_privilege(L"SeRestorePrivilege"), "enable SE_RESTORE_NAME");
    error = RegRestoreKeyW(target, file, 0);
    ok(error == ERROR_SUCCESS, "RegRestoreKey (error %ld)", error);
    number = 0;
    size = sizeof(number);
    error = RegGetValueW(target, NULL, L"number", RRF_RT_REG_DWORD, NULL, &number, &size);
    ok(error == ERROR_SUCCESS && number == 11, "the saved key's own values come back (got %ld, %lu)", error, number);
    size = sizeof(text);
    error = RegGetValueW(target, L"sub\\deeper", L"text", RRF_RT_REG_SZ, NULL, text, &size);
    ok(error == ERROR_SUCCESS && !wcscmp(text, L"saved"), "and its subkeys' (got %ld)", error);
    error = RegQueryValueExW(target, L"before", NULL, NULL, NULL, NULL);
    ok(error == ERROR_FILE_NOT_FOUND, "what the key held before is replaced (got %ld)", error);
    error = RegOpenKeyExW(target, L"old", 0, KEY_READ, &check);
    ok(error == ERROR_FILE_NOT_FOUND, "its old subkeys too (got %ld)", error);
    error = RegRestoreKeyW(target, L"C:\\no\\such\\file.hiv", 0);
    ok(error == ERROR_PATH_NOT_FOUND || error == ERROR_FILE_NOT_FOUND, "a missing file (got %ld)", error);
    RegCloseKey(target);
    RegCloseKey(source);
    DeleteFileW(file);
}

static void test_defaults(void)
{
    WCHAR text[MAX_PATH];
    DWORD size = sizeof(text), number = 0;
    LONG error = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion", L"ProductName",
                              RRF_RT_REG_SZ, NULL, text, &size);
    ok(error == ERROR_SUCCESS && wcsstr(text, L"Windows"), "HKLM has the product name (got %ld, %ls)", error, text);
    size = sizeof(number);
    error = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion",
                         L"CurrentMajorVersionNumber", RRF_RT_REG_DWORD, NULL, &number, &size);
    ok(error == ERROR_SUCCESS && number == 10, "and major version 10 (got %ld, %lu)", error, number);
    size = sizeof(text);
    error = RegGetValueW(HKEY_CURRENT_USER, L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders",
                         L"Desktop", RRF_RT_REG_SZ, NULL, text, &size);
    ok(error == ERROR_SUCCESS && !wcsncmp(text, L"C:\\users\\", 9), "HKCU's Shell Folders has the desktop (got %ls)", text);
}

int main(void)
{
    test_keys();
    test_values();
    test_ansi();
    test_rename();
    test_copy_and_delete_tree();
    test_predefined();
    test_save_restore();
    test_defaults();
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineTestRegistry");
    return vt_summary();
}
