/* SetProcessAffinityMask with GetProcessAffinityMask and
 * SetThreadAffinityMask: the new mask is the process's, its threads run
 * on it (a thread's mask must stay inside it), threads created later too;
 * an empty mask or one with processors the system lacks is refused. */
#include <windows.h>
#include "vinetest.h"

static DWORD_PTR thread_mask_seen;

static DWORD WINAPI report_mask(void *mask)
{
    /* Setting the mask it already has gives back the previous one: its own. */
    thread_mask_seen = SetThreadAffinityMask(GetCurrentThread(), *(DWORD_PTR *)mask);
    return 0;
}

int main(void)
{
    DWORD_PTR original = 0, system = 0, now = 0, system_now = 0, lowest, previous;
    HANDLE thread;

    ok(GetProcessAffinityMask(GetCurrentProcess(), &original, &system), "GetProcessAffinityMask");
    ok(original && (original & ~system) == 0, "the process mask %#llx is inside the system's %#llx",
       (unsigned long long)original, (unsigned long long)system);
    lowest = original & (~original + 1);

    SetLastError(0);
    ok(!SetProcessAffinityMask(GetCurrentProcess(), 0), "an empty mask is refused");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    if (~system) {
        SetLastError(0);
        ok(!SetProcessAffinityMask(GetCurrentProcess(), ~system), "processors the system lacks are refused");
        ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    }

    ok(SetProcessAffinityMask(GetCurrentProcess(), lowest), "SetProcessAffinityMask to one processor (%lu)",
       GetLastError());
    ok(GetProcessAffinityMask(GetCurrentProcess(), &now, &system_now), "GetProcessAffinityMask again");
    ok(now == lowest, "the process mask is now %#llx (%#llx)", (unsigned long long)lowest, (unsigned long long)now);
    ok(system_now == system, "the system mask is the same");
    previous = SetThreadAffinityMask(GetCurrentThread(), lowest);
    ok(previous == lowest, "this thread was moved to it (%#llx)", (unsigned long long)previous);
    if (original != lowest) {
        SetLastError(0);
        ok(!SetThreadAffinityMask(GetCurrentThread(), original), "a thread mask outside the process's is refused");
        ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    thread = CreateThread(NULL, 0, report_mask, &lowest, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(thread_mask_seen == lowest, "a new thread runs on it too (%#llx)", (unsigned long long)thread_mask_seen);

    ok(SetProcessAffinityMask(GetCurrentProcess(), original), "the original mask back");
    ok(GetProcessAffinityMask(GetCurrentProcess(), &now, &system_now) && now == original, "and reported");
    previous = SetThreadAffinityMask(GetCurrentThread(), original);
    ok(previous == original, "this thread follows it (%#llx)", (unsigned long long)previous);
    return vt_summary();
}
