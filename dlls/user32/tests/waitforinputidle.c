/* WaitForInputIdle on a console child fails at once; so does a bad handle. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

int main(int argc, char **argv)
{
    char self[MAX_PATH], line[MAX_PATH + 16];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD code = 0;

    if (argc > 1 && !strcmp(argv[1], "child")) {
        Sleep(200);
        return 3;
    }
    GetModuleFileNameA(NULL, self, sizeof(self));
    strcpy(line, "\"");
    strcat(line, self);
    strcat(line, "\" child");
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess");
    /* A console process has no message queue: it fails at once. */
    ok_int(WaitForInputIdle(pi.hProcess, 5000), WAIT_FAILED);
    ok_int(WaitForSingleObject(pi.hProcess, 0), WAIT_TIMEOUT); /* it is still sleeping */
    ok_int(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0);
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 3);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    SetLastError(0xdeadbeef);
    ok_int(WaitForInputIdle((HANDLE)(ULONG_PTR)0x7ff0, 0), WAIT_FAILED);
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    return vt_summary();
}
