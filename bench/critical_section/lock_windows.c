/* Uncontended lock/unlock pairs in a Windows program (mingw-w64 -O2):
 * EnterCriticalSection/LeaveCriticalSection, or with the argument "srw"
 * AcquireSRWLockExclusive/ReleaseSRWLockExclusive. Calls go through the
 * import table, as in any Windows program. Prints nanoseconds per pair. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define PAIRS 20000000

int main(int argc, char **argv)
{
    LARGE_INTEGER start, end, frequency;
    CRITICAL_SECTION cs;
    SRWLOCK srw = SRWLOCK_INIT;
    int use_srw = argc > 1 && !strcmp(argv[1], "srw");
    long i;

    InitializeCriticalSection(&cs);
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    if (use_srw) {
        for (i = 0; i < PAIRS; i++) {
            AcquireSRWLockExclusive(&srw);
            ReleaseSRWLockExclusive(&srw);
        }
    } else {
        for (i = 0; i < PAIRS; i++) {
            EnterCriticalSection(&cs);
            LeaveCriticalSection(&cs);
        }
    }
    QueryPerformanceCounter(&end);
    DeleteCriticalSection(&cs);
    printf("%.3f\n", (double)(end.QuadPart - start.QuadPart) * 1e9 / frequency.QuadPart / PAIRS);
    return 0;
}
