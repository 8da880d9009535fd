/* Reading the same values again and again sees every change at once: made
 * through the same handle, through another handle, by another process
 * (which writes while the parent holds its handle open and has read the
 * value before), by deleting the value or the whole key, and through a
 * handle value that was closed and given to another key. Windows has no
 * stale reads: RegQueryValueEx answers from the key as it is. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

#define TEST_KEY L"Software\\VineTestReread"

static HKEY open_key(const WCHAR *path)
{
    HKEY key = NULL;
    RegCreateKeyExW(HKEY_CURRENT_USER, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    return key;
}

static LONG read_number(HKEY key, const WCHAR *name, DWORD *number)
{
    DWORD size = sizeof(*number), type = 0;
    LONG error = RegQueryValueExW(key, name, NULL, &type, (BYTE *)number, &size);
    if (!error && type != REG_DWORD) return -1;
    return error;
}

static DWORD number_of(HKEY key, const WCHAR *name)
{
    DWORD number = 0xdeadbeef;
    if (read_number(key, name, &number)) return 0xdeadbeef;
    return number;
}

static void set_number(HKEY key, const WCHAR *name, DWORD number)
{
    RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&number, sizeof(number));
}

static int child(const char *number)
{
    HKEY key = open_key(TEST_KEY);
    if (!key) return 1;
    set_number(key, L"shared", (DWORD)atoi(number));
    RegCloseKey(key);
    return 0;
}

static void run_child(const char *number)
{
    char self[MAX_PATH], command[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD code = 1;
    GetModuleFileNameA(NULL, self, sizeof(self));
    snprintf(command, sizeof(command), "\"%s\" child %s", self, number);
    if (!CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        ok(0, "start the child (error %lu)", GetLastError());
        return;
    }
    WaitForSingleObject(pi.hProcess, 10000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "the child wrote %s (exit code %lu)", number, code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
    HKEY key, other, reused;
    DWORD number, i;
    LONG error;
    if (argc > 2 && !strcmp(argv[1], "child")) return child(argv[2]);

    RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY);
    key = open_key(TEST_KEY);
    ok(key != NULL, "create the key");

    set_number(key, L"shared", 1);
    for (i = 0; i < 3; i++) ok(number_of(key, L"shared") == 1, "read %lu: 1", i + 1);
    set_number(key, L"shared", 2);
    ok(number_of(key, L"shared") == 2, "a write through the same handle is read back at once");

    other = open_key(TEST_KEY);
    set_number(other, L"shared", 3);
    ok(number_of(key, L"shared") == 3, "a write through another handle is read at once");

    run_child("4");
    ok(number_of(key, L"shared") == 4, "a write by another process is read at once (got %lu)", number_of(key, L"shared"));
    run_child("5");
    ok(number_of(key, L"shared") == 5, "and again (got %lu)", number_of(key, L"shared"));

    ok(read_number(key, L"missing", &number) == ERROR_FILE_NOT_FOUND, "a missing value: ERROR_FILE_NOT_FOUND");
    ok(read_number(key, L"missing", &number) == ERROR_FILE_NOT_FOUND, "asked again: still");
    set_number(other, L"missing", 6);
    ok(number_of(key, L"missing") == 6, "once another handle makes it, it is there");
    ok(RegDeleteValueW(other, L"missing") == ERROR_SUCCESS, "delete it");
    ok(read_number(key, L"missing", &number) == ERROR_FILE_NOT_FOUND, "deleted: ERROR_FILE_NOT_FOUND again");

    /* A key's handle closed and a new key opened: the handle value may be
     * the same one, and must name the new key. */
    {
        HKEY sub = open_key(TEST_KEY L"\\sub");
        set_number(sub, L"shared", 7);
        RegCloseKey(sub);
    }
    ok(number_of(key, L"shared") == 5, "the first key still holds 5");
    {
        /* Open the other key until a handle comes back with the closed
         * one's value (handle values are reused), at most 16 tries. */
        HKEY closed = key, tries[16];
        int count = 0, k;
        RegCloseKey(key);
        reused = NULL;
        while (count < 16) {
            tries[count] = open_key(TEST_KEY L"\\sub");
            if (tries[count++] == closed) {
                reused = closed;
                break;
            }
        }
        if (reused)
            ok(number_of(reused, L"shared") == 7, "the closed handle's value, given to the other key, names it (got %lu)",
               number_of(reused, L"shared"));
        else
            printf("note: no handle value was reused in 16 opens\n");
        ok(number_of(tries[0], L"shared") == 7, "a handle to the other key reads its value");
        for (k = 0; k < count; k++) RegCloseKey(tries[k]);
    }

    RegCloseKey(other);
    key = open_key(TEST_KEY);
    ok(number_of(key, L"shared") == 5, "reopened: 5");
    ok(RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY) == ERROR_SUCCESS, "delete the whole key from elsewhere");
    error = read_number(key, L"shared", &number);
    ok(error == ERROR_KEY_DELETED, "its values are gone: ERROR_KEY_DELETED (got %ld)", error);
    RegCloseKey(key);
    return vt_summary();
}
