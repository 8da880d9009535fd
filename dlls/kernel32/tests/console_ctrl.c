/* Console control events: SetConsoleCtrlHandler and GenerateConsoleCtrlEvent
 * to a child that leads its own process group (CREATE_NEW_PROCESS_GROUP).
 * The program plays both parts: "console_ctrl.exe child MODE". */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

static HANDLE got_event;
static volatile LONG got_type = -1;

static BOOL WINAPI first_handler(DWORD type)
{
    (void)type;
    return FALSE; /* not ours: the next handler gets it */
}

static BOOL WINAPI handler(DWORD type)
{
    got_type = (LONG)type;
    SetEvent(got_event);
    return TRUE;
}

static int child_main(const char *mode)
{
    HANDLE ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, "vine-ctrl-ready");
    if (!ready) return 2;
    if (!strcmp(mode, "handler")) {
        got_event = CreateEventA(NULL, TRUE, FALSE, NULL);
        SetConsoleCtrlHandler(first_handler, TRUE);
        SetConsoleCtrlHandler(handler, TRUE);
        SetConsoleCtrlHandler(first_handler, TRUE); /* added last: asked first */
        SetEvent(ready);
        if (WaitForSingleObject(got_event, 20000) != WAIT_OBJECT_0) return 3;
        return 10 + got_type;
    }
    /* "nohandler": the default handler ends the process. */
    SetEvent(ready);
    Sleep(20000);
    return 4;
}

static DWORD run_child(const char *mode, DWORD event)
{
    char self[MAX_PATH], line[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    HANDLE ready = CreateEventA(NULL, FALSE, FALSE, "vine-ctrl-ready");
    DWORD code = 0xdead;

    GetModuleFileNameA(NULL, self, sizeof(self));
    snprintf(line, sizeof(line), "\"%s\" child %s", self, mode);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, CREATE_NEW_PROCESS_GROUP, NULL, NULL, &si, &pi),
       "CreateProcess %s with CREATE_NEW_PROCESS_GROUP", mode);
    ok_int(WaitForSingleObject(ready, 20000), WAIT_OBJECT_0);
    ok(GenerateConsoleCtrlEvent(event, pi.dwProcessId), "GenerateConsoleCtrlEvent to the child's group");
    ok_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(ready);
    return code;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) return child_main(argv[2]);

    SetLastError(0xdeadbeef);
    ok(!SetConsoleCtrlHandler(handler, FALSE), "removing a handler that was never added");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    ok(SetConsoleCtrlHandler(handler, TRUE), "add a handler");
    ok(SetConsoleCtrlHandler(handler, FALSE), "and remove it");
    ok(SetConsoleCtrlHandler(NULL, TRUE), "ignore Ctrl+C");
    ok(SetConsoleCtrlHandler(NULL, FALSE), "restore Ctrl+C");
    SetLastError(0xdeadbeef);
    ok(!GenerateConsoleCtrlEvent(7, 0), "an event that is neither Ctrl+C nor Ctrl+Break");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    /* Ctrl+Break reaches the child's handlers, newest first. */
    ok_int(run_child("handler", CTRL_BREAK_EVENT), 10 + CTRL_BREAK_EVENT);
    /* Without a handler, the process ends with STATUS_CONTROL_C_EXIT. */
    ok_int(run_child("nohandler", CTRL_BREAK_EVENT), STATUS_CONTROL_C_EXIT);
    return vt_summary();
}
