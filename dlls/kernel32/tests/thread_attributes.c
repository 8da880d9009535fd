/* Thread descriptions, times, priority boost, ideal processor, affinity
 * and stack sizes. */
#include <windows.h>
#include "vinetest.h"

/* Windows 10 1607; older mingw-w64 headers lack them. */
HRESULT WINAPI SetThreadDescription(HANDLE thread, PCWSTR description);
HRESULT WINAPI GetThreadDescription(HANDLE thread, PWSTR *description);

static int same(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static ULONG_PTR stack_low, stack_high, local_address;
static BOOL deep_ok;

static void touch_deep(size_t bytes)
{
    volatile char *buffer = __builtin_alloca(bytes);
    size_t i;
    for (i = 0; i < bytes; i += 4096) buffer[i] = 1;
    deep_ok = TRUE;
}

static DWORD WINAPI stack_thread(void *arg)
{
    int local = 0;
    GetCurrentThreadStackLimits(&stack_low, &stack_high);
    local_address = (ULONG_PTR)&local;
    if (arg) touch_deep((size_t)arg);
    return 0;
}

static void test_stacks(void)
{
    HANDLE thread;
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();

    GetCurrentThreadStackLimits(&stack_low, &stack_high);
    ok(stack_high == (ULONG_PTR)tib->StackBase, "the high limit is the TEB's StackBase");
    ok(stack_low < (ULONG_PTR)&thread && (ULONG_PTR)&thread < stack_high, "main thread's locals are within its limits");

    deep_ok = FALSE;
    thread = CreateThread(NULL, 8 * 1024 * 1024, stack_thread, (void *)(6 * 1024 * 1024),
                          STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    ok_int(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0);
    CloseHandle(thread);
    ok(stack_high - stack_low >= 8 * 1024 * 1024, "an 8 MiB reservation (got %llu)",
       (unsigned long long)(stack_high - stack_low));
    ok(local_address > stack_low && local_address < stack_high, "locals are within the limits");
    ok(deep_ok, "6 MiB of it are usable");

    thread = CreateThread(NULL, 3 * 1024 * 1024, stack_thread, NULL, 0, NULL);
    ok_int(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0);
    CloseHandle(thread);
    ok(stack_high - stack_low >= 3 * 1024 * 1024, "a 3 MiB commitment (got %llu)",
       (unsigned long long)(stack_high - stack_low));
}

static HANDLE quit_event;
static DWORD WINAPI idle_thread(void *arg)
{
    (void)arg;
    WaitForSingleObject(quit_event, INFINITE);
    return 0;
}

static void test_description(void)
{
    WCHAR *text = NULL;
    HANDLE thread;
    HRESULT hr;

    hr = SetThreadDescription(GetCurrentThread(), L"vine main");
    ok(hr == S_OK, "SetThreadDescription: %08lx", (unsigned long)hr);
    hr = GetThreadDescription(GetCurrentThread(), &text);
    ok(hr == S_OK && text && same(text, L"vine main"), "GetThreadDescription gives it back");
    LocalFree(text);

    quit_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);
    text = NULL;
    hr = GetThreadDescription(thread, &text);
    ok(hr == S_OK && text && text[0] == 0, "a new thread's description is empty");
    LocalFree(text);
    ok(SetThreadDescription(thread, L"worker \x00e9t\x00e9") == S_OK, "SetThreadDescription of another thread");
    text = NULL;
    hr = GetThreadDescription(thread, &text);
    ok(hr == S_OK && text && same(text, L"worker \x00e9t\x00e9"), "and it reads back");
    LocalFree(text);
    SetEvent(quit_event);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
}

static void test_times(void)
{
    FILETIME creation, exit_time, kernel, user, now;
    ULONGLONG created, spent;
    volatile double x = 1;
    DWORD start = GetTickCount();

    while (GetTickCount() - start < 100) x = x * 1.0000001 + 1;
    ok(GetThreadTimes(GetCurrentThread(), &creation, &exit_time, &kernel, &user), "GetThreadTimes");
    GetSystemTimeAsFileTime(&now);
    created = ((ULONGLONG)creation.dwHighDateTime << 32) | creation.dwLowDateTime;
    ok(created != 0 && created <= (((ULONGLONG)now.dwHighDateTime << 32) | now.dwLowDateTime),
       "the creation time is in the past");
    ok(exit_time.dwLowDateTime == 0 && exit_time.dwHighDateTime == 0, "no exit time while it runs");
    spent = (((ULONGLONG)user.dwHighDateTime << 32) | user.dwLowDateTime) +
            (((ULONGLONG)kernel.dwHighDateTime << 32) | kernel.dwLowDateTime);
    ok(spent > 0, "100 ms of spinning shows as CPU time (%llu)", spent);
}

static void test_priority_boost_and_processors(void)
{
    BOOL disabled = TRUE;
    DWORD_PTR process_mask = 0, system_mask = 0, previous, lowest;
    DWORD ideal;

    ok(GetThreadPriorityBoost(GetCurrentThread(), &disabled) && !disabled, "boost is on by default");
    ok(SetThreadPriorityBoost(GetCurrentThread(), TRUE), "SetThreadPriorityBoost");
    ok(GetThreadPriorityBoost(GetCurrentThread(), &disabled) && disabled, "and it is off");
    SetThreadPriorityBoost(GetCurrentThread(), FALSE);

    ok(GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask), "GetProcessAffinityMask");
    ok(process_mask != 0 && (process_mask & ~system_mask) == 0, "process mask %llx within system mask %llx",
       (unsigned long long)process_mask, (unsigned long long)system_mask);
    lowest = process_mask & (~process_mask + 1);
    previous = SetThreadAffinityMask(GetCurrentThread(), lowest);
    ok(previous != 0, "SetThreadAffinityMask returns the previous mask");
    ok(SetThreadAffinityMask(GetCurrentThread(), previous) == lowest, "which can be restored");
    SetLastError(0);
    ok(SetThreadAffinityMask(GetCurrentThread(), 0) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
       "an empty mask is refused");

    ideal = SetThreadIdealProcessor(GetCurrentThread(), 0);
    ok(ideal != (DWORD)-1 && ideal < MAXIMUM_PROCESSORS, "SetThreadIdealProcessor returns the previous one (%lu)",
       (unsigned long)ideal);
    ok_int(SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS), 0);
    ok_int(SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS + 1), (DWORD)-1);
}

int main(void)
{
    test_stacks();
    test_description();
    test_times();
    test_priority_boost_and_processors();
    return vt_summary();
}
