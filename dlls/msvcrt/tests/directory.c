/* _mkdir/_rmdir/_chdir/_getcwd/_access (and wide forms) and
 * _beginthreadex/_endthreadex/_beginthread. Built twice: on msvcrt.dll and
 * on the Universal CRT (ucrtbase through api-ms-win-crt-*), which share
 * this code in Vine and behave the same here on Windows. */
#include <direct.h>
#include <errno.h>
#include <io.h>
#include <process.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

static volatile LONG ran;
static HANDLE done_event;

static unsigned __stdcall returns_42(void *arg)
{
    InterlockedExchange(&ran, *(int *)arg);
    return 42;
}

static unsigned __stdcall ends_with_7(void *arg)
{
    (void)arg;
    _endthreadex(7);
    return 1;
}

static void __cdecl plain_thread(void *arg)
{
    InterlockedExchange(&ran, (LONG)(INT_PTR)arg);
    SetEvent(done_event);
}

int main(void)
{
    char cwd[MAX_PATH], *allocated;
    wchar_t wcwd[MAX_PATH];
    size_t len;
    int value = 5;
    unsigned id = 0;
    DWORD code = 0;
    HANDLE thread;

    _rmdir("vt_dir");
    ok(_mkdir("vt_dir") == 0, "_mkdir");
    errno = 0;
    ok(_mkdir("vt_dir") == -1 && errno == EEXIST, "_mkdir of an existing directory: EEXIST (%d)", errno);
    ok(_access("vt_dir", 0) == 0 && _access("vt_dir", 6) == 0, "_access of the directory");
    errno = 0;
    ok(_access("vt_not_there", 0) == -1 && errno == ENOENT, "_access of a missing file: ENOENT (%d)", errno);
    errno = 0;
    ok(_access("vt_dir", 1) == -1 && errno == EINVAL, "_access with a bad mode: EINVAL (%d)", errno);
    ok(_chdir("vt_dir") == 0, "_chdir into it");
    ok(_getcwd(cwd, sizeof cwd) == cwd, "_getcwd");
    len = strlen(cwd);
    ok(len > 7 && strcmp(cwd + len - 7, "\\vt_dir") == 0, "the current directory ends in \\vt_dir (%s)", cwd);
    allocated = _getcwd(NULL, 0);
    ok(allocated && strcmp(allocated, cwd) == 0, "_getcwd(NULL, 0) allocates");
    free(allocated);
    errno = 0;
    ok(_getcwd(cwd, 3) == NULL && errno == ERANGE, "_getcwd into a short buffer: ERANGE (%d)", errno);
    ok(_wgetcwd(wcwd, MAX_PATH) == wcwd && wcslen(wcwd) == len, "_wgetcwd");
    ok(_chdir("..") == 0, "_chdir back");
    ok(_rmdir("vt_dir") == 0, "_rmdir");
    errno = 0;
    ok(_rmdir("vt_dir") == -1 && errno == ENOENT, "_rmdir of a missing directory: ENOENT (%d)", errno);
    ok(_wmkdir(L"vt_wdir") == 0 && _waccess(L"vt_wdir", 0) == 0 && _wrmdir(L"vt_wdir") == 0, "_wmkdir, _waccess, _wrmdir");

    thread = (HANDLE)_beginthreadex(NULL, 0, returns_42, &value, 0, &id);
    ok(thread != NULL && id != 0, "_beginthreadex");
    WaitForSingleObject(thread, INFINITE);
    ok(GetExitCodeThread(thread, &code) && code == 42, "its return value is the exit code (%lu)", code);
    ok(ran == 5, "the thread ran with its argument");
    CloseHandle(thread);
    thread = (HANDLE)_beginthreadex(NULL, 0, ends_with_7, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    ok(GetExitCodeThread(thread, &code) && code == 7, "_endthreadex(7) (%lu)", code);
    CloseHandle(thread);

    done_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(_beginthread(plain_thread, 0, (void *)(INT_PTR)9) != (uintptr_t)-1, "_beginthread");
    ok(WaitForSingleObject(done_event, 5000) == WAIT_OBJECT_0 && ran == 9, "the _beginthread thread ran");
    return vt_summary();
}
