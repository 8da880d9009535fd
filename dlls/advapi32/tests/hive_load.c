/* Hives loaded and unloaded (RegLoadKey, RegUnLoadKey, NtLoadKey,
 * NtUnloadKey2), from files RegSaveKey wrote: only right below HKLM or HKU,
 * only with SE_RESTORE_NAME and SE_BACKUP_NAME enabled; the loaded keys
 * read as saved and changes are kept in the file; a key of the hive still
 * open keeps it loaded; a file that is no hive is refused with ERROR_BADDB
 * and left as it was; a missing file becomes a new, empty hive. RegReplaceKey
 * replaces a hive's file for its next load. */
#include <windows.h>
#include <winternl.h>
#include <string.h>

#include "privilege.h"
#include "vinetest.h"

#define TEST_KEY L"Software\\VineTest\\hive_load"

static void temp_file(WCHAR *path, const WCHAR *name)
{
    GetTempPathW(MAX_PATH, path);
    wcscat(path, name);
    DeleteFileW(path);
}

static BOOL exists(HKEY root, const WCHAR *path)
{
    HKEY key;
    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key)) return FALSE;
    RegCloseKey(key);
    return TRUE;
}

static DWORD number_of(HKEY root, const WCHAR *path, const WCHAR *name)
{
    DWORD number = 0, size = sizeof(number);
    if (RegGetValueW(root, path, name, RRF_RT_REG_DWORD, NULL, &number, &size)) return (DWORD)-1;
    return number;
}

static void write_file(const WCHAR *path, const char *text)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written = 0;
    WriteFile(file, text, (DWORD)strlen(text), &written, NULL);
    CloseHandle(file);
}

static BOOL file_is(const WCHAR *path, const char *text)
{
    char buffer[256];
    DWORD got = 0;
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    ReadFile(file, buffer, sizeof(buffer), &got, NULL);
    CloseHandle(file);
    return got == strlen(text) && !memcmp(buffer, text, got);
}

static void test_load_unload(void)
{
    WCHAR file[MAX_PATH], text[16];
    DWORD number = 11, size;
    HKEY source, key;
    LONG error;

    temp_file(file, L"vine-hive-load.hiv");
    RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY);
    error = RegCreateKeyExW(HKEY_CURRENT_USER, TEST_KEY L"\\source", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &source, NULL);
    ok(error == ERROR_SUCCESS, "create the source key (error %ld)", error);
    RegSetValueExW(source, L"number", 0, REG_DWORD, (const BYTE *)&number, 4);
    RegSetKeyValueW(source, L"sub\\deeper", L"text", REG_SZ, L"saved", 12);

    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive", file);
    ok(error == ERROR_PRIVILEGE_NOT_HELD, "RegLoadKey without the privileges enabled: ERROR_PRIVILEGE_NOT_HELD (got %ld)",
       error);
    ok(!exists(HKEY_LOCAL_MACHINE, L"VineTestHive"), "and nothing is loaded");
    ok(GetFileAttributesW(file) == INVALID_FILE_ATTRIBUTES, "nor a file made");
    ok(enable_privilege(L"SeBackupPrivilege"), "enable SE_BACKUP_NAME");
    error = RegSaveKeyW(source, file, NULL);
    ok(error == ERROR_SUCCESS, "RegSaveKey (error %ld)", error);
    error = RegSaveKeyW(source, file, NULL);
    ok(error == ERROR_ALREADY_EXISTS, "RegSaveKey onto an existing file: ERROR_ALREADY_EXISTS (got %ld)", error);
    RegCloseKey(source);
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive", file);
    ok(error == ERROR_PRIVILEGE_NOT_HELD, "with SE_BACKUP_NAME only: ERROR_PRIVILEGE_NOT_HELD (got %ld)", error);
    ok(enable_privilege(L"SeRestorePrivilege"), "enable SE_RESTORE_NAME");

    error = RegLoadKeyW(HKEY_CURRENT_USER, L"VineTestHive", file);
    ok(error != ERROR_SUCCESS, "HKEY_CURRENT_USER cannot hold a hive (got %ld)", error);
    ok(!exists(HKEY_CURRENT_USER, L"VineTestHive"), "and nothing was made there");
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"Software\\VineTestHive", file);
    ok(error != ERROR_SUCCESS, "nor a key below HKLM's subkeys (got %ld)", error);
    ok(!exists(HKEY_LOCAL_MACHINE, L"Software\\VineTestHive"), "and nothing was made there");

    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive", file);
    ok(error == ERROR_SUCCESS, "RegLoadKey (error %ld)", error);
    ok(number_of(HKEY_LOCAL_MACHINE, L"VineTestHive", L"number") == 11, "the saved key's values are at the new key");
    size = sizeof(text);
    error = RegGetValueW(HKEY_LOCAL_MACHINE, L"VineTestHive\\sub\\deeper", L"text", RRF_RT_REG_SZ, NULL, text, &size);
    ok(error == ERROR_SUCCESS && !wcscmp(text, L"saved"), "and its subkeys' (got %ld)", error);
    error = RegLoadKeyW(HKEY_USERS, L"VineTestHive2", file);
    ok(error == ERROR_SHARING_VIOLATION, "the same file twice: ERROR_SHARING_VIOLATION (got %ld)", error);
    ok(!exists(HKEY_USERS, L"VineTestHive2"), "and nothing was loaded");
    error = RegDeleteKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive");
    ok(error != ERROR_SUCCESS && exists(HKEY_LOCAL_MACHINE, L"VineTestHive"), "a hive's root is not deleted (got %ld)", error);

    number = 5;
    error = RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"VineTestHive", L"added", REG_DWORD, &number, 4);
    ok(error == ERROR_SUCCESS, "a value set in the loaded hive (error %ld)", error);
    error = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"VineTestHive\\sub", 0, KEY_READ, &key);
    ok(error == ERROR_SUCCESS, "open a key of the hive (error %ld)", error);
    error = RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive");
    ok(error == ERROR_ACCESS_DENIED, "RegUnLoadKey with a key of it open: ERROR_ACCESS_DENIED (got %ld)", error);
    ok(exists(HKEY_LOCAL_MACHINE, L"VineTestHive"), "and the hive stays");
    RegCloseKey(key);
    error = RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive");
    ok(error == ERROR_SUCCESS, "RegUnLoadKey (error %ld)", error);
    ok(!exists(HKEY_LOCAL_MACHINE, L"VineTestHive"), "the key is gone");
    ok(GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES, "the file stays");
    error = RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive");
    ok(error != ERROR_SUCCESS, "unloading it again fails (got %ld)", error);
    error = RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"Software");
    ok(error == ERROR_ACCESS_DENIED, "a hive RegLoadKey did not load: ERROR_ACCESS_DENIED (got %ld)", error);
    ok(exists(HKEY_LOCAL_MACHINE, L"Software\\Microsoft"), "and it stays whole");
    error = RegUnLoadKeyW(HKEY_USERS, L".Default");
    ok(error == ERROR_ACCESS_DENIED, "nor HKU\\.Default: ERROR_ACCESS_DENIED (got %ld)", error);
    ok(exists(HKEY_USERS, L".Default"), "which stays");
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive", L"");
    ok(error == ERROR_INVALID_PARAMETER, "an empty file name: ERROR_INVALID_PARAMETER (got %ld)", error);

    error = RegLoadKeyA(HKEY_USERS, "VineTestHive", NULL);
    ok(error == ERROR_INVALID_PARAMETER, "no file: ERROR_INVALID_PARAMETER (got %ld)", error);
    {
        char ansi[MAX_PATH];
        WideCharToMultiByte(CP_ACP, 0, file, -1, ansi, MAX_PATH, NULL, NULL);
        error = RegLoadKeyA(HKEY_USERS, "VineTestHive", ansi);
    }
    ok(error == ERROR_SUCCESS, "RegLoadKeyA, under HKEY_USERS (error %ld)", error);
    ok(number_of(HKEY_USERS, L"VineTestHive", L"added") == 5, "the value set while it was loaded was kept in the file");
    ok(number_of(HKEY_USERS, L"VineTestHive", L"number") == 11, "with what it had");
    error = RegUnLoadKeyA(HKEY_USERS, "VineTestHive");
    ok(error == ERROR_SUCCESS, "RegUnLoadKeyA (error %ld)", error);
    DeleteFileW(file);
    RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY);
}

static void test_bad_and_new_files(void)
{
    static const char junk[] = "this is not a registry hive\n";
    WCHAR file[MAX_PATH];
    DWORD number = 7;
    LONG error;

    temp_file(file, L"vine-hive-junk.hiv");
    write_file(file, junk);
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHive", file);
    ok(error == ERROR_BADDB, "a file that is no hive: ERROR_BADDB (got %ld)", error);
    ok(!exists(HKEY_LOCAL_MACHINE, L"VineTestHive"), "nothing is loaded");
    ok(file_is(file, junk), "and the file is left as it was");
    DeleteFileW(file);

    /* "If this file does not exist, a file is created with the specified name." */
    temp_file(file, L"vine-hive-new.hiv");
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveNew", file);
    ok(error == ERROR_SUCCESS, "a missing file: a new hive (error %ld)", error);
    ok(GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES, "the file is made");
    error = RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"VineTestHiveNew\\inside", L"number", REG_DWORD, &number, 4);
    ok(error == ERROR_SUCCESS, "keys and values go in it (error %ld)", error);
    ok(RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveNew") == ERROR_SUCCESS, "unload it");
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveNew", file);
    ok(error == ERROR_SUCCESS, "load it again (error %ld)", error);
    ok(number_of(HKEY_LOCAL_MACHINE, L"VineTestHiveNew\\inside", L"number") == 7, "what was written is in it");
    ok(RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveNew") == ERROR_SUCCESS, "unload it again");
    DeleteFileW(file);
}

typedef NTSTATUS(WINAPI *load_key_fn)(OBJECT_ATTRIBUTES *, OBJECT_ATTRIBUTES *);
typedef NTSTATUS(WINAPI *unload_key2_fn)(OBJECT_ATTRIBUTES *, ULONG);

static void init_attributes(OBJECT_ATTRIBUTES *attributes, UNICODE_STRING *string, WCHAR *text)
{
    string->Buffer = text;
    string->Length = string->MaximumLength = (USHORT)(wcslen(text) * 2);
    InitializeObjectAttributes(attributes, string, OBJ_CASE_INSENSITIVE, NULL, NULL);
}

static void test_nt(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    load_key_fn load = (load_key_fn)GetProcAddress(ntdll, "NtLoadKey");
    unload_key2_fn unload2 = (unload_key2_fn)GetProcAddress(ntdll, "NtUnloadKey2");
    WCHAR file[MAX_PATH], nt_file[MAX_PATH + 8] = L"\\??\\", target_name[] = L"\\Registry\\Machine\\VineTestHiveNt";
    UNICODE_STRING target_string, file_string;
    OBJECT_ATTRIBUTES target, source;
    DWORD number = 3;
    NTSTATUS status;
    HKEY key;
    LONG error;

    ok(load && unload2, "ntdll exports NtLoadKey and NtUnloadKey2");
    if (!load || !unload2) return;
    temp_file(file, L"vine-hive-nt.hiv");
    wcscat(nt_file, file);
    init_attributes(&target, &target_string, target_name);
    init_attributes(&source, &file_string, nt_file);
    status = load(&target, &source);
    ok(status == 0, "NtLoadKey with full names (status %#lx)", (unsigned long)status);
    status = load(&target, &source);
    ok(status != 0, "again at the same key fails (status %#lx)", (unsigned long)status);
    error = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"VineTestHiveNt\\open", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    ok(error == ERROR_SUCCESS, "a key made in it (error %ld)", error);
    status = unload2(&target, 0);
    ok(status == (NTSTATUS)0xc0000121, "NtUnloadKey2 with it open: STATUS_CANNOT_DELETE (status %#lx)", (unsigned long)status);
    status = unload2(&target, 1 /* REG_FORCE_UNLOAD */);
    ok(status == 0, "with REG_FORCE_UNLOAD (status %#lx)", (unsigned long)status);
    error = RegSetValueExW(key, L"number", 0, REG_DWORD, (const BYTE *)&number, 4);
    ok(error == ERROR_KEY_DELETED, "the open key is deleted: ERROR_KEY_DELETED (got %ld)", error);
    RegCloseKey(key);
    ok(!exists(HKEY_LOCAL_MACHINE, L"VineTestHiveNt"), "the hive is gone");
    DeleteFileW(file);
}

/* RegReplaceKey: the hive's file is replaced for the next load, the file
 * replaced kept as the backup; the running hive is left as it is. A key
 * below the hive's root names the hive too. */
static void test_replace(void)
{
    WCHAR file[MAX_PATH], replacement[MAX_PATH], backup[MAX_PATH];
    DWORD one = 1, two = 2;
    HKEY source;
    LONG error;

    temp_file(file, L"vine-hive-live.hiv");
    temp_file(replacement, L"vine-hive-replacement.hiv");
    temp_file(backup, L"vine-hive-backup.hiv");
    error = RegCreateKeyExW(HKEY_CURRENT_USER, TEST_KEY L"\\replacement", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &source,
                            NULL);
    ok(error == ERROR_SUCCESS, "create the replacement's source (error %ld)", error);
    if (error) return;
    RegSetKeyValueW(source, L"inside", L"number", REG_DWORD, &two, 4);
    error = RegSaveKeyW(source, replacement, NULL);
    ok(error == ERROR_SUCCESS, "save it (error %ld)", error);
    RegCloseKey(source);

    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive", file);
    ok(error == ERROR_SUCCESS, "load a new hive (error %ld)", error);
    if (error) return;
    RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive\\inside", L"number", REG_DWORD, &one, 4);
    error = RegReplaceKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive\\inside", replacement, backup);
    ok(error == ERROR_SUCCESS, "RegReplaceKey through a key below the hive's root (error %ld)", error);
    ok(number_of(HKEY_LOCAL_MACHINE, L"VineTestHiveLive\\inside", L"number") == 1, "the running hive is as it was");
    ok(RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive") == ERROR_SUCCESS, "unload it");

    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive", file);
    ok(error == ERROR_SUCCESS, "load the hive's file again (error %ld)", error);
    ok(number_of(HKEY_LOCAL_MACHINE, L"VineTestHiveLive\\inside", L"number") == 2, "it holds the replacement (got %lu)",
       number_of(HKEY_LOCAL_MACHINE, L"VineTestHiveLive\\inside", L"number"));
    ok(RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive") == ERROR_SUCCESS, "unload it");
    error = RegLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveOld", backup);
    ok(error == ERROR_SUCCESS, "load the backup (error %ld)", error);
    ok(number_of(HKEY_LOCAL_MACHINE, L"VineTestHiveOld\\inside", L"number") == 1, "it holds what was replaced (got %lu)",
       number_of(HKEY_LOCAL_MACHINE, L"VineTestHiveOld\\inside", L"number"));
    ok(RegUnLoadKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveOld") == ERROR_SUCCESS, "unload it");

    error = RegReplaceKeyW(HKEY_LOCAL_MACHINE, L"VineTestHiveLive", NULL, backup);
    ok(error == ERROR_INVALID_PARAMETER, "no new file: ERROR_INVALID_PARAMETER (got %ld)", error);
    DeleteFileW(file);
    DeleteFileW(replacement);
    DeleteFileW(backup);
    RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY);
}

int main(void)
{
    test_load_unload();
    test_bad_and_new_files();
    test_nt();
    test_replace();
    return vt_summary();
}
