/* Stack overflows as Windows raises them: the stack is committed from the
   top with a guard page below it, StackLimit follows as it grows, running
   out raises EXCEPTION_STACK_OVERFLOW on the faulting thread, which vectored
   and frame handlers see and a program survives; _resetstkoflw arms the
   guard again, SetThreadStackGuarantee keeps room for the handlers. The
   frame handler is a __try/__except scope table written in assembly
   (mingw's C compiler has no __try), run by __C_specific_handler. */
#include <windows.h>
#include <malloc.h>
#include "vinetest.h"

#pragma GCC diagnostic ignored "-Winfinite-recursion"

/* __try { return fn(arg); } __except (stack_filter(GetExceptionInformation())) { return -1; } */
int guarded_call(int (*fn)(void *), void *arg);

static DWORD filter_code, filter_params, filter_kind;
static ULONG_PTR filter_address, filter_room, filter_limit;
static int filter_calls;
static DWORD vectored_code;
static int vectored_calls, vectored_before_filter;

/* TEB fields: NT_TIB's StackBase and StackLimit, DeallocationStack, GuaranteedStackBytes. */
static ULONG_PTR teb_qword(ULONG_PTR offset)
{
    ULONG_PTR value;
    __asm__ volatile("movq %%gs:(%1), %0" : "=r"(value) : "r"(offset));
    return value;
}
static ULONG_PTR stack_base(void) { return teb_qword(0x08); }
static ULONG_PTR stack_limit(void) { return teb_qword(0x10); }
static ULONG_PTR deallocation_stack(void) { return teb_qword(0x1478); }
static ULONG guaranteed_bytes(void) { return (ULONG)teb_qword(0x1748); }

/* Runs on the overflowed stack: only records what it sees. */
LONG stack_filter(EXCEPTION_POINTERS *pointers, void *frame)
{
    volatile char here;
    filter_calls++;
    filter_code = pointers->ExceptionRecord->ExceptionCode;
    filter_params = pointers->ExceptionRecord->NumberParameters;
    filter_kind = (DWORD)pointers->ExceptionRecord->ExceptionInformation[0];
    filter_address = pointers->ExceptionRecord->ExceptionInformation[1];
    filter_room = (ULONG_PTR)&here - deallocation_stack();
    filter_limit = stack_limit();
    vectored_before_filter = vectored_calls;
    (void)frame;
    return EXCEPTION_EXECUTE_HANDLER;
}

static LONG WINAPI vectored(EXCEPTION_POINTERS *pointers)
{
    if (pointers->ExceptionRecord->ExceptionCode == EXCEPTION_STACK_OVERFLOW) {
        vectored_calls++;
        vectored_code = pointers->ExceptionRecord->ExceptionCode;
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

__asm__(".text\n"
        ".globl guarded_call\n.def guarded_call; .scl 2; .type 32; .endef\n.seh_proc guarded_call\n"
        "guarded_call:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        "\tmovq %rcx, %rax\n\tmovq %rdx, %rcx\n"
        ".Lguarded_begin:\n\tcall *%rax\n\tnop\n.Lguarded_end:\n"
        "\taddq $40, %rsp\n\tret\n"
        ".Lguarded_target:\n\tmovl $-1, %eax\n\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @except\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lguarded_begin, .Lguarded_end, stack_filter, .Lguarded_target\n"
        "\t.text\n\t.seh_endproc\n");

static int __attribute__((noinline)) recurse(volatile char *previous)
{
    volatile char buffer[1000];
    buffer[0] = previous ? previous[0] : 0;
    return recurse(buffer) + buffer[1];
}

static int run_away(void *arg)
{
    (void)arg;
    return recurse(0);
}

/* Unending recursion through msvcrt's qsort (builtin code on Vine): the
   overflow may hit in either, and unwinds through both. */
static int __cdecl compare_deeper(const void *a, const void *b)
{
    volatile char pad[256];
    int items[2] = {2, 1};
    pad[0] = 1;
    qsort(items, 2, sizeof(int), compare_deeper);
    return pad[0] + *(const int *)a - *(const int *)b;
}

static int run_away_through_qsort(void *arg)
{
    int items[2] = {2, 1};
    (void)arg;
    qsort(items, 2, sizeof(int), compare_deeper);
    return items[0];
}

/* Touches `depth` bytes of stack (alloca probes it page by page). */
static int __attribute__((noinline)) use_stack(void *depth)
{
    volatile char *p = alloca((size_t)depth);
    p[0] = 1;
    return p[0];
}

static void reset_filter(void)
{
    filter_calls = vectored_calls = vectored_before_filter = 0;
    filter_code = filter_params = filter_kind = vectored_code = 0;
    filter_address = filter_room = filter_limit = 0;
}

/* One overflow, caught by guarded_call; `what` names the thread. */
static void check_overflow(const char *what)
{
    ULONG_PTR low = deallocation_stack(), high = stack_base();
    reset_filter();
    ok(guarded_call(run_away, NULL) == -1, "%s: the overflow is caught by __except", what);
    ok(filter_calls == 1, "%s: filter called once (%d)", what, filter_calls);
    ok(filter_code == EXCEPTION_STACK_OVERFLOW, "%s: code %08lx", what, filter_code);
    ok(filter_params == 2, "%s: %lu parameters", what, filter_params);
    ok(filter_kind == 1, "%s: a write (%lu)", what, filter_kind);
    ok(filter_address >= low && filter_address < high, "%s: address %p in the stack [%p, %p)", what,
       (void *)filter_address, (void *)low, (void *)high);
    ok(vectored_before_filter == 1 && vectored_code == EXCEPTION_STACK_OVERFLOW,
       "%s: the vectored handler saw it first (%d, %08lx)", what, vectored_before_filter, vectored_code);
    ok(filter_limit < high - (high - low) / 2, "%s: StackLimit %p moved down to the bottom part", what,
       (void *)filter_limit);
}

static DWORD WINAPI overflow_thread(void *arg)
{
    ULONG size;
    (void)arg;
    check_overflow("thread");
    /* Without the guard, a second overflow would end the process: re-arm it. */
    ok(_resetstkoflw() != 0, "thread: _resetstkoflw succeeds");
    check_overflow("thread, again");
    ok(_resetstkoflw() != 0, "thread: _resetstkoflw succeeds again");

    reset_filter();
    ok(guarded_call(run_away_through_qsort, NULL) == -1, "thread: an overflow through qsort is caught");
    ok(filter_code == EXCEPTION_STACK_OVERFLOW, "thread, qsort: code %08lx", filter_code);
    ok(_resetstkoflw() != 0, "thread: _resetstkoflw after qsort");

    /* The guarantee is room the handlers have on the overflowed stack. */
    size = 0x10000;
    ok(SetThreadStackGuarantee(&size), "SetThreadStackGuarantee(64 KiB)");
    reset_filter();
    ok(guarded_call(run_away, NULL) == -1, "thread, 64 KiB guarantee: caught");
    ok(filter_code == EXCEPTION_STACK_OVERFLOW, "thread, 64 KiB guarantee: code %08lx", filter_code);
    ok(filter_room >= 0x10000, "thread, 64 KiB guarantee: the filter has %#lx bytes of stack",
       (unsigned long)filter_room);
    ok(_resetstkoflw() != 0, "thread: _resetstkoflw after the guarantee");
    return 42;
}

static DWORD WINAPI guarantee_thread(void *arg)
{
    ULONG size;
    BOOL ret;
    (void)arg;
    /* A new thread has none; 64-bit Windows rounds to pages, at least two. */
    size = 0;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 0 && guaranteed_bytes() == 0, "query: %d, previous %lu, teb %lu", ret, size,
       guaranteed_bytes());
    size = 0xdeadbef;
    SetLastError(0xdeadbeef);
    ret = SetThreadStackGuarantee(&size);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "larger than the stack: %d, error %lu", ret,
       GetLastError());
    ok(size == 0 && guaranteed_bytes() == 0, "larger than the stack: previous %lu, teb %lu", size,
       guaranteed_bytes());
    size = 200;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 0 && guaranteed_bytes() == 8192, "200: %d, previous %lu, teb %lu", ret, size,
       guaranteed_bytes());
    size = 5000;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 8192 && guaranteed_bytes() == 8192, "5000: %d, previous %lu, teb %lu", ret, size,
       guaranteed_bytes());
    size = 10000;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 8192 && guaranteed_bytes() == 12288, "10000: %d, previous %lu, teb %lu", ret, size,
       guaranteed_bytes());
    size = 2000;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 12288 && guaranteed_bytes() == 12288, "smaller: %d, previous %lu, teb %lu", ret, size,
       guaranteed_bytes());
    return 0;
}

static DWORD run_thread(LPTHREAD_START_ROUTINE start, SIZE_T stack, DWORD flags)
{
    DWORD code = 0xdead;
    HANDLE thread = CreateThread(NULL, stack, start, NULL, flags, NULL);
    ok(thread != NULL, "CreateThread");
    if (!thread) return code;
    ok(WaitForSingleObject(thread, 30000) == WAIT_OBJECT_0, "the thread ends");
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    return code;
}

static DWORD WINAPI growth_thread(void *arg)
{
    ULONG_PTR low = deallocation_stack(), high = stack_base(), limit = stack_limit();
    volatile char here;
    (void)arg;
    ok(high - low == 0x100000, "1 MiB reserved (%#lx)", (unsigned long)(high - low));
    ok(limit > low + 0x80000, "committed only at the top at first: StackLimit %p, stack [%p, %p)",
       (void *)limit, (void *)low, (void *)high);
    use_stack((void *)0x60000);
    ok(stack_limit() <= (ULONG_PTR)&here - 0x60000, "StackLimit %p follows the stack down past %p",
       (void *)stack_limit(), (void *)((ULONG_PTR)&here - 0x60000));
    ok(stack_limit() > low + 0x10000, "StackLimit %p keeps the bottom reserved", (void *)stack_limit());
    return 7;
}

/* A vectored handler alone recovers the thread: it continues at a
   function that ends the thread, on a stack pointer saved before. */
static DWORD64 recovery_rsp;
static int recovery_calls;

static void recovered(void)
{
    ExitThread(77);
}

static LONG WINAPI recovering_handler(EXCEPTION_POINTERS *pointers)
{
    if (pointers->ExceptionRecord->ExceptionCode != EXCEPTION_STACK_OVERFLOW) return EXCEPTION_CONTINUE_SEARCH;
    recovery_calls++;
    pointers->ContextRecord->Rsp = recovery_rsp;
    pointers->ContextRecord->Rip = (DWORD64)recovered;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static DWORD WINAPI vectored_recovery_thread(void *arg)
{
    volatile char here;
    /* As if recovered() had just been called: 16-byte aligned, minus the return address. */
    recovery_rsp = (((DWORD64)&here - 0x400) & ~(DWORD64)15) - 8;
    return run_away(arg);
}

static DWORD WINAPI unhandled_thread(void *arg)
{
    return run_away(arg);
}

/* Another process whose thread overflows with nobody to handle it: the
   whole process ends with the exception code. */
static void test_unhandled(const char *self)
{
    char line[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD code = 0xdead;
    snprintf(line, sizeof(line), "\"%s\" unhandled", self);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess \"%s\"", line);
    ok(WaitForSingleObject(pi.hProcess, 30000) == WAIT_OBJECT_0, "the child ends");
    ok(GetExitCodeProcess(pi.hProcess, &code), "GetExitCodeProcess");
    ok(code == EXCEPTION_STACK_OVERFLOW, "an unhandled overflow on a thread ends the process with %08lx", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
    void *handler;

    if (argc > 1 && !strcmp(argv[1], "unhandled")) {
        HANDLE thread = CreateThread(NULL, 0, unhandled_thread, NULL, 0, NULL);
        WaitForSingleObject(thread, INFINITE);
        return 1; /* not reached: the process ends with the exception */
    }
    test_unhandled(argv[0]);
    handler = AddVectoredExceptionHandler(1, vectored);
    ok(handler != NULL, "AddVectoredExceptionHandler");

    ok(run_thread(growth_thread, 0x100000, STACK_SIZE_PARAM_IS_A_RESERVATION) == 7, "growth thread ends");
    ok(run_thread(overflow_thread, 0, 0) == 42, "a thread survives its stack overflows and returns 42");
    ok(run_thread(guarantee_thread, 0, 0) == 0, "guarantee thread ends");
    {
        void *recovery = AddVectoredExceptionHandler(1, recovering_handler);
        ok(run_thread(vectored_recovery_thread, 0, 0) == 77, "a vectored handler moves the overflowed thread on");
        ok(recovery_calls == 1, "the recovering handler was called once (%d)", recovery_calls);
        RemoveVectoredExceptionHandler(recovery);
    }

    check_overflow("main thread");
    ok(_resetstkoflw() != 0, "main thread: _resetstkoflw succeeds");
    check_overflow("main thread, again");

    RemoveVectoredExceptionHandler(handler);
    return vt_summary();
}
