/* Exceptions seen by vectored handlers: hardware exceptions (access
   violations, integer division by zero, int3, ud2) continued by moving Rip,
   RaiseException's record, handler order and removal, continue handlers,
   exceptions on another thread, and a stack walk with RtlCaptureContext,
   RtlLookupFunctionEntry and RtlVirtualUnwind. */
#include <windows.h>
#include "vinetest.h"

/* Faulting instructions at known addresses; a handler resumes at the
   matching *_resume label (leaf functions: no unwind data needed). */
void fault_write(void *address);
void fault_read(void *address);
int fault_divide(int a, int b);
void fault_int3(void);
void fault_ud2(void);
extern char fault_write_resume[], fault_read_resume[], fault_divide_at[], fault_divide_resume[],
    fault_int3_at[], fault_ud2_resume[];
__asm__(".text\n"
        ".globl fault_write\nfault_write:\n\tmovl $1, (%rcx)\n"
        ".globl fault_write_resume\nfault_write_resume:\n\tret\n"
        ".globl fault_read\nfault_read:\n\tmovl (%rcx), %eax\n"
        ".globl fault_read_resume\nfault_read_resume:\n\tret\n"
        ".globl fault_divide\nfault_divide:\n\tmovl %edx, %r8d\n\tmovl %ecx, %eax\n\tcltd\n"
        ".globl fault_divide_at\nfault_divide_at:\n\tidivl %r8d\n"
        ".globl fault_divide_resume\nfault_divide_resume:\n\tret\n"
        ".globl fault_int3\nfault_int3:\n"
        ".globl fault_int3_at\nfault_int3_at:\n\tint3\n\tret\n"
        ".globl fault_ud2\nfault_ud2:\n\tud2\n"
        ".globl fault_ud2_resume\nfault_ud2_resume:\n\tret\n");

static EXCEPTION_RECORD last_record;
static CONTEXT last_context;
static int handler_calls;
static char order[16];

static void note(char c)
{
    size_t n = strlen(order);
    if (n + 1 < sizeof(order)) order[n] = c;
}

/* Records the exception and resumes where the test says. */
static LONG CALLBACK resume_handler(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    CONTEXT *context = pointers->ContextRecord;
    handler_calls++;
    last_record = *record;
    last_context = *context;
    note('R');
    switch (record->ExceptionCode) {
    case EXCEPTION_ACCESS_VIOLATION:
        context->Rip = (DWORD64)((void *)context->Rip == (void *)fault_write ? fault_write_resume : fault_read_resume);
        return EXCEPTION_CONTINUE_EXECUTION;
    case EXCEPTION_INT_DIVIDE_BY_ZERO:
        context->Rip = (DWORD64)fault_divide_resume;
        context->Rax = (DWORD64)-1;
        return EXCEPTION_CONTINUE_EXECUTION;
    case EXCEPTION_BREAKPOINT:
        context->Rip += 1;
        return EXCEPTION_CONTINUE_EXECUTION;
    case EXCEPTION_ILLEGAL_INSTRUCTION:
        context->Rip = (DWORD64)fault_ud2_resume;
        return EXCEPTION_CONTINUE_EXECUTION;
    case 0xe0000001:
        return EXCEPTION_CONTINUE_EXECUTION;
    default:
        return EXCEPTION_CONTINUE_SEARCH;
    }
}

static LONG CALLBACK search_handler(EXCEPTION_POINTERS *pointers)
{
    note('S');
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK continue_handler(EXCEPTION_POINTERS *pointers)
{
    note('C');
    return EXCEPTION_CONTINUE_SEARCH;
}

static void test_hardware(void)
{
    void *handler = AddVectoredExceptionHandler(1, resume_handler);
    ok(handler != NULL, "AddVectoredExceptionHandler");

    handler_calls = 0;
    fault_write(NULL);
    ok(handler_calls == 1, "NULL write: handler called once (%d)", handler_calls);
    ok(last_record.ExceptionCode == EXCEPTION_ACCESS_VIOLATION, "NULL write: code %08lx",
       last_record.ExceptionCode);
    ok(last_record.ExceptionFlags == 0, "NULL write: flags %lx", last_record.ExceptionFlags);
    ok(last_record.NumberParameters == 2, "NULL write: %lu parameters", last_record.NumberParameters);
    ok(last_record.ExceptionInformation[0] == 1, "NULL write: information[0] %Iu (write)",
       last_record.ExceptionInformation[0]);
    ok(last_record.ExceptionInformation[1] == 0, "NULL write: information[1] %Ix",
       last_record.ExceptionInformation[1]);
    ok(last_record.ExceptionAddress == (void *)fault_write, "NULL write: address %p, expected %p",
       last_record.ExceptionAddress, (void *)fault_write);
    ok(last_context.Rip == (DWORD64)fault_write, "NULL write: context Rip");
    ok(last_context.Rcx == 0, "NULL write: context Rcx holds the argument");

    fault_read((void *)0x10);
    ok(last_record.ExceptionCode == EXCEPTION_ACCESS_VIOLATION, "read: code %08lx", last_record.ExceptionCode);
    ok(last_record.ExceptionInformation[0] == 0, "read: information[0] %Iu (read)",
       last_record.ExceptionInformation[0]);
    ok(last_record.ExceptionInformation[1] == 0x10, "read: information[1] %Ix",
       last_record.ExceptionInformation[1]);

    ok(fault_divide(7, 0) == -1, "division by zero continued with rax = -1");
    ok(last_record.ExceptionCode == EXCEPTION_INT_DIVIDE_BY_ZERO, "divide: code %08lx",
       last_record.ExceptionCode);
    ok(last_record.ExceptionAddress == (void *)fault_divide_at, "divide: address is the idiv");
    ok(fault_divide(42, 6) == 7, "division without fault");

    handler_calls = 0;
    fault_int3();
    ok(handler_calls == 1, "int3: handler called once");
    ok(last_record.ExceptionCode == EXCEPTION_BREAKPOINT, "int3: code %08lx", last_record.ExceptionCode);
    ok(last_record.ExceptionAddress == (void *)fault_int3_at, "int3: address %p is the int3 (%p)",
       last_record.ExceptionAddress, (void *)fault_int3_at);
    ok(last_context.Rip == (DWORD64)fault_int3_at, "int3: context Rip is the int3");

    /* __builtin_trap is ud2: an illegal instruction on Windows. */
    fault_ud2();
    ok(last_record.ExceptionCode == EXCEPTION_ILLEGAL_INSTRUCTION, "ud2: code %08lx", last_record.ExceptionCode);

    ok(RemoveVectoredExceptionHandler(handler) != 0, "RemoveVectoredExceptionHandler");
    ok(RemoveVectoredExceptionHandler(handler) == 0, "removing twice fails");
}

static void test_raise(void)
{
    ULONG_PTR arguments[20];
    void *handler = AddVectoredExceptionHandler(0, resume_handler);
    int i;
    for (i = 0; i < 20; i++) arguments[i] = 0x100 + i;

    handler_calls = 0;
    RaiseException(0xe0000001, 0, 3, arguments);
    ok(handler_calls == 1, "RaiseException: handler called, then RaiseException returned");
    ok(last_record.ExceptionCode == 0xe0000001, "RaiseException: code %08lx", last_record.ExceptionCode);
    ok(last_record.ExceptionFlags == 0, "RaiseException: flags %lx", last_record.ExceptionFlags);
    ok(last_record.ExceptionRecord == NULL, "RaiseException: no nested record");
    ok(last_record.NumberParameters == 3, "RaiseException: %lu parameters", last_record.NumberParameters);
    ok(last_record.ExceptionInformation[0] == 0x100 && last_record.ExceptionInformation[2] == 0x102,
       "RaiseException: parameters %Ix %Ix", last_record.ExceptionInformation[0],
       last_record.ExceptionInformation[2]);

    RaiseException(0xe0000001, 0, 20, arguments);
    ok(last_record.NumberParameters == EXCEPTION_MAXIMUM_PARAMETERS, "20 parameters are cut to %lu",
       last_record.NumberParameters);
    ok(last_record.ExceptionInformation[14] == 0x10e, "parameter 14 %Ix", last_record.ExceptionInformation[14]);

    RaiseException(0xe0000001, 0, 3, NULL);
    ok(last_record.NumberParameters == 0, "no arguments: %lu parameters", last_record.NumberParameters);

    /* Only EXCEPTION_NONCONTINUABLE is kept of the flags. */
    RaiseException(0xe0000001, 0xfe, 0, NULL);
    ok(last_record.ExceptionFlags == 0, "flags 0xfe become %lx", last_record.ExceptionFlags);
    RemoveVectoredExceptionHandler(handler);
}

static void test_order(void)
{
    void *resume = AddVectoredExceptionHandler(0, resume_handler);
    void *first = AddVectoredExceptionHandler(1, search_handler);
    void *cont = AddVectoredContinueHandler(0, continue_handler);
    memset(order, 0, sizeof(order));
    RaiseException(0xe0000001, 0, 0, NULL);
    ok(!strncmp(order, "SR", 2), "the handler added first runs first: \"%s\"", order);
    ok(RemoveVectoredContinueHandler(cont) != 0, "RemoveVectoredContinueHandler");
    ok(RemoveVectoredContinueHandler(cont) == 0, "removing twice fails");
    RemoveVectoredExceptionHandler(first);
    RemoveVectoredExceptionHandler(resume);
}

static DWORD WINAPI thread_main(void *parameter)
{
    fault_write(parameter);
    return 77;
}

static void test_thread(void)
{
    void *handler = AddVectoredExceptionHandler(1, resume_handler);
    DWORD code = 0;
    HANDLE thread;
    handler_calls = 0;
    thread = CreateThread(NULL, 0, thread_main, (void *)0x20, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    ok(code == 77, "the thread continued after its fault (%lu)", code);
    ok(handler_calls == 1 && last_record.ExceptionInformation[1] == 0x20, "fault on the thread seen");
    RemoveVectoredExceptionHandler(handler);
}

/* The stack walk: walker() unwinds from its own context and records the
   functions of the frames it passes. */
static DWORD64 walk_pcs[8];
static int walk_count;

static __attribute__((noinline)) int walker(void)
{
    CONTEXT context;
    int i;
    RtlCaptureContext(&context);
    for (i = 0; i < 8; i++) {
        DWORD64 base = 0, frame = 0;
        void *data = NULL;
        RUNTIME_FUNCTION *function = RtlLookupFunctionEntry(context.Rip, &base, NULL);
        walk_pcs[i] = context.Rip;
        if (!function) break;
        RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, context.Rip, function, &context, &data, &frame, NULL);
        if (!context.Rip) break;
    }
    walk_count = i;
    return i;
}

static volatile int sink;
static __attribute__((noinline)) int level2(int x)
{
    char buffer[300];
    buffer[x & 255] = (char)x;
    sink = buffer[x & 127];
    return walker() + sink;
}
static __attribute__((noinline)) int level1(int x)
{
    return level2(x + 1) * 3 + sink;
}

static int in_function(DWORD64 pc, void *function)
{
    DWORD64 base = 0, base2 = 0;
    RUNTIME_FUNCTION *a = RtlLookupFunctionEntry(pc, &base, NULL);
    RUNTIME_FUNCTION *b = RtlLookupFunctionEntry((DWORD64)function, &base2, NULL);
    return a && a == b;
}

static void test_walk(void)
{
    level1(5);
    ok(walk_count >= 4, "walked %d frames", walk_count);
    ok(in_function(walk_pcs[0], walker), "frame 0 is walker");
    ok(in_function(walk_pcs[1], level2), "frame 1 is level2");
    ok(in_function(walk_pcs[2], level1), "frame 2 is level1");
    ok(in_function(walk_pcs[3], test_walk), "frame 3 is test_walk");
}

int main(void)
{
    test_hardware();
    test_raise();
    test_order();
    test_thread();
    test_walk();
    return vt_summary();
}
