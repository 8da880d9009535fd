/* Objects shared by two processes of one prefix, started independently by
 * cross_process.sh:
 *   cross_process holder  - owns a named mutex, writes its process id to a
 *                           file, then sleeps until it is terminated
 *   cross_process waiter  - meets it through named objects, terminates it
 *                           and inherits the abandoned mutex. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "vinetest.h"

#define MUTEX_NAME "vine-xproc-mutex"
#define READY_NAME "vine-xproc-ready"
#define SEM_NAME "vine-xproc-semaphore"

static int holder(void)
{
    HANDLE mutex = CreateMutexA(NULL, TRUE, MUTEX_NAME);
    HANDLE ready = CreateEventA(NULL, TRUE, FALSE, READY_NAME);
    HANDLE semaphore = CreateSemaphoreA(NULL, 0, 10, SEM_NAME);
    FILE *file = fopen("holder.pid", "w");
    if (!mutex || !ready || !semaphore || !file) return 1;
    fprintf(file, "%lu\n", GetCurrentProcessId());
    fclose(file);
    SetEvent(ready);
    /* Wait for the waiter to post twice, then sleep until terminated. */
    WaitForSingleObject(semaphore, INFINITE);
    WaitForSingleObject(semaphore, INFINITE);
    Sleep(INFINITE);
    return 0;
}

static int waiter(void)
{
    HANDLE ready = NULL, mutex, semaphore, process;
    DWORD pid = 0, code = 0;
    FILE *file;
    int i;

    /* The holder may not have started yet: poll for its event. */
    for (i = 0; i < 500 && !ready; i++) {
        ready = OpenEventA(SYNCHRONIZE, FALSE, READY_NAME);
        if (!ready) Sleep(10);
    }
    ok(ready != NULL, "OpenEvent of the other process's event");
    if (!ready) return vt_summary();
    ok_int(WaitForSingleObject(ready, 10000), WAIT_OBJECT_0);

    mutex = OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, MUTEX_NAME);
    ok(mutex != NULL, "OpenMutex");
    ok_int(WaitForSingleObject(mutex, 0), WAIT_TIMEOUT); /* owned over there */
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(mutex), "ReleaseMutex of another process's mutex");
    ok_int(GetLastError(), ERROR_NOT_OWNER);

    semaphore = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE | SYNCHRONIZE, FALSE, SEM_NAME);
    ok(semaphore != NULL, "OpenSemaphore");
    ok(ReleaseSemaphore(semaphore, 2, NULL), "post twice to the other process");

    file = fopen("holder.pid", "r");
    ok(file && fscanf(file, "%lu", &pid) == 1, "read the holder's process id");
    if (file) fclose(file);
    process = OpenProcess(PROCESS_TERMINATE | SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    ok(process != NULL, "OpenProcess(%lu)", pid);
    ok_int(GetProcessId(process), pid);
    ok_int(WaitForSingleObject(process, 0), WAIT_TIMEOUT);
    ok(GetExitCodeProcess(process, &code), "GetExitCodeProcess");
    ok_int(code, STILL_ACTIVE);

    /* Once the semaphore is drained the holder is asleep: end it. */
    for (i = 0; i < 500; i++) {
        LONG previous = -1;
        if (!ReleaseSemaphore(semaphore, 1, &previous)) break;
        WaitForSingleObject(semaphore, 0); /* take our probe back */
        if (previous == 0) break;
        Sleep(10);
    }
    ok(TerminateProcess(process, 42), "TerminateProcess");
    ok_int(WaitForSingleObject(process, 10000), WAIT_OBJECT_0);
    ok(GetExitCodeProcess(process, &code), "GetExitCodeProcess after the end");
    ok_int(code, 42);
    SetLastError(0xdeadbeef);
    ok(!TerminateProcess(process, 1), "TerminateProcess of an ended process");
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);

    /* Its mutex was abandoned with it. */
    ok_int(WaitForSingleObject(mutex, 10000), WAIT_ABANDONED);
    ok(ReleaseMutex(mutex), "ReleaseMutex of the inherited mutex");

    /* And once its handles are gone, its names are too... except ours. */
    ok(OpenEventA(SYNCHRONIZE, FALSE, READY_NAME) != NULL, "our handle keeps the event's name");
    CloseHandle(process);
    return vt_summary();
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "holder")) return holder();
    return waiter();
}
