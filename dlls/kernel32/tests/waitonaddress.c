/* WaitOnAddress / WakeByAddressSingle / WakeByAddressAll (imported from
 * api-ms-win-core-synch-l1-2-0.dll, -lsynchronization): wake-ups from
 * another thread for each operand size, an unequal value returning at once,
 * timeouts (FALSE, ERROR_TIMEOUT), and waking every waiter. */
#include <windows.h>
#include "vinetest.h"
#include "sync_threads.h"

static volatile BYTE byte_value;
static volatile SHORT short_value;
static volatile LONG long_value;
static volatile LONG64 long64_value;
static volatile LONG waiters_ready, waiters_done;

static DWORD WINAPI set_and_wake_proc(void *arg)
{
    int size = (int)(ULONG_PTR)arg;
    Sleep(50);
    switch (size) {
    case 1: byte_value = 1; WakeByAddressSingle((void *)&byte_value); break;
    case 2: short_value = 1; WakeByAddressSingle((void *)&short_value); break;
    case 4: long_value = 1; WakeByAddressSingle((void *)&long_value); break;
    case 8: long64_value = 0x100000000LL; WakeByAddressSingle((void *)&long64_value); break;
    }
    return 0;
}

static void test_wake_single(void)
{
    static const int sizes[] = {1, 2, 4, 8};
    int i;
    for (i = 0; i < 4; i++) {
        int size = sizes[i];
        LONG64 zero = 0;
        volatile void *address = size == 1 ? (volatile void *)&byte_value
                               : size == 2 ? (volatile void *)&short_value
                               : size == 4 ? (volatile void *)&long_value : (volatile void *)&long64_value;
        HANDLE thread = start_thread(set_and_wake_proc, (void *)(ULONG_PTR)size);
        int rounds = 0;
        BOOL ret = TRUE;
        /* Wake-ups may be spurious: wait until the value changed. */
        while (ret && !memcmp((const void *)address, &zero, size) && rounds++ < 1000)
            ret = WaitOnAddress(address, &zero, size, INFINITE);
        ok(ret, "size %d: WaitOnAddress returned TRUE", size);
        ok(memcmp((const void *)address, &zero, size) != 0, "size %d: woken after the change", size);
        join_thread(thread);
    }
    /* The 8-byte wait noticed a change in the high half only. */
    ok(long64_value == 0x100000000LL, "64-bit value %llx", (unsigned long long)long64_value);
}

static void test_unequal_and_timeout(void)
{
    LONG value = 5, other = 6, same = 5;
    ULONGLONG start, elapsed;
    BOOL ret;

    ok(WaitOnAddress(&value, &other, sizeof(value), INFINITE), "an unequal value returns at once");
    SetLastError(0xdeadbeef);
    start = GetTickCount64();
    ret = WaitOnAddress(&value, &same, sizeof(value), 100);
    elapsed = GetTickCount64() - start;
    ok(!ret, "timed out");
    ok_int(GetLastError(), ERROR_TIMEOUT);
    ok(elapsed >= 80, "waited %llu ms", elapsed);
    SetLastError(0xdeadbeef);
    ret = WaitOnAddress(&value, &same, sizeof(value), 0);
    ok(!ret && GetLastError() == ERROR_TIMEOUT, "zero timeout: %d, error %lu", ret, GetLastError());
    /* Nobody waiting: wakes are harmless. */
    WakeByAddressSingle(&value);
    WakeByAddressAll(&value);
}

static volatile LONG gate;

static DWORD WINAPI gate_waiter_proc(void *arg)
{
    LONG closed = 0;
    InterlockedIncrement(&waiters_ready);
    while (gate == closed) WaitOnAddress(&gate, &closed, sizeof(gate), INFINITE);
    InterlockedIncrement(&waiters_done);
    return 0;
}

static void test_wake_all(void)
{
    HANDLE threads[3];
    int i;
    for (i = 0; i < 3; i++) threads[i] = start_thread(gate_waiter_proc, NULL);
    ok(wait_for_long(&waiters_ready, 3), "three waiters");
    Sleep(50);
    ok_int(waiters_done, 0);
    gate = 1;
    WakeByAddressAll((void *)&gate);
    for (i = 0; i < 3; i++) join_thread(threads[i]);
    ok_int(waiters_done, 3);
}

int main(void)
{
    test_wake_single();
    test_unequal_and_timeout();
    test_wake_all();
    return vt_summary();
}
