/* __C_specific_handler with scope tables written out in assembly (mingw's C
   compiler has no __try): __except with EXCEPTION_EXECUTE_HANDLER, a filter
   that executes the handler, continues execution or searches on, and a
   __finally run by the unwind to an outer __except. */
#include <windows.h>
#include "vinetest.h"

int seh_except(int *p);                  /* __try { *p = 1; } __except (1) { return code; } */
int seh_filter(int *p);                  /* __try { *p = 1; } __except (filter(...)) { return code; } */
int seh_outer(int (*fn)(int *), int *p); /* __try { return fn(p); } __except (1) { return 0x77; } */
int seh_finally(int *p);                 /* __try { *p = 1; } __finally { finally_handler(); } */
extern char seh_filter_resume[];

static LONG filter_result;
static int filter_calls;
static DWORD filter_code;
static void *filter_frame;
static int finally_calls;
static BOOLEAN finally_abnormal;

LONG filter_handler(EXCEPTION_POINTERS *pointers, void *frame)
{
    filter_calls++;
    filter_code = pointers->ExceptionRecord->ExceptionCode;
    filter_frame = frame;
    if (filter_result == EXCEPTION_CONTINUE_EXECUTION) pointers->ContextRecord->Rip = (DWORD64)seh_filter_resume;
    return filter_result;
}

void finally_handler(BOOLEAN abnormal, void *frame)
{
    finally_calls++;
    finally_abnormal = abnormal;
}

__asm__(".text\n"
        /* seh_except */
        ".globl seh_except\n.def seh_except; .scl 2; .type 32; .endef\n.seh_proc seh_except\n"
        "seh_except:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        ".Lexcept_begin:\n\tmovl $1, (%rcx)\n\tnop\n.Lexcept_end:\n"
        "\txorl %eax, %eax\n\taddq $40, %rsp\n\tret\n"
        ".Lexcept_target:\n\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @except\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lexcept_begin, .Lexcept_end\n\t.long 1\n\t.rva .Lexcept_target\n"
        "\t.text\n\t.seh_endproc\n"
        /* seh_filter */
        ".globl seh_filter\n.def seh_filter; .scl 2; .type 32; .endef\n.seh_proc seh_filter\n"
        "seh_filter:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        ".Lfilter_begin:\n\tmovl $1, (%rcx)\n\tnop\n.Lfilter_end:\n"
        "\txorl %eax, %eax\n\taddq $40, %rsp\n\tret\n"
        ".globl seh_filter_resume\nseh_filter_resume:\n\tmovl $2, %eax\n\taddq $40, %rsp\n\tret\n"
        ".Lfilter_target:\n\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @except\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lfilter_begin, .Lfilter_end, filter_handler, .Lfilter_target\n"
        "\t.text\n\t.seh_endproc\n"
        /* seh_outer */
        ".globl seh_outer\n.def seh_outer; .scl 2; .type 32; .endef\n.seh_proc seh_outer\n"
        "seh_outer:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        "\tmovq %rcx, %rax\n\tmovq %rdx, %rcx\n"
        ".Louter_begin:\n\tcall *%rax\n\tnop\n.Louter_end:\n"
        "\taddq $40, %rsp\n\tret\n"
        ".Louter_target:\n\tmovl $0x77, %eax\n\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @except\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Louter_begin, .Louter_end\n\t.long 1\n\t.rva .Louter_target\n"
        "\t.text\n\t.seh_endproc\n"
        /* seh_finally */
        ".globl seh_finally\n.def seh_finally; .scl 2; .type 32; .endef\n.seh_proc seh_finally\n"
        "seh_finally:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        ".Lfinally_begin:\n\tmovl $1, (%rcx)\n\tnop\n.Lfinally_end:\n"
        "\txorl %eax, %eax\n\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @unwind\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lfinally_begin, .Lfinally_end, finally_handler\n\t.long 0\n"
        "\t.text\n\t.seh_endproc\n");

int main(void)
{
    int value = 0;
    ok(seh_except(&value) == 0 && value == 1, "__try without exception");
    ok(seh_except(NULL) == (int)EXCEPTION_ACCESS_VIOLATION, "__except (1) gets the code in eax");

    filter_result = EXCEPTION_EXECUTE_HANDLER;
    ok(seh_filter(NULL) == (int)EXCEPTION_ACCESS_VIOLATION, "filter: execute handler");
    ok(filter_calls == 1 && filter_code == EXCEPTION_ACCESS_VIOLATION, "filter called with the exception");
    ok(filter_frame != NULL, "filter gets the establisher frame");

    filter_result = EXCEPTION_CONTINUE_EXECUTION;
    ok(seh_filter(NULL) == 2, "filter: continue execution at the context it changed");

    filter_calls = 0;
    filter_result = EXCEPTION_CONTINUE_SEARCH;
    ok(seh_outer(seh_filter, NULL) == 0x77, "filter: continue search reaches the outer __except");
    ok(filter_calls == 1, "inner filter called once (%d)", filter_calls);

    ok(seh_outer(seh_finally, NULL) == 0x77, "outer __except after an inner __finally");
    ok(finally_calls == 1 && finally_abnormal, "__finally ran during the unwind (%d, abnormal %d)", finally_calls,
       finally_abnormal);
    ok(seh_outer(seh_finally, &value) == 0 && finally_calls == 1, "no exception: no termination handler call");
    return vt_summary();
}
