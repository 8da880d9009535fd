/* HKEY_CLASSES_ROOT as the merged view Windows documents ("HKEY_CLASSES_ROOT
 * Key", "Merged View of HKEY_CLASSES_ROOT"): HKEY_CURRENT_USER\Software\Classes
 * over HKEY_LOCAL_MACHINE\Software\Classes, the user's entries winning;
 * subkeys the union of both at every level (the documentation's CLSID
 * example); values of a key that both have from the user's only; new keys
 * right below the root in the machine's classes, new keys below a key the
 * user has in the user's; values written to the user's key when it exists. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

#define MACHINE L"Software\\Classes\\"
#define USER L"Software\\Classes\\"

static void cleanup(void)
{
    static const WCHAR *names[] = {L"VineTestClsMachine", L"VineTestClsUser", L"VineTestClsBoth", L"VineTestClsNew"};
    WCHAR path[MAX_PATH];
    int i;
    for (i = 0; i < 4; i++) {
        wcscpy(path, MACHINE);
        wcscat(path, names[i]);
        RegDeleteTreeW(HKEY_LOCAL_MACHINE, path);
        RegDeleteTreeW(HKEY_CURRENT_USER, path);
    }
}

static void make(HKEY root, const WCHAR *path, const WCHAR *who)
{
    HKEY key;
    LONG error = RegCreateKeyExW(root, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    ok(error == ERROR_SUCCESS, "create %ls (error %ld)", path, error);
    if (error) return;
    if (who) RegSetValueExW(key, L"who", 0, REG_SZ, (const BYTE *)who, (DWORD)(wcslen(who) + 1) * 2);
    RegCloseKey(key);
}

static BOOL exists(HKEY root, const WCHAR *path)
{
    HKEY key;
    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key)) return FALSE;
    RegCloseKey(key);
    return TRUE;
}

/* The "who" value of `path` below `root`, or "" when it cannot be read. */
static const WCHAR *who(HKEY root, const WCHAR *path)
{
    static WCHAR text[32];
    DWORD size = sizeof(text);
    text[0] = 0;
    if (RegGetValueW(root, path, L"who", RRF_RT_REG_SZ, NULL, text, &size)) text[0] = 0;
    return text;
}

/* The subkeys of `path` below `root`, joined by ',' in enumeration order. */
static const WCHAR *subkeys(HKEY root, const WCHAR *path, DWORD *count)
{
    static WCHAR list[512];
    WCHAR name[64];
    DWORD index, length;
    HKEY key;
    list[0] = 0;
    *count = (DWORD)-1;
    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key)) return list;
    for (index = 0;; index++) {
        length = 64;
        if (RegEnumKeyExW(key, index, name, &length, NULL, NULL, NULL, NULL)) break;
        if (index) wcscat(list, L",");
        wcscat(list, name);
    }
    RegQueryInfoKeyW(key, NULL, NULL, NULL, count, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    RegCloseKey(key);
    return list;
}

static void test_open_and_values(void)
{
    HKEY key;
    LONG error;
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsMachine", L"machine");
    make(HKEY_CURRENT_USER, USER L"VineTestClsUser", L"user");
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"machine");
    make(HKEY_CURRENT_USER, USER L"VineTestClsBoth", L"user");
    RegSetKeyValueW(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"onlymachine", REG_SZ, L"m", 4);

    ok(!wcscmp(who(HKEY_CLASSES_ROOT, L"VineTestClsMachine"), L"machine"), "a machine's class shows through HKCR (got %ls)",
       who(HKEY_CLASSES_ROOT, L"VineTestClsMachine"));
    ok(!wcscmp(who(HKEY_CLASSES_ROOT, L"VineTestClsUser"), L"user"), "a user's class shows through HKCR (got %ls)",
       who(HKEY_CLASSES_ROOT, L"VineTestClsUser"));
    ok(!wcscmp(who(HKEY_CLASSES_ROOT, L"vinetestclsboth"), L"user"), "where both have it the user's wins (got %ls)",
       who(HKEY_CLASSES_ROOT, L"vinetestclsboth"));
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsBoth", 0, KEY_READ, &key);
    ok(error == ERROR_SUCCESS, "open HKCR\\VineTestClsBoth (error %ld)", error);
    if (!error) {
        error = RegQueryValueExW(key, L"onlymachine", NULL, NULL, NULL, NULL);
        ok(error == ERROR_FILE_NOT_FOUND, "the machine's contents of a duplicate key are not in the view (got %ld)", error);
        RegCloseKey(key);
    }
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsMissing", 0, KEY_READ, &key);
    ok(error == ERROR_FILE_NOT_FOUND, "a class neither has: ERROR_FILE_NOT_FOUND (got %ld)", error);

    /* Values written through HKCR go to the user's key when it exists. */
    error = RegSetKeyValueW(HKEY_CLASSES_ROOT, L"VineTestClsUser", L"written", REG_SZ, L"w", 4);
    ok(error == ERROR_SUCCESS, "set a value through HKCR (error %ld)", error);
    ok(RegGetValueW(HKEY_CURRENT_USER, USER L"VineTestClsUser", L"written", RRF_RT_ANY, NULL, NULL, NULL) == ERROR_SUCCESS,
       "it is in the user's classes");
    ok(RegGetValueW(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsUser", L"written", RRF_RT_ANY, NULL, NULL, NULL) != ERROR_SUCCESS,
       "not in the machine's");
    error = RegSetKeyValueW(HKEY_CLASSES_ROOT, L"VineTestClsMachine", L"written", REG_SZ, L"w", 4);
    ok(RegGetValueW(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsMachine", L"written", RRF_RT_ANY, NULL, NULL, NULL) ==
           ERROR_SUCCESS,
       "a value on a machine-only class goes to the machine's classes (error %ld)", error);
}

static void test_enumeration(void)
{
    static const WCHAR *machine[] = {L"2", L"4\\inprocserver32", L"4\\localserver32", L"7"};
    static const WCHAR *user[] = {L"1", L"4\\localserver", L"6", L"10\\localserver"};
    WCHAR path[MAX_PATH];
    const WCHAR *list;
    DWORD count, index, found_user = 0, found_machine = 0, found_both = 0, length;
    WCHAR name[256];
    int i;

    /* The documentation's example, with VineTestClsBoth for CLSID. */
    for (i = 0; i < 4; i++) {
        wcscpy(path, MACHINE L"VineTestClsBoth\\");
        wcscat(path, machine[i]);
        make(HKEY_LOCAL_MACHINE, path, NULL);
        wcscpy(path, USER L"VineTestClsBoth\\");
        wcscat(path, user[i]);
        make(HKEY_CURRENT_USER, path, NULL);
    }
    list = subkeys(HKEY_CLASSES_ROOT, L"VineTestClsBoth", &count);
    ok(!wcscmp(list, L"1,10,2,4,6,7"), "subkeys of a key both have: the union, in order (got %ls)", list);
    ok(count == 6, "RegQueryInfoKey counts the union (got %lu)", count);
    list = subkeys(HKEY_CLASSES_ROOT, L"VineTestClsBoth\\4", &count);
    ok(!wcscmp(list, L"inprocserver32,localserver,localserver32"), "and one level deeper (got %ls)", list);
    ok(count == 3, "counted so (got %lu)", count);
    list = subkeys(HKEY_CLASSES_ROOT, L"VineTestClsBoth\\10", &count);
    ok(!wcscmp(list, L"localserver") && count == 1, "a user-only key's own subkeys (got %ls)", list);
    ok(!wcscmp(who(HKEY_CLASSES_ROOT, L"VineTestClsBoth\\4\\inprocserver32"), L"") &&
           exists(HKEY_CLASSES_ROOT, L"VineTestClsBoth\\4\\inprocserver32"),
       "a machine-only key below a key both have opens");

    /* The root lists each class once. */
    for (index = 0;; index++) {
        length = 256;
        if (RegEnumKeyExW(HKEY_CLASSES_ROOT, index, name, &length, NULL, NULL, NULL, NULL)) break;
        if (!_wcsicmp(name, L"VineTestClsUser")) found_user++;
        if (!_wcsicmp(name, L"VineTestClsMachine")) found_machine++;
        if (!_wcsicmp(name, L"VineTestClsBoth")) found_both++;
    }
    ok(found_user == 1 && found_machine == 1 && found_both == 1,
       "HKCR's subkeys hold the user's, the machine's and the shared class once each (%lu, %lu, %lu)", found_user,
       found_machine, found_both);
}

static void test_create(void)
{
    HKEY key, sub;
    DWORD disposition = 0;
    LONG error;

    error = RegCreateKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsNew", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, &disposition);
    ok(error == ERROR_SUCCESS && disposition == REG_CREATED_NEW_KEY, "create a class through HKCR (error %ld)", error);
    if (!error) RegCloseKey(key);
    ok(exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsNew"), "a new key under HKCR is stored in the machine's classes");
    ok(!exists(HKEY_CURRENT_USER, USER L"VineTestClsNew"), "not in the user's");

    error = RegCreateKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsUser\\child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key,
                            &disposition);
    ok(error == ERROR_SUCCESS, "create below a user's class through HKCR (error %ld)", error);
    if (!error) RegCloseKey(key);
    ok(exists(HKEY_CURRENT_USER, USER L"VineTestClsUser\\child"), "it goes where its parent is: the user's classes");
    ok(!exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsUser"), "the machine's classes get nothing");

    error = RegCreateKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsMachine\\child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key,
                            &disposition);
    ok(error == ERROR_SUCCESS, "create below a machine's class through HKCR (error %ld)", error);
    if (!error) RegCloseKey(key);
    ok(exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsMachine\\child"), "it goes to the machine's classes");
    ok(!exists(HKEY_CURRENT_USER, USER L"VineTestClsMachine"), "the user's classes get nothing");

    /* Through a handle to a key both have, the user's side is the parent. */
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsBoth", 0, KEY_ALL_ACCESS, &key);
    ok(error == ERROR_SUCCESS, "open a shared class (error %ld)", error);
    if (!error) {
        error = RegCreateKeyExW(key, L"made", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, &disposition);
        ok(error == ERROR_SUCCESS && disposition == REG_CREATED_NEW_KEY, "create through its handle (error %ld)", error);
        if (!error) RegCloseKey(sub);
        ok(exists(HKEY_CURRENT_USER, USER L"VineTestClsBoth\\made"), "in the user's classes");
        error = RegCreateKeyExW(key, L"7", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, &disposition);
        ok(error == ERROR_SUCCESS && disposition == REG_OPENED_EXISTING_KEY,
           "a machine-only subkey opens as existing (error %ld, %lu)", error, disposition);
        if (!error) RegCloseKey(sub);
        ok(!exists(HKEY_CURRENT_USER, USER L"VineTestClsBoth\\7"), "and is not copied to the user's");
        RegCloseKey(key);
    }

    error = RegDeleteKeyW(HKEY_CLASSES_ROOT, L"VineTestClsNew");
    ok(error == ERROR_SUCCESS, "delete a class through HKCR (error %ld)", error);
    ok(!exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsNew"), "it is gone from the machine's classes");
}

static void test_user_classes_root(void)
{
    HANDLE token;
    HKEY root;
    LONG error;
    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    error = RegOpenUserClassesRoot(token, 0, KEY_READ, &root);
    ok(error == ERROR_SUCCESS, "RegOpenUserClassesRoot (error %ld)", error);
    if (!error) {
        ok(!wcscmp(who(root, L"VineTestClsMachine"), L"machine"), "its view holds the machine's classes");
        ok(!wcscmp(who(root, L"VineTestClsUser"), L"user"), "and the user's");
        ok(!wcscmp(who(root, L"VineTestClsBoth"), L"user"), "the user's winning");
        RegCloseKey(root);
    }
    CloseHandle(token);
}

int main(void)
{
    cleanup();
    test_open_and_values();
    test_enumeration();
    test_create();
    test_user_classes_root();
    cleanup();
    return vt_summary();
}
