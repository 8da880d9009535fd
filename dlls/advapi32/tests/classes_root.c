/* HKEY_CLASSES_ROOT as the merged view Windows documents ("HKEY_CLASSES_ROOT
 * Key", "Merged View of HKEY_CLASSES_ROOT"): HKEY_CURRENT_USER\Software\Classes
 * over HKEY_LOCAL_MACHINE\Software\Classes, the user's entries winning;
 * subkeys the union of both at every level (the documentation's CLSID
 * example); values of a key that both have from the user's only; new keys
 * right below the root in the machine's classes, new keys below a key the
 * user has in the user's; values written to the user's key when it exists.
 * Also what Windows' results in Wine's advapi32 test_classesroot and
 * test_classesroot_enum show: a handle opened on a machine's class reads and
 * writes the user's key once the user has one, values enumerate as the
 * user's then the machine's the user's key lacks. RegCopyTree and
 * RegDeleteTree work on what the view shows (they are built on enumeration,
 * Windows having no Nt form of them), and RegNotifyChangeKeyValue on an HKCR
 * handle watches both sides (NtNotifyChangeMultipleKeys exists for it). */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

#define MACHINE L"Software\\Classes\\"
#define USER L"Software\\Classes\\"

static void cleanup(void)
{
    static const WCHAR *names[] = {L"VineTestClsMachine", L"VineTestClsUser", L"VineTestClsBoth", L"VineTestClsNew",
                                   L"VineTestClsLate", L"VineTestClsTree", L"VineTestClsCopy", L"VineTestClsNotify"};
    WCHAR path[MAX_PATH];
    int i;
    for (i = 0; i < 8; i++) {
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

/* The subkey names (or with `values` the value names) of `key`, joined by
 * ',' in enumeration order; *count: what RegQueryInfoKey counts of them. */
static const WCHAR *names_of(HKEY key, BOOL values, DWORD *count)
{
    static WCHAR list[512];
    WCHAR name[64];
    DWORD index, length;
    LONG error;
    list[0] = 0;
    for (index = 0;; index++) {
        length = 64;
        if (values) error = RegEnumValueW(key, index, name, &length, NULL, NULL, NULL, NULL);
        else error = RegEnumKeyExW(key, index, name, &length, NULL, NULL, NULL, NULL);
        if (error) break;
        if (index) wcscat(list, L",");
        wcscat(list, name);
    }
    *count = (DWORD)-1;
    if (values) RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, count, NULL, NULL, NULL, NULL);
    else RegQueryInfoKeyW(key, NULL, NULL, NULL, count, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    return list;
}

/* The subkeys of `path` below `root`, as names_of lists them. */
static const WCHAR *subkeys(HKEY root, const WCHAR *path, DWORD *count)
{
    const WCHAR *list;
    HKEY key;
    *count = (DWORD)-1;
    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key)) return L"";
    list = names_of(key, FALSE, count);
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

/* The value names of `key`, as names_of lists them. */
static const WCHAR *value_names(HKEY key, DWORD *count) { return names_of(key, TRUE, count); }

static void set_sz(HKEY root, const WCHAR *path, const WCHAR *name, const WCHAR *text)
{
    LONG error = RegSetKeyValueW(root, path, name, REG_SZ, text, (DWORD)(wcslen(text) + 1) * 2);
    ok(error == ERROR_SUCCESS, "set %ls\\%ls (error %ld)", path, name, error);
}

static void test_late_user_key(void)
{
    HKEY key;
    LONG error;
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsLate", L"machine");
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsLate", 0, KEY_ALL_ACCESS, &key);
    ok(error == ERROR_SUCCESS, "open a machine's class through HKCR (error %ld)", error);
    if (error) return;
    ok(!wcscmp(who(key, NULL), L"machine"), "it reads the machine's key (got %ls)", who(key, NULL));
    make(HKEY_CURRENT_USER, USER L"VineTestClsLate", L"user");
    ok(!wcscmp(who(key, NULL), L"user"), "once the user has the class, the same handle reads the user's key (got %ls)",
       who(key, NULL));
    set_sz(key, NULL, L"who", L"written");
    ok(!wcscmp(who(HKEY_CURRENT_USER, USER L"VineTestClsLate"), L"written"), "and writes there (got %ls)",
       who(HKEY_CURRENT_USER, USER L"VineTestClsLate"));
    ok(!wcscmp(who(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsLate"), L"machine"), "not in the machine's (got %ls)",
       who(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsLate"));
    RegCloseKey(key);
}

static void test_value_enumeration(void)
{
    const WCHAR *list;
    DWORD count, size;
    WCHAR data[16];
    HKEY key;
    LONG error;
    make(HKEY_CURRENT_USER, USER L"VineTestClsBoth", NULL);
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", NULL);
    RegDeleteKeyValueW(HKEY_CURRENT_USER, USER L"VineTestClsBoth", L"who");
    RegDeleteKeyValueW(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"who");
    RegDeleteKeyValueW(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"onlymachine");
    RegDeleteKeyValueW(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"written");
    RegDeleteKeyValueW(HKEY_CURRENT_USER, USER L"VineTestClsBoth", L"written");
    set_sz(HKEY_CURRENT_USER, USER L"VineTestClsBoth", L"X", L"user");
    set_sz(HKEY_CURRENT_USER, USER L"VineTestClsBoth", L"Y", L"user");
    set_sz(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"X", L"machine");
    set_sz(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsBoth", L"Z", L"machine");
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsBoth", 0, KEY_READ, &key);
    ok(error == ERROR_SUCCESS, "open a shared class (error %ld)", error);
    if (error) return;
    list = value_names(key, &count);
    ok(!wcscmp(list, L"X,Y,Z"), "values enumerate as the user's, then the machine's the user lacks (got %ls)", list);
    ok(count == 3, "RegQueryInfoKey counts them so (got %lu)", count);
    size = sizeof(data);
    data[0] = 0;
    error = RegQueryValueExW(key, L"X", NULL, NULL, (BYTE *)data, &size);
    ok(error == ERROR_SUCCESS && !wcscmp(data, L"user"), "X is the user's (error %ld, %ls)", error, data);
    RegCloseKey(key);
}

static void test_copy_tree(void)
{
    const WCHAR *list;
    DWORD count;
    HKEY source, target;
    LONG error;
    /* A view both sides make: the copy holds what the view shows. */
    make(HKEY_CURRENT_USER, USER L"VineTestClsTree\\u1\\deep", L"user");
    make(HKEY_CURRENT_USER, USER L"VineTestClsTree\\both", L"user");
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree\\m1", L"machine");
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree\\both\\mdeep", L"machine");
    set_sz(HKEY_CURRENT_USER, USER L"VineTestClsTree", L"uv", L"user");
    set_sz(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree", L"mv", L"machine");
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsCopied");
    error = RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsCopied", 0, NULL, 0, KEY_ALL_ACCESS, NULL,
                            &target, NULL);
    ok(error == ERROR_SUCCESS, "create the copy's target (error %ld)", error);
    if (error) return;
    error = RegCopyTreeW(HKEY_CLASSES_ROOT, L"VineTestClsTree", target);
    ok(error == ERROR_SUCCESS, "RegCopyTree from HKCR (error %ld)", error);
    list = subkeys(target, NULL, &count);
    ok(!wcscmp(list, L"both,m1,u1"), "the copy has the subkeys of both sides (got %ls)", list);
    list = subkeys(target, L"both", &count);
    ok(!wcscmp(list, L"mdeep"), "and one level deeper (got %ls)", list);
    ok(!wcscmp(who(target, L"both"), L"user"), "the user's values of a key both have (got %ls)", who(target, L"both"));
    ok(exists(target, L"u1\\deep"), "a user's key's subtree is copied");
    list = value_names(target, &count);
    ok(!wcscmp(list, L"uv,mv"), "the values the view enumerates (got %ls)", list);
    RegCloseKey(target);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsCopied");

    /* Into HKCR: new keys where RegCreateKeyEx through HKCR puts them. */
    make(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsSource\\VineTestClsCopy\\inner", L"copied");
    make(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsSource\\VineTestClsUser\\added", L"copied");
    error = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsSource", 0, KEY_READ, &source);
    ok(error == ERROR_SUCCESS, "open the source (error %ld)", error);
    if (error) return;
    error = RegCopyTreeW(source, NULL, HKEY_CLASSES_ROOT);
    ok(error == ERROR_SUCCESS, "RegCopyTree into HKCR (error %ld)", error);
    ok(exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsCopy\\inner"), "a new class goes to the machine's classes");
    ok(!exists(HKEY_CURRENT_USER, USER L"VineTestClsCopy"), "not the user's");
    ok(exists(HKEY_CURRENT_USER, USER L"VineTestClsUser\\added"), "below a user's class, to the user's classes");
    ok(!exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsUser\\added"), "not the machine's");
    RegCloseKey(source);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineTest\\ClsSource");
}

static void test_delete_tree(void)
{
    const WCHAR *list;
    DWORD count;
    HKEY key;
    LONG error;
    /* The key's contents go from both sides. */
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsTree", 0, KEY_ALL_ACCESS, &key);
    ok(error == ERROR_SUCCESS, "open the tree through HKCR (error %ld)", error);
    if (error) return;
    error = RegDeleteTreeW(key, NULL);
    ok(error == ERROR_SUCCESS, "RegDeleteTree(NULL) through HKCR (error %ld)", error);
    list = subkeys(key, NULL, &count);
    ok(!wcscmp(list, L"") && count == 0, "no subkey is left in the view (got %ls)", list);
    list = value_names(key, &count);
    ok(!wcscmp(list, L"") && count == 0, "no value is left in the view (got %ls)", list);
    ok(!exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree\\m1") &&
           !exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree\\both"),
       "the machine's subkeys are gone");
    ok(!exists(HKEY_CURRENT_USER, USER L"VineTestClsTree\\u1"), "the user's too");
    ok(exists(HKEY_CURRENT_USER, USER L"VineTestClsTree") && exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree"),
       "the key itself stays on both sides");
    RegCloseKey(key);

    /* With a subkey: its subtree goes from both sides, then the key as
     * RegDeleteKey deletes it: the user's one. */
    make(HKEY_CURRENT_USER, USER L"VineTestClsTree\\u1\\deep", L"user");
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree\\m1", L"machine");
    error = RegDeleteTreeW(HKEY_CLASSES_ROOT, L"VineTestClsTree");
    ok(error == ERROR_SUCCESS, "RegDeleteTree(HKCR, class) (error %ld)", error);
    ok(!exists(HKEY_CURRENT_USER, USER L"VineTestClsTree"), "the user's class is gone");
    ok(!exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree\\m1"), "the machine's subkeys are gone");
    ok(exists(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsTree"), "the machine's key of that name stays");
    error = RegDeleteTreeW(HKEY_CLASSES_ROOT, L"VineTestClsTree");
    ok(error == ERROR_SUCCESS, "a second RegDeleteTree (error %ld)", error);
    ok(!exists(HKEY_CLASSES_ROOT, L"VineTestClsTree"), "then the class is gone from the view");
    error = RegDeleteTreeW(HKEY_CLASSES_ROOT, L"VineTestClsTree");
    ok(error == ERROR_FILE_NOT_FOUND, "a third finds nothing (got %ld)", error);
}

static void test_notify(void)
{
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    HKEY key;
    LONG error;
    make(HKEY_CURRENT_USER, USER L"VineTestClsNotify", L"user");
    make(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsNotify", L"machine");
    error = RegOpenKeyExW(HKEY_CLASSES_ROOT, L"VineTestClsNotify", 0, KEY_NOTIFY | KEY_READ, &key);
    ok(error == ERROR_SUCCESS, "open a shared class (error %ld)", error);
    if (error) return;
    error = RegNotifyChangeKeyValue(key, TRUE, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET, event, TRUE);
    ok(error == ERROR_SUCCESS, "watch it (error %ld)", error);
    set_sz(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsNotify", L"m", L"machine");
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "a change in the machine's key wakes the watcher");
    error = RegNotifyChangeKeyValue(key, TRUE, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET, event, TRUE);
    make(HKEY_CURRENT_USER, USER L"VineTestClsNotify\\sub", NULL);
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "a change in the user's key too");
    RegCloseKey(key);

    /* HKEY_CLASSES_ROOT itself, its subtree: both sides. */
    error = RegNotifyChangeKeyValue(HKEY_CLASSES_ROOT, TRUE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE);
    ok(error == ERROR_SUCCESS, "watch HKCR (error %ld)", error);
    set_sz(HKEY_CURRENT_USER, USER L"VineTestClsNotify\\sub", L"u", L"user");
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "a value set in the user's classes wakes an HKCR watcher");
    error = RegNotifyChangeKeyValue(HKEY_CLASSES_ROOT, TRUE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE);
    set_sz(HKEY_LOCAL_MACHINE, MACHINE L"VineTestClsNotify", L"m2", L"machine");
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "and one in the machine's");
    CloseHandle(event);
}

int main(void)
{
    cleanup();
    test_open_and_values();
    test_enumeration();
    test_create();
    test_user_classes_root();
    test_late_user_key();
    test_value_enumeration();
    test_copy_tree();
    test_delete_tree();
    test_notify();
    cleanup();
    return vt_summary();
}
