/* SuspendThread/ResumeThread on running threads, GetThreadContext and
 * SetThreadContext, including the sequence the Go runtime uses to preempt
 * a goroutine: suspend, read the context, push the interrupted Rip and
 * point Rip at a stub that saves every register, resume. */
#include <stdio.h>
#include <windows.h>
#include "vinetest.h"

static volatile LONG64 counter;
static volatile LONG stop;
static volatile LONG hook_calls;
static volatile LONG redirected_ran;

static DWORD WINAPI spin(void *arg)
{
    (void)arg;
    while (!stop) counter++;
    return 0x1234;
}

static void wait_for_progress(void)
{
    LONG64 start = counter;
    while (counter == start) Sleep(1);
}

/* Called, through preempt_stub, in the preempted thread. */
void preempt_hook(void)
{
    InterlockedIncrement(&hook_calls);
}

/* What asyncPreempt does: keep every volatile register and the flags, call
 * the hook on an aligned stack, return to the interrupted instruction. */
__asm__(".globl preempt_stub\n"
        "preempt_stub:\n"
        "  pushfq\n"
        "  pushq %rax\n  pushq %rcx\n  pushq %rdx\n  pushq %r8\n"
        "  pushq %r9\n  pushq %r10\n  pushq %r11\n"
        "  pushq %rbp\n"
        "  movq %rsp, %rbp\n"
        "  andq $-16, %rsp\n"
        "  subq $32, %rsp\n"
        "  call preempt_hook\n"
        "  movq %rbp, %rsp\n"
        "  popq %rbp\n"
        "  popq %r11\n  popq %r10\n  popq %r9\n  popq %r8\n"
        "  popq %rdx\n  popq %rcx\n  popq %rax\n"
        "  popfq\n"
        "  ret\n");
void preempt_stub(void);

static void redirected(void)
{
    redirected_ran = 1;
    ExitThread(77);
}

static BOOL in_exe(DWORD64 address)
{
    BYTE *base = (BYTE *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    return address >= (DWORD64)base && address < (DWORD64)base + nt->OptionalHeader.SizeOfImage;
}

static void test_counts_and_stopping(void)
{
    HANDLE thread;
    LONG64 before, after;
    DWORD code;

    stop = 0;
    counter = 0;
    thread = CreateThread(NULL, 0, spin, NULL, 0, NULL);
    ok(thread != NULL, "CreateThread");
    wait_for_progress();

    ok_int(SuspendThread(thread), 0);
    before = counter;
    Sleep(100);
    after = counter;
    ok(before == after, "a suspended thread does not run (%lld -> %lld)", before, after);
    ok_int(SuspendThread(thread), 1);
    ok_int(ResumeThread(thread), 2);
    Sleep(50);
    ok(counter == after, "still suspended with a count of 1");
    ok_int(ResumeThread(thread), 1);
    wait_for_progress();
    ok(counter != after, "runs again once the count is 0");
    ok_int(ResumeThread(thread), 0);

    stop = 1;
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 0x1234, "exit code %lx", (unsigned long)code);
    CloseHandle(thread);
}

static void test_maximum(void)
{
    HANDLE thread;
    DWORD i, previous = 0;

    stop = 0;
    thread = CreateThread(NULL, 0, spin, NULL, 0, NULL);
    wait_for_progress();
    for (i = 0; i < MAXIMUM_SUSPEND_COUNT; i++) {
        previous = SuspendThread(thread);
        if (previous != i) break;
    }
    ok_int(previous, MAXIMUM_SUSPEND_COUNT - 1);
    SetLastError(0);
    ok_int(SuspendThread(thread), (DWORD)-1);
    ok_int(GetLastError(), ERROR_SIGNAL_REFUSED);
    for (i = MAXIMUM_SUSPEND_COUNT; i > 0; i--)
        if (ResumeThread(thread) != i) break;
    ok_int(i, 0);
    stop = 1;
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    CloseHandle(thread);
}

static volatile LONG started;
static DWORD WINAPI mark_started(void *arg)
{
    (void)arg;
    started = 1;
    return 0;
}

static void test_create_suspended(void)
{
    HANDLE thread;
    CONTEXT context;

    started = 0;
    thread = CreateThread(NULL, 0, mark_started, (void *)0x55, CREATE_SUSPENDED, NULL);
    ok(thread != NULL, "CreateThread(CREATE_SUSPENDED)");
    Sleep(50);
    ok(!started, "a thread created suspended does not run");
    ok_int(SuspendThread(thread), 1);
    ok_int(ResumeThread(thread), 2);
    memset(&context, 0, sizeof(context));
    context.ContextFlags = CONTEXT_FULL;
    ok(GetThreadContext(thread, &context), "GetThreadContext on a thread not started yet");
    ok_int(ResumeThread(thread), 1);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(started, "it ran once resumed");
    CloseHandle(thread);
}

static HANDLE blocking_event;
static volatile LONG woke;
static DWORD WINAPI wait_event(void *arg)
{
    (void)arg;
    WaitForSingleObject(blocking_event, INFINITE);
    woke = 1;
    return 0;
}

static void test_blocked_thread(void)
{
    HANDLE thread;

    woke = 0;
    blocking_event = CreateEventA(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, wait_event, NULL, 0, NULL);
    Sleep(50);
    ok_int(SuspendThread(thread), 0);
    SetEvent(blocking_event);
    Sleep(100);
    ok(!woke, "a thread suspended in a wait does not go on when it is satisfied");
    ok_int(ResumeThread(thread), 1);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(woke, "it went on once resumed");
    CloseHandle(thread);
    CloseHandle(blocking_event);
}

static volatile LONG before_self, after_self;
static DWORD WINAPI suspend_self(void *arg)
{
    (void)arg;
    before_self = 1;
    SuspendThread(GetCurrentThread());
    after_self = 1;
    return 0;
}

static void test_self_suspension(void)
{
    HANDLE thread = CreateThread(NULL, 0, suspend_self, NULL, 0, NULL);
    while (!before_self) Sleep(1);
    Sleep(100);
    ok(!after_self, "SuspendThread(GetCurrentThread()) blocks");
    ok_int(ResumeThread(thread), 1);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(after_self, "until another thread resumes it");
    CloseHandle(thread);
}

static void test_context_redirect(void)
{
    HANDLE thread;
    CONTEXT context __attribute__((aligned(16)));
    DWORD code = 0;

    stop = 0;
    redirected_ran = 0;
    thread = CreateThread(NULL, 0, spin, NULL, 0, NULL);
    wait_for_progress();
    ok_int(SuspendThread(thread), 0);
    memset(&context, 0, sizeof(context));
    context.ContextFlags = CONTEXT_FULL;
    ok(GetThreadContext(thread, &context), "GetThreadContext");
    ok(in_exe(context.Rip), "Rip %llx is in the spinning function", (unsigned long long)context.Rip);
    ok(context.SegCs == 0x33 && context.SegSs == 0x2b, "selectors %x %x", context.SegCs, context.SegSs);
    ok(context.Rsp != 0 && (context.Rsp & 7) == 0, "Rsp %llx", (unsigned long long)context.Rsp);

    /* A call frame below the interrupted one, as for a call. */
    context.Rsp = ((context.Rsp - 64) & ~(DWORD64)15) - 8;
    context.Rip = (DWORD64)redirected;
    context.ContextFlags = CONTEXT_CONTROL;
    ok(SetThreadContext(thread, &context), "SetThreadContext");
    ok_int(ResumeThread(thread), 1);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(redirected_ran, "the thread ran the function its Rip was set to");
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 77, "and exited from there (%lu)", (unsigned long)code);
    stop = 1;
    CloseHandle(thread);
}

static void test_go_preemption(void)
{
    HANDLE thread;
    CONTEXT context __attribute__((aligned(16)));
    int i, injected = 0;
    DWORD code = 0;

    stop = 0;
    hook_calls = 0;
    thread = CreateThread(NULL, 0, spin, NULL, 0, NULL);
    wait_for_progress();
    for (i = 0; i < 100; i++) {
        if (SuspendThread(thread) != 0) break;
        memset(&context, 0, sizeof(context));
        context.ContextFlags = CONTEXT_CONTROL;
        if (!GetThreadContext(thread, &context)) break;
        if (in_exe(context.Rip) && context.Rip != (DWORD64)preempt_stub) {
            context.Rsp -= 8;
            *(DWORD64 *)context.Rsp = context.Rip;
            context.Rip = (DWORD64)preempt_stub;
            if (!SetThreadContext(thread, &context)) break;
            injected++;
        }
        if (ResumeThread(thread) != 1) break;
        if (i % 10 == 0) Sleep(1);
    }
    ok_int(i, 100);
    ok(injected > 0, "injected %d calls", injected);
    while (hook_calls < injected && WaitForSingleObject(thread, 10) == WAIT_TIMEOUT) {}
    ok(hook_calls > 0, "the injected calls ran in the thread (%ld of %d)", hook_calls, injected);
    wait_for_progress();
    stop = 1;
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 0x1234, "registers survived: exit code %lx", (unsigned long)code);
    CloseHandle(thread);
}

static void test_own_context(void)
{
    CONTEXT context __attribute__((aligned(16)));
    ULONG_PTR low, high;

    memset(&context, 0, sizeof(context));
    context.ContextFlags = CONTEXT_FULL;
    ok(GetThreadContext(GetCurrentThread(), &context), "GetThreadContext(GetCurrentThread())");
    GetCurrentThreadStackLimits(&low, &high);
    ok(context.Rsp > low && context.Rsp < high, "own Rsp %llx within the stack", (unsigned long long)context.Rsp);
}

int main(void)
{
    ok(sizeof(CONTEXT) == 1232, "sizeof(CONTEXT)");
    test_counts_and_stopping();
    test_maximum();
    test_create_suspended();
    test_blocked_thread();
    test_self_suspension();
    test_context_redirect();
    test_go_preemption();
    test_own_context();
    return vt_summary();
}
