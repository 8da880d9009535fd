/* Application hives (RegLoadAppKey), as its documentation describes them:
 * a missing file becomes an empty hive; no privilege is needed; the hive is
 * reached only through the handle returned, not below HKLM or HKU; loading
 * a file already loaded gives the same hive; with REG_PROCESS_APPKEY it
 * cannot be loaded again while loaded; it is unloaded (and its changes are
 * in its file) once every handle to a key in it is closed; a file that is
 * no hive is refused with ERROR_BADDB. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

static void temp_file(WCHAR *path, const WCHAR *name)
{
    GetTempPathW(MAX_PATH, path);
    wcscat(path, name);
    DeleteFileW(path);
}

static DWORD number_of(HKEY root, const WCHAR *path, const WCHAR *name)
{
    DWORD number = 0, size = sizeof(number);
    if (RegGetValueW(root, path, name, RRF_RT_REG_DWORD, NULL, &number, &size)) return (DWORD)-1;
    return number;
}

/* Whether the file holds `text` (the value's name, written in it). */
static BOOL file_holds(const WCHAR *path, const char *text)
{
    static char buffer[65536];
    DWORD got = 0, i, length = (DWORD)strlen(text);
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    ReadFile(file, buffer, sizeof(buffer), &got, NULL);
    CloseHandle(file);
    for (i = 0; i + length <= got; i++)
        if (!memcmp(buffer + i, text, length)) return TRUE;
    return FALSE;
}

/* Whether a subkey of `root` has a name starting with '{' (how Windows
 * names application hives). */
static BOOL lists_guid_key(HKEY root)
{
    WCHAR name[256];
    DWORD index, length;
    for (index = 0;; index++) {
        length = 256;
        if (RegEnumKeyExW(root, index, name, &length, NULL, NULL, NULL, NULL)) return FALSE;
        if (name[0] == '{') return TRUE;
    }
}

static void test_load(void)
{
    WCHAR file[MAX_PATH];
    DWORD number = 42;
    HKEY hive, again, sub;
    LONG error;

    temp_file(file, L"vine-app-hive.dat");
    error = RegLoadAppKeyW(file, &hive, KEY_ALL_ACCESS, 0, 0);
    ok(error == ERROR_SUCCESS, "RegLoadAppKey of a missing file, without privileges (error %ld)", error);
    if (error) return;
    ok(GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES, "the file is made");
    error = RegCreateKeyExW(hive, L"Settings", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
    ok(error == ERROR_SUCCESS, "a key made in it (error %ld)", error);
    if (!error) {
        error = RegSetValueExW(sub, L"VineAppNumber", 0, REG_DWORD, (const BYTE *)&number, sizeof(number));
        ok(error == ERROR_SUCCESS, "a value set (error %ld)", error);
        RegCloseKey(sub);
    }
    ok(number_of(hive, L"Settings", L"VineAppNumber") == 42, "read back through the hive's handle");
    ok(!lists_guid_key(HKEY_LOCAL_MACHINE) && !lists_guid_key(HKEY_USERS), "the hive is not below HKLM or HKU");

    error = RegLoadAppKeyW(file, &again, KEY_READ, 0, 0);
    ok(error == ERROR_SUCCESS, "the same file loaded again (error %ld)", error);
    if (!error) {
        ok(number_of(again, L"Settings", L"VineAppNumber") == 42, "gives the loaded hive");
        RegCloseKey(again);
    }
    ok(number_of(hive, L"Settings", L"VineAppNumber") == 42, "closing the second handle leaves it loaded");

    /* A key of the hive keeps it loaded when its root's handle is closed. */
    error = RegOpenKeyExW(hive, L"Settings", 0, KEY_READ, &sub);
    ok(error == ERROR_SUCCESS, "open a key in it (error %ld)", error);
    RegCloseKey(hive);
    if (!error) {
        ok(number_of(sub, NULL, L"VineAppNumber") == 42, "a key still open keeps the hive");
        RegCloseKey(sub);
    }
    ok(file_holds(file, "VineAppNumber"), "once every handle is closed, the changes are in the file");

    error = RegLoadAppKeyW(file, &hive, KEY_READ, 0, 0);
    ok(error == ERROR_SUCCESS, "load it once more (error %ld)", error);
    if (!error) {
        ok(number_of(hive, L"Settings", L"VineAppNumber") == 42, "what was written is in it");
        RegCloseKey(hive);
    }
    DeleteFileW(file);
}

static void test_private(void)
{
    WCHAR file[MAX_PATH];
    HKEY hive, again = NULL;
    LONG error;

    temp_file(file, L"vine-app-hive-private.dat");
    error = RegLoadAppKeyW(file, &hive, KEY_ALL_ACCESS, REG_PROCESS_APPKEY, 0);
    ok(error == ERROR_SUCCESS, "RegLoadAppKey with REG_PROCESS_APPKEY (error %ld)", error);
    if (error) return;
    error = RegLoadAppKeyW(file, &again, KEY_READ, 0, 0);
    ok(error != ERROR_SUCCESS, "it cannot be loaded again while loaded (got %ld)", error);
    if (!error) RegCloseKey(again);
    RegCloseKey(hive);
    error = RegLoadAppKeyW(file, &hive, KEY_READ, 0, 0);
    ok(error == ERROR_SUCCESS, "once closed it loads again (error %ld)", error);
    if (!error) RegCloseKey(hive);
    DeleteFileW(file);
}

static void test_bad_file(void)
{
    static const char junk[] = "this is not a registry hive\n";
    WCHAR file[MAX_PATH];
    HANDLE handle;
    DWORD written;
    HKEY hive;
    LONG error;

    temp_file(file, L"vine-app-hive-junk.dat");
    handle = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(handle, junk, (DWORD)strlen(junk), &written, NULL);
    CloseHandle(handle);
    error = RegLoadAppKeyW(file, &hive, KEY_READ, 0, 0);
    ok(error == ERROR_BADDB, "a file that is no hive: ERROR_BADDB (got %ld)", error);
    if (!error) RegCloseKey(hive);
    DeleteFileW(file);
}

int main(void)
{
    test_load();
    test_private();
    test_bad_file();
    return vt_summary();
}
