/* Structured exceptions in callbacks that msvcrt's qsort calls, handled by
   __C_specific_handler scope tables (written in assembly: mingw's C compiler
   has no __try) in a frame above qsort: RaiseException and a NULL write in
   the comparator, a fault inside msvcrt's own code, a __finally between the
   comparator and the __except, and the nonvolatile registers of the frame
   with the __except as they were when it made the call. Also a stack walk
   with RtlCaptureContext, RtlLookupFunctionEntry and RtlVirtualUnwind from
   inside a comparator, through msvcrt's frames up to main, and one from a
   vectored handler through the dispatcher to the faulting function. */
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "vinetest.h"

/* __try { return fn(arg); } __except (1) { return code; }, with rbx, rsi,
   rdi, r12-r15 and xmm6 set to known values around the call; *regs_ok says
   whether they still hold them when the function returns or the __except
   block runs. */
int seh_guarded(int (*fn)(void *), void *arg, int *regs_ok);
/* __try { fn(arg); } __finally { finally_handler(); } */
int seh_finally_call(int (*fn)(void *), void *arg);

static int finally_calls;
void finally_handler(BOOLEAN abnormal, void *frame)
{
    finally_calls++;
}

#define SET(reg, value) "\tmovabsq $" value ", %" reg "\n"
#define CHECK(reg, value) "\tmovabsq $" value ", %rdx\n\tcmpq %rdx, %" reg "\n\tjne .Lguarded_bad\n"
#define REGS(op)                                 \
    op("rbx", "0x1111111111111111")              \
    op("rsi", "0x2222222222222222")              \
    op("rdi", "0x3333333333333333")              \
    op("r12", "0x4444444444444444")              \
    op("r13", "0x5555555555555555")              \
    op("r14", "0x6666666666666666")              \
    op("r15", "0x7777777777777777")

__asm__(".text\n"
        ".globl seh_guarded\n.def seh_guarded; .scl 2; .type 32; .endef\n.seh_proc seh_guarded\n"
        "seh_guarded:\n"
        "\tpushq %rbx\n\t.seh_pushreg %rbx\n\tpushq %rsi\n\t.seh_pushreg %rsi\n"
        "\tpushq %rdi\n\t.seh_pushreg %rdi\n\tpushq %r12\n\t.seh_pushreg %r12\n"
        "\tpushq %r13\n\t.seh_pushreg %r13\n\tpushq %r14\n\t.seh_pushreg %r14\n"
        "\tpushq %r15\n\t.seh_pushreg %r15\n"
        "\tsubq $0x40, %rsp\n\t.seh_stackalloc 0x40\n"
        "\tmovaps %xmm6, 0x20(%rsp)\n\t.seh_savexmm %xmm6, 0x20\n"
        "\t.seh_endprologue\n"
        "\tmovq %r8, 0x30(%rsp)\n"
        REGS(SET)
        "\tmovabsq $0x0123456789abcdef, %rax\n\tmovq %rax, %xmm6\n"
        "\tmovq %rcx, %rax\n\tmovq %rdx, %rcx\n"
        ".Lguarded_begin:\n\tcall *%rax\n\tnop\n.Lguarded_end:\n"
        ".Lguarded_target:\n"
        "\tmovq 0x30(%rsp), %r8\n\tmovl $0, (%r8)\n"
        REGS(CHECK)
        "\tmovq %xmm6, %rdx\n\tmovabsq $0x0123456789abcdef, %r9\n\tcmpq %r9, %rdx\n\tjne .Lguarded_bad\n"
        "\tmovl $1, (%r8)\n"
        ".Lguarded_bad:\n"
        "\tmovaps 0x20(%rsp), %xmm6\n\taddq $0x40, %rsp\n"
        "\tpopq %r15\n\tpopq %r14\n\tpopq %r13\n\tpopq %r12\n\tpopq %rdi\n\tpopq %rsi\n\tpopq %rbx\n\tret\n"
        "\t.seh_handler __C_specific_handler, @except\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lguarded_begin, .Lguarded_end\n\t.long 1\n\t.rva .Lguarded_target\n"
        "\t.text\n\t.seh_endproc\n"
        /* seh_finally_call */
        ".globl seh_finally_call\n.def seh_finally_call; .scl 2; .type 32; .endef\n.seh_proc seh_finally_call\n"
        "seh_finally_call:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        "\tmovq %rcx, %rax\n\tmovq %rdx, %rcx\n"
        ".Lfinally_begin:\n\tcall *%rax\n\tnop\n.Lfinally_end:\n"
        "\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @unwind\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lfinally_begin, .Lfinally_end, finally_handler\n\t.long 0\n"
        "\t.text\n\t.seh_endproc\n");

static int values[] = {5, 3, 9, 1, 7};
static int compare_calls;

static int compare_raise(const void *a, const void *b)
{
    if (++compare_calls == 2) RaiseException(0xe0424242, 0, 0, NULL);
    return *(const int *)a - *(const int *)b;
}

static int compare_fault(const void *a, const void *b)
{
    if (++compare_calls == 2) *(volatile int *)0 = 1;
    return *(const int *)a - *(const int *)b;
}

static int raise_fn(void *arg)
{
    RaiseException(0xe0515151, 0, 0, NULL);
    return 0;
}

static int compare_finally(const void *a, const void *b)
{
    seh_finally_call(raise_fn, NULL);
    return 0;
}

static int sort_with(void *compare)
{
    compare_calls = 0;
    qsort(values, 5, sizeof(int), (int (*)(const void *, const void *))compare);
    return 0;
}

static int strlen_of(void *arg)
{
    return (int)strlen((const char *)arg);
}

/* A walk from the caller of walk(): what it saw on the way to main. */
struct walk {
    int frames;
    int saw_module;   /* a frame whose image base is `module` */
    int saw_function; /* a frame in `function` */
    int saw_main;
};
int main(void);

__attribute__((noinline)) static void walk(struct walk *result, HMODULE module, void *function)
{
    CONTEXT context;
    RtlCaptureContext(&context);
    while (context.Rip && result->frames < 64) {
        ULONG64 base = 0, frame = 0;
        void *data;
        RUNTIME_FUNCTION *entry = RtlLookupFunctionEntry(context.Rip, &base, NULL);
        result->frames++;
        if (module && base == (ULONG64)module) result->saw_module = 1;
        if (entry && base + entry->BeginAddress == (ULONG64)function) result->saw_function = 1;
        if (entry && base + entry->BeginAddress == (ULONG64)main) {
            result->saw_main = 1;
            break;
        }
        if (!entry) {
            context.Rip = *(ULONG64 *)context.Rsp;
            context.Rsp += 8;
            continue;
        }
        RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, context.Rip, entry, &context, &data, &frame, NULL);
    }
}

/* From a comparator, through msvcrt's qsort. */
static struct walk comparator_walk;
static int walk_caller_returned;
__attribute__((noinline)) static void walk_caller(void);

static int compare_walk(const void *a, const void *b)
{
    if (!comparator_walk.frames) walk(&comparator_walk, GetModuleHandleA("msvcrt.dll"), walk_caller);
    return *(const int *)a - *(const int *)b;
}

__attribute__((noinline)) static void walk_caller(void)
{
    qsort(values, 5, sizeof(int), compare_walk);
    walk_caller_returned = 1;
}

/* From a vectored handler of a breakpoint: through the dispatcher's frames
   to the function with the int3. */
static struct walk vectored_walk;
__attribute__((noinline)) static void breaker(void)
{
    __asm__ volatile("int3\n\tnop");
}

static LONG CALLBACK walk_from_vectored(EXCEPTION_POINTERS *pointers)
{
    if (pointers->ExceptionRecord->ExceptionCode != EXCEPTION_BREAKPOINT) return EXCEPTION_CONTINUE_SEARCH;
    walk(&vectored_walk, NULL, breaker);
    pointers->ContextRecord->Rip += 1;
    return EXCEPTION_CONTINUE_EXECUTION;
}

int main(void)
{
    int regs_ok = 0, result;
    void *vectored;

    result = seh_guarded(sort_with, compare_raise, &regs_ok);
    ok(result == (int)0xe0424242, "RaiseException in a comparator reaches the __except above qsort (%08x)", result);
    ok(compare_calls == 2, "no comparison after the exception (%d)", compare_calls);
    ok(regs_ok, "nonvolatile registers and xmm6 restored at the __except");

    regs_ok = 0;
    result = seh_guarded(sort_with, compare_fault, &regs_ok);
    ok(result == (int)EXCEPTION_ACCESS_VIOLATION, "NULL write in a comparator reaches the __except (%08x)", result);
    ok(regs_ok, "registers restored after the fault");

    regs_ok = 0;
    result = seh_guarded(strlen_of, NULL, &regs_ok);
    ok(result == (int)EXCEPTION_ACCESS_VIOLATION, "fault inside msvcrt reaches the __except (%08x)", result);
    ok(regs_ok, "registers restored after the fault in msvcrt");

    regs_ok = 0;
    result = seh_guarded(sort_with, compare_finally, &regs_ok);
    ok(result == (int)0xe0515151, "exception through a __finally in a comparator (%08x)", result);
    ok(finally_calls == 1, "the __finally below qsort ran once (%d)", finally_calls);
    ok(regs_ok, "registers restored after the __finally");

    regs_ok = 0;
    result = seh_guarded(sort_with, compare_fault, &regs_ok);
    ok(result == (int)EXCEPTION_ACCESS_VIOLATION && regs_ok, "a second fault is handled the same way");

    regs_ok = 0;
    ok(seh_guarded(strlen_of, "four", &regs_ok) == 4 && regs_ok, "no exception: the call returns");

    walk_caller();
    ok(walk_caller_returned, "qsort returned after the walk");
    ok(comparator_walk.saw_module, "the walk went through msvcrt's frames (%d frames)", comparator_walk.frames);
    ok(comparator_walk.saw_function, "the walk reached qsort's caller");
    ok(comparator_walk.saw_main, "the walk reached main");

    vectored = AddVectoredExceptionHandler(1, walk_from_vectored);
    breaker();
    RemoveVectoredExceptionHandler(vectored);
    ok(vectored_walk.saw_function, "a walk from a vectored handler reaches the faulting function (%d frames)",
       vectored_walk.frames);
    ok(vectored_walk.saw_main, "and main");
    return vt_summary();
}
