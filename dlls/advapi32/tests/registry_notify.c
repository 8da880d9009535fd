/* RegNotifyChangeKeyValue: with an event and synchronously; the filters
 * (a subkey made or deleted, a value set or deleted), bWatchSubtree, one
 * signal per registration, the event set when the key is closed or deleted
 * and when the registering thread ends (unless REG_NOTIFY_THREAD_AGNOSTIC),
 * KEY_NOTIFY required; a change made by another process wakes the watcher.
 * Expectations are Windows' documented results. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

#define TEST_KEY L"Software\\VineTest\\notify"
#define FILTER_ALL (REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_ATTRIBUTES | REG_NOTIFY_CHANGE_LAST_SET | \
                    REG_NOTIFY_CHANGE_SECURITY)

static HKEY open_test_key(const WCHAR *sub)
{
    WCHAR path[256];
    HKEY key = NULL;
    LONG error;
    wcscpy(path, TEST_KEY);
    if (sub) {
        wcscat(path, L"\\");
        wcscat(path, sub);
    }
    error = RegCreateKeyExW(HKEY_CURRENT_USER, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    ok(error == ERROR_SUCCESS, "create %ls (error %ld)", path, error);
    return key;
}

static void set_number(HKEY key, const WCHAR *name, DWORD number)
{
    RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&number, sizeof(number));
}

static int signaled(HANDLE event) { return WaitForSingleObject(event, 0) == WAIT_OBJECT_0; }

static void test_event(void)
{
    HKEY key = open_test_key(NULL), sub, reader;
    HANDLE event = CreateEventW(NULL, TRUE, TRUE, NULL);  /* set: registering resets it */
    LONG error;

    error = RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_NAME, event, TRUE);
    ok(error == ERROR_SUCCESS, "register REG_NOTIFY_CHANGE_NAME (error %ld)", error);
    ok(!signaled(event), "registering resets the event");
    set_number(key, L"value", 1);
    ok(!signaled(event), "a value set is not a name change");
    sub = open_test_key(L"child");
    ok(signaled(event), "a new subkey sets the event");
    ResetEvent(event);
    RegCloseKey(sub);
    RegDeleteKeyW(key, L"child");
    ok(!signaled(event), "once per registration: a second change after the first does not set it again");

    ok(RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_NAME, event, TRUE) == ERROR_SUCCESS, "register again");
    RegCloseKey(open_test_key(L"child"));
    ok(RegDeleteKeyW(key, L"child") == ERROR_SUCCESS && signaled(event), "a deleted subkey is a name change too");

    /* The same handle keeps the filter it was first registered with. */
    ResetEvent(event);
    ok(RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE) == ERROR_SUCCESS,
       "register REG_NOTIFY_CHANGE_LAST_SET through the same handle");
    set_number(key, L"value", 2);
    ok(!signaled(event), "the new filter is ignored: a value set does not set the event");
    RegCloseKey(open_test_key(L"child"));
    ok(signaled(event), "the first one still holds: a new subkey does");
    RegCloseKey(key);

    key = open_test_key(NULL);
    ResetEvent(event);
    ok(RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE) == ERROR_SUCCESS,
       "register REG_NOTIFY_CHANGE_LAST_SET on a new handle");
    ok(RegDeleteKeyW(key, L"child") == ERROR_SUCCESS && !signaled(event), "a deleted subkey is not a value change");
    set_number(key, L"value", 2);
    ok(signaled(event), "a value set sets it");
    ResetEvent(event);
    ok(RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE) == ERROR_SUCCESS, "again");
    RegDeleteValueW(key, L"value");
    ok(signaled(event), "a value deleted sets it");

    /* bWatchSubtree: changes below the key. */
    sub = open_test_key(L"deeper");
    ResetEvent(event);
    ok(RegNotifyChangeKeyValue(key, FALSE, FILTER_ALL, event, TRUE) == ERROR_SUCCESS, "watch the key alone");
    set_number(sub, L"below", 1);
    ok(!signaled(event), "without bWatchSubtree a subkey's value is not watched");
    RegCloseKey(key);
    ok(signaled(event), "closing the watched key sets the event");
    key = open_test_key(NULL);
    ResetEvent(event);
    ok(RegNotifyChangeKeyValue(key, TRUE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE) == ERROR_SUCCESS,
       "watch the subtree");
    set_number(sub, L"below", 2);
    ok(signaled(event), "with bWatchSubtree a subkey's value sets it");

    /* A deleted watched key. */
    ResetEvent(event);
    ok(RegNotifyChangeKeyValue(sub, FALSE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE) == ERROR_SUCCESS,
       "watch a key about to be deleted");
    ok(RegDeleteKeyW(key, L"deeper") == ERROR_SUCCESS && signaled(event), "deleting the watched key sets the event");
    RegCloseKey(sub);

    /* Rights and parameters. */
    ok(RegOpenKeyExW(HKEY_CURRENT_USER, TEST_KEY, 0, KEY_QUERY_VALUE, &reader) == ERROR_SUCCESS, "open without KEY_NOTIFY");
    error = RegNotifyChangeKeyValue(reader, FALSE, REG_NOTIFY_CHANGE_NAME, event, TRUE);
    ok(error == ERROR_ACCESS_DENIED, "without KEY_NOTIFY: ERROR_ACCESS_DENIED (got %ld)", error);
    RegCloseKey(reader);
    error = RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_NAME, NULL, TRUE);
    ok(error == ERROR_INVALID_PARAMETER, "asynchronous without an event: ERROR_INVALID_PARAMETER (got %ld)", error);
    error = RegNotifyChangeKeyValue(key, FALSE, REG_NOTIFY_CHANGE_NAME, key, TRUE);
    ok(error == ERROR_INVALID_HANDLE, "a key handle as the event: ERROR_INVALID_HANDLE (got %ld)", error);
    RegCloseKey(key);
    CloseHandle(event);
}

struct watch {
    HKEY key;
    HANDLE event;
    DWORD filter;
    LONG result;
};

static DWORD WINAPI register_and_exit(void *parameter)
{
    struct watch *watch = parameter;
    watch->result = RegNotifyChangeKeyValue(watch->key, FALSE, watch->filter, watch->event, TRUE);
    return 0;
}

static DWORD WINAPI wait_synchronously(void *parameter)
{
    struct watch *watch = parameter;
    watch->result = RegNotifyChangeKeyValue(watch->key, FALSE, REG_NOTIFY_CHANGE_LAST_SET, NULL, FALSE);
    return 0;
}

static void test_threads(void)
{
    struct watch watch;
    HANDLE thread;
    watch.key = open_test_key(NULL);
    watch.event = CreateEventW(NULL, TRUE, FALSE, NULL);

    watch.filter = REG_NOTIFY_CHANGE_LAST_SET;
    thread = CreateThread(NULL, 0, register_and_exit, &watch, 0, NULL);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    ok(watch.result == ERROR_SUCCESS, "a thread registers (error %ld)", watch.result);
    ok(WaitForSingleObject(watch.event, 2000) == WAIT_OBJECT_0, "its end sets the event");

    ResetEvent(watch.event);
    watch.filter = REG_NOTIFY_CHANGE_LAST_SET | REG_NOTIFY_THREAD_AGNOSTIC;
    thread = CreateThread(NULL, 0, register_and_exit, &watch, 0, NULL);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    ok(watch.result == ERROR_SUCCESS, "a thread registers with REG_NOTIFY_THREAD_AGNOSTIC (error %ld)", watch.result);
    Sleep(50);
    ok(!signaled(watch.event), "then its end does not set the event");
    set_number(watch.key, L"agnostic", 1);
    ok(signaled(watch.event), "a change still does");

    /* Synchronous: the call returns once the key changes. */
    watch.result = -1;
    thread = CreateThread(NULL, 0, wait_synchronously, &watch, 0, NULL);
    ok(WaitForSingleObject(thread, 300) == WAIT_TIMEOUT, "a synchronous call blocks until a change");
    set_number(watch.key, L"wake", 1);
    {
        DWORD waited = WaitForSingleObject(thread, 5000);
        ok(waited == WAIT_OBJECT_0 && watch.result == ERROR_SUCCESS, "and returns ERROR_SUCCESS after one (got %lu, %ld)",
           waited, watch.result);
    }
    CloseHandle(thread);
    CloseHandle(watch.event);
    RegCloseKey(watch.key);
}

/* The child changes the key the parent watches. */
static int child(void)
{
    HKEY key;
    DWORD number = 42;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, TEST_KEY, 0, KEY_SET_VALUE, &key)) return 1;
    if (RegSetValueExW(key, L"from child", 0, REG_DWORD, (const BYTE *)&number, sizeof(number))) return 2;
    RegCloseKey(key);
    return 0;
}

static void test_other_process(void)
{
    HKEY key = open_test_key(NULL);
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    char self[MAX_PATH], command[MAX_PATH + 16];
    DWORD code = 99;

    ok(RegNotifyChangeKeyValue(key, TRUE, REG_NOTIFY_CHANGE_LAST_SET, event, TRUE) == ERROR_SUCCESS,
       "the parent watches");
    GetModuleFileNameA(NULL, self, sizeof(self));
    snprintf(command, sizeof(command), "\"%s\" child", self);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the child");
    ok(WaitForSingleObject(event, 10000) == WAIT_OBJECT_0, "the child's write sets the parent's event");
    WaitForSingleObject(pi.hProcess, 10000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "the child's exit code (got %lu)", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(event);
    RegCloseKey(key);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return child();
    RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY);
    test_event();
    test_threads();
    test_other_process();
    RegDeleteTreeW(HKEY_CURRENT_USER, TEST_KEY);
    return vt_summary();
}
