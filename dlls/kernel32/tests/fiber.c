/* Fibers as the stacker crate (Rust) uses them to grow a stack: a thread
 * converted to a fiber, a fiber with its own stack that runs deep recursion,
 * switches back and forth with registers, floating-point state and
 * fiber-local storage kept per fiber, DeleteFiber, ConvertFiberToThread. */
#include <windows.h>

#include "vinetest.h"

static LPVOID main_fiber, worker;
static int worker_steps;
static PVOID worker_data_seen;
static BOOL worker_is_fiber;
static ULONG_PTR worker_low, worker_high, worker_local;
static DWORD fls_index;
static PVOID fls_freed;
static int worker_depth_sum;

static void WINAPI fls_callback(PVOID value) { fls_freed = value; }

/* 4 KB frames, probed page by page by __chkstk: 100 of them run past the
 * part of the stack committed at first, through the guard page. */
static int recurse(int depth)
{
    volatile char frame[4000];
    frame[0] = (char)depth;
    frame[sizeof(frame) - 1] = (char)depth;
    if (depth == 0) return frame[0];
    return recurse(depth - 1) + frame[sizeof(frame) - 1] - (char)depth + 1;
}

static void WINAPI worker_proc(LPVOID data)
{
    volatile double kept = 1.25;
    ULONG_PTR local = (ULONG_PTR)&data;
    worker_data_seen = GetFiberData();
    worker_is_fiber = IsThreadAFiber();
    GetCurrentThreadStackLimits(&worker_low, &worker_high);
    worker_local = local;
    FlsSetValue(fls_index, (PVOID)0x2222);
    worker_steps = 1;
    SwitchToFiber(main_fiber);
    /* Back again: the fiber's own FLS value and locals survived. */
    if (FlsGetValue(fls_index) == (PVOID)0x2222 && kept == 1.25) worker_steps = 2;
    worker_depth_sum = recurse(100);
    SwitchToFiber(main_fiber);
    ok(0, "a switched-out fiber that is deleted never runs again");
}

int main(void)
{
    int marker = 0;
    ULONG_PTR main_low, main_high;
    volatile double value = 3.5;

    ok(!IsThreadAFiber(), "a thread is not a fiber at first");
    SetLastError(0xdeadbeef);
    ok(!ConvertFiberToThread(), "ConvertFiberToThread of a thread fails");
    ok_int(GetLastError(), ERROR_ALREADY_THREAD);

    fls_index = FlsAlloc(fls_callback);
    ok(fls_index != FLS_OUT_OF_INDEXES, "FlsAlloc");
    FlsSetValue(fls_index, (PVOID)0x1111);

    main_fiber = ConvertThreadToFiber(&marker);
    ok(main_fiber != NULL, "ConvertThreadToFiber");
    ok(IsThreadAFiber(), "the thread is a fiber now");
    ok(GetCurrentFiber() == main_fiber, "GetCurrentFiber is the converted thread's fiber");
    ok(GetFiberData() == &marker, "GetFiberData is ConvertThreadToFiber's parameter");
    SetLastError(0xdeadbeef);
    ok(ConvertThreadToFiber(NULL) == NULL, "a second ConvertThreadToFiber fails");
    ok_int(GetLastError(), ERROR_ALREADY_FIBER);
    ok(FlsGetValue(fls_index) == (PVOID)0x1111, "the converted thread keeps its FLS values");

    SetLastError(0xdeadbeef);
    ok(CreateFiberEx(0, 0, 0x10, worker_proc, NULL) == NULL, "CreateFiberEx with an unknown flag fails");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    worker = CreateFiber(64 * 1024, worker_proc, (PVOID)0x5150);
    ok(worker != NULL, "CreateFiber");
    if (!main_fiber || !worker) return vt_summary();
    ok(worker_steps == 0, "CreateFiber does not run the fiber");
    GetCurrentThreadStackLimits(&main_low, &main_high);

    SwitchToFiber(worker);
    ok_int(worker_steps, 1);
    ok(worker_data_seen == (PVOID)0x5150, "the fiber's GetFiberData is CreateFiber's parameter");
    ok(worker_is_fiber, "IsThreadAFiber in a fiber");
    ok(worker_low < worker_local && worker_local < worker_high, "the fiber runs within its stack's limits");
    ok(worker_high != main_high && (worker_high <= main_low || worker_low >= main_high),
       "the fiber's stack is its own");
    ok(GetCurrentFiber() == main_fiber, "back on the first fiber");
    ok(FlsGetValue(fls_index) == (PVOID)0x1111, "FLS values are per fiber");
    {
        ULONG_PTR low, high;
        GetCurrentThreadStackLimits(&low, &high);
        ok(low == main_low && high == main_high, "the first fiber's stack limits are back");
    }
    ok(value == 3.5, "a local double survives the switches");

    SwitchToFiber(worker);
    ok_int(worker_steps, 2);
    ok_int(worker_depth_sum, 100);

    fls_freed = NULL;
    DeleteFiber(worker);
    ok(fls_freed == (PVOID)0x2222, "DeleteFiber hands the fiber's FLS value to its callback");
    ok(FlsGetValue(fls_index) == (PVOID)0x1111, "the caller's FLS value stays");

    ok(ConvertFiberToThread(), "ConvertFiberToThread");
    ok(!IsThreadAFiber(), "the thread is not a fiber any more");
    ok(FlsGetValue(fls_index) == (PVOID)0x1111, "and keeps its FLS values");
    return vt_summary();
}
