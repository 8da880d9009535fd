/* spawn_windows - times CreateProcess + WaitForSingleObject of a trivial
   child, from inside a Windows process (run under vine).

   usage: spawn_windows.exe RUNS CHILD.exe

   Prints one line per run: "TOTAL_US CREATE_US", the time from just before
   CreateProcessA to the end of WaitForSingleObject, and the part of it
   CreateProcessA itself took. The child must exit with status 0. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    LARGE_INTEGER frequency, start, created, done;
    int runs, i;
    char line[MAX_PATH + 8];

    if (argc != 3) {
        fprintf(stderr, "usage: spawn_windows.exe RUNS CHILD.exe\n");
        return 2;
    }
    runs = atoi(argv[1]);
    QueryPerformanceFrequency(&frequency);
    for (i = 0; i < runs; i++) {
        STARTUPINFOA si = {sizeof(si)};
        PROCESS_INFORMATION pi;
        DWORD code = 1;
        snprintf(line, sizeof(line), "\"%s\"", argv[2]);
        QueryPerformanceCounter(&start);
        if (!CreateProcessA(argv[2], line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
            fprintf(stderr, "spawn_windows: CreateProcess %s failed: %lu\n", argv[2], GetLastError());
            return 1;
        }
        QueryPerformanceCounter(&created);
        WaitForSingleObject(pi.hProcess, INFINITE);
        QueryPerformanceCounter(&done);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
        if (code != 0) {
            fprintf(stderr, "spawn_windows: the child exited with %lu\n", code);
            return 1;
        }
        printf("%.1f %.1f\n", (done.QuadPart - start.QuadPart) * 1e6 / frequency.QuadPart,
               (created.QuadPart - start.QuadPart) * 1e6 / frequency.QuadPart);
    }
    return 0;
}
