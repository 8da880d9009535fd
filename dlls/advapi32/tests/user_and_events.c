/* GetUserName's buffer rules, and event tracing with no consumers: a
 * provider registers, writes and unregisters, and nobody listens. */
#include <windows.h>
#include <evntprov.h>
#include <string.h>

#include "vinetest.h"

static const GUID provider = {0x12345678, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}};

int main(void)
{
    WCHAR name[257];
    char ansi[257];
    DWORD size = 0;
    REGHANDLE handle = 0;
    EVENT_DESCRIPTOR descriptor;
    BOOL result;

    SetLastError(0xdeadbeef);
    result = GetUserNameW(NULL, &size);
    ok(!result && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size > 1,
       "no buffer: ERROR_INSUFFICIENT_BUFFER and the size (got %lu, %lu)", GetLastError(), size);
    {
        DWORD needed = size;
        size = needed - 1;
        result = GetUserNameW(name, &size);
        ok(!result && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == needed, "one short: the same size again");
        size = 257;
        ok(GetUserNameW(name, &size) && size == needed && wcslen(name) == needed - 1,
           "the name, its size counting the terminator (%ls, %lu)", name, size);
    }
    size = sizeof(ansi);
    ok(GetUserNameA(ansi, &size) && size == strlen(ansi) + 1, "GetUserNameA (%s)", ansi);

    ok(EventRegister(&provider, NULL, NULL, &handle) == ERROR_SUCCESS && handle != 0, "EventRegister gives a handle");
    memset(&descriptor, 0, sizeof(descriptor));
    descriptor.Id = 1;
    descriptor.Level = 4;
    ok(!EventEnabled(handle, &descriptor), "no session listens: EventEnabled is FALSE");
    ok(!EventProviderEnabled(handle, 4, 0), "nor EventProviderEnabled");
    ok(EventWrite(handle, &descriptor, 0, NULL) == ERROR_SUCCESS, "EventWrite succeeds");
    ok(EventWriteTransfer(handle, &descriptor, NULL, NULL, 0, NULL) == ERROR_SUCCESS, "EventWriteTransfer succeeds");
    ok(EventWriteString(handle, 4, 0, L"text") == ERROR_SUCCESS, "EventWriteString succeeds");
    ok(EventUnregister(handle) == ERROR_SUCCESS, "EventUnregister");
    return vt_summary();
}
