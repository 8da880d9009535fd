/* Handles: DuplicateHandle within the process, DUPLICATE_CLOSE_SOURCE,
 * access masks, handle flags. */
#include <windows.h>

#include "vinetest.h"

int main(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL), copy = NULL, limited = NULL, moved = NULL, thread = NULL;
    DWORD flags = 0xdeadbeef;

    ok(DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle SAME_ACCESS");
    ok(copy != NULL && copy != event, "a new handle value");
    ok(SetEvent(copy), "SetEvent through the copy");
    ok_int(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    ok(CloseHandle(event), "close the original");
    ok_int(WaitForSingleObject(copy, 0), WAIT_OBJECT_0); /* the object lives on */

    /* A copy with less access. */
    ok(DuplicateHandle(GetCurrentProcess(), copy, GetCurrentProcess(), &limited, SYNCHRONIZE, FALSE, 0),
       "DuplicateHandle SYNCHRONIZE");
    SetLastError(0xdeadbeef);
    ok(!ResetEvent(limited), "ResetEvent without EVENT_MODIFY_STATE");
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);
    ok_int(WaitForSingleObject(limited, 0), WAIT_OBJECT_0);

    /* DUPLICATE_CLOSE_SOURCE moves the handle. */
    ok(DuplicateHandle(GetCurrentProcess(), limited, GetCurrentProcess(), &moved, 0, FALSE,
                       DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
       "DUPLICATE_CLOSE_SOURCE");
    SetLastError(0xdeadbeef);
    ok(!CloseHandle(limited), "the source is closed");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    ok_int(WaitForSingleObject(moved, 0), WAIT_OBJECT_0);

    /* Bad source handle. */
    SetLastError(0xdeadbeef);
    ok(!DuplicateHandle(GetCurrentProcess(), (HANDLE)(ULONG_PTR)0x7ff0, GetCurrentProcess(), &copy, 0, FALSE,
                        DUPLICATE_SAME_ACCESS),
       "DuplicateHandle of a bad handle");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);

    /* The current-thread pseudo-handle becomes a real handle. */
    ok(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &thread, 0, FALSE,
                       DUPLICATE_SAME_ACCESS),
       "duplicate GetCurrentThread()");
    ok_int(GetThreadId(thread), GetCurrentThreadId());
    ok_int(WaitForSingleObject(thread, 0), WAIT_TIMEOUT);
    CloseHandle(thread);

    /* Handle flags. */
    ok(GetHandleInformation(moved, &flags), "GetHandleInformation");
    ok_int(flags, 0);
    ok(SetHandleInformation(moved, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT), "set inherit");
    ok(GetHandleInformation(moved, &flags), "GetHandleInformation");
    ok_int(flags, HANDLE_FLAG_INHERIT);
    ok(SetHandleInformation(moved, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE), "protect");
    SetLastError(0xdeadbeef);
    ok(!CloseHandle(moved), "a protected handle cannot be closed");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    ok(SetHandleInformation(moved, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0), "unprotect");
    ok(CloseHandle(moved), "then it can");
    SetLastError(0xdeadbeef);
    ok(!GetHandleInformation(moved, &flags), "GetHandleInformation of a closed handle");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);

    CloseHandle(copy);
    return vt_summary();
}
