/* Integer division faults as Windows reports them: the CPU raises the same
   #DE for a zero divisor and for a quotient that does not fit (INT_MIN / -1,
   or a div whose high half is too large); Windows tells them apart as
   EXCEPTION_INT_DIVIDE_BY_ZERO and EXCEPTION_INT_OVERFLOW. Each case is one
   instruction of known length, which the vectored handler skips. */
#include <windows.h>
#include <limits.h>
#include "vinetest.h"

static DWORD seen_code, seen_params;
static void *seen_address;
static int seen_calls;
static DWORD64 skip_length;

static LONG WINAPI skip_division(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    if (record->ExceptionCode != EXCEPTION_INT_DIVIDE_BY_ZERO && record->ExceptionCode != EXCEPTION_INT_OVERFLOW)
        return EXCEPTION_CONTINUE_SEARCH;
    seen_calls++;
    seen_code = record->ExceptionCode;
    seen_params = record->NumberParameters;
    seen_address = record->ExceptionAddress;
    pointers->ContextRecord->Rip += skip_length;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* Each: the dividend in rdx:rax (edx:eax, ax), the divisor as the function's
   argument; returns nothing useful. The label marks the division. */
void div32_reg(LONG64 divisor, LONG64 high, LONG64 low);   /* idiv ecx    f7 f9    */
void div64_reg(LONG64 divisor, LONG64 high, LONG64 low);   /* idiv rcx    48 f7 f9 */
void udiv32_reg(LONG64 divisor, LONG64 high, LONG64 low);  /* div ecx     f7 f1    */
void div8_reg(LONG64 divisor, LONG64 high, LONG64 low);    /* idiv cl     f6 f9    */
void div32_stack(LONG64 divisor, LONG64 high, LONG64 low); /* idiv dword [rsp]  f7 3c 24 */
void div64_r9(LONG64 divisor, LONG64 high, LONG64 low);    /* idiv r9     49 f7 f9 */
void div32_global(LONG64 divisor, LONG64 high, LONG64 low); /* idiv dword [rip+x]  f7 3d rel32 */
extern char div32_reg_at[], div64_reg_at[], udiv32_reg_at[], div8_reg_at[], div32_stack_at[], div64_r9_at[],
    div32_global_at[];
int global_divisor;

/* Microsoft x64: rcx = divisor, rdx = high, r8 = low. */
__asm__(".text\n"
        ".globl div32_reg\ndiv32_reg:\n\tmovq %rdx, %r10\n\tmovq %r8, %rax\n\tmovq %r10, %rdx\n"
        ".globl div32_reg_at\ndiv32_reg_at:\n\t.byte 0xf7, 0xf9\n\tret\n"
        ".globl div64_reg\ndiv64_reg:\n\tmovq %rdx, %r10\n\tmovq %r8, %rax\n\tmovq %r10, %rdx\n"
        ".globl div64_reg_at\ndiv64_reg_at:\n\t.byte 0x48, 0xf7, 0xf9\n\tret\n"
        ".globl udiv32_reg\nudiv32_reg:\n\tmovq %rdx, %r10\n\tmovq %r8, %rax\n\tmovq %r10, %rdx\n"
        ".globl udiv32_reg_at\nudiv32_reg_at:\n\t.byte 0xf7, 0xf1\n\tret\n"
        ".globl div8_reg\ndiv8_reg:\n\tmovq %r8, %rax\n"
        ".globl div8_reg_at\ndiv8_reg_at:\n\t.byte 0xf6, 0xf9\n\tret\n"
        ".globl div32_stack\ndiv32_stack:\n\tpushq %rcx\n\tmovq %rdx, %r10\n\tmovq %r8, %rax\n\tmovq %r10, %rdx\n"
        ".globl div32_stack_at\ndiv32_stack_at:\n\t.byte 0xf7, 0x3c, 0x24\n\tpopq %rcx\n\tret\n"
        ".globl div64_r9\ndiv64_r9:\n\tmovq %rcx, %r9\n\tmovq %rdx, %r10\n\tmovq %r8, %rax\n\tmovq %r10, %rdx\n"
        ".globl div64_r9_at\ndiv64_r9_at:\n\t.byte 0x49, 0xf7, 0xf9\n\tret\n"
        ".globl div32_global\ndiv32_global:\n\tmovl %ecx, global_divisor(%rip)\n\tmovq %rdx, %r10\n"
        "\tmovq %r8, %rax\n\tmovq %r10, %rdx\n"
        ".globl div32_global_at\ndiv32_global_at:\n\tidivl global_divisor(%rip)\n\tret\n");

static void check(const char *what, void (*fn)(LONG64, LONG64, LONG64), char *at, DWORD64 length, LONG64 divisor,
                  LONG64 high, LONG64 low, DWORD expected)
{
    seen_calls = 0;
    seen_code = seen_params = 0xdead;
    seen_address = NULL;
    skip_length = length;
    fn(divisor, high, low);
    ok(seen_calls == 1, "%s: one exception (%d)", what, seen_calls);
    ok(seen_code == expected, "%s: code %08lx, expected %08lx", what, seen_code, expected);
    ok(seen_params == 0, "%s: %lu parameters", what, seen_params);
    ok(seen_address == at, "%s: at the division (%p, expected %p)", what, seen_address, (void *)at);
}

int main(void)
{
    void *handler = AddVectoredExceptionHandler(1, skip_division);

    check("INT_MIN / -1 (idiv ecx)", div32_reg, div32_reg_at, 2, -1, -1, (LONG64)(ULONG)INT_MIN,
          EXCEPTION_INT_OVERFLOW);
    check("1 / 0 (idiv ecx)", div32_reg, div32_reg_at, 2, 0, 0, 1, EXCEPTION_INT_DIVIDE_BY_ZERO);
    check("INT64_MIN / -1 (idiv rcx)", div64_reg, div64_reg_at, 3, -1, -1, LLONG_MIN, EXCEPTION_INT_OVERFLOW);
    check("1 / 0 (idiv ecx, rcx 0x100000000)", div32_reg, div32_reg_at, 2, 0x100000000ll, 0, 1,
          EXCEPTION_INT_DIVIDE_BY_ZERO);
    check("0x2_00000000 / 1 (div ecx)", udiv32_reg, udiv32_reg_at, 2, 1, 2, 0, EXCEPTION_INT_OVERFLOW);
    check("5 / 0 (div ecx)", udiv32_reg, udiv32_reg_at, 2, 0, 0, 5, EXCEPTION_INT_DIVIDE_BY_ZERO);
    check("-32768 / -1 (idiv cl)", div8_reg, div8_reg_at, 2, 0xff, 0, 0x8000, EXCEPTION_INT_OVERFLOW);
    check("1 / 0 (idiv cl, rcx 0x100)", div8_reg, div8_reg_at, 2, 0x100, 0, 1, EXCEPTION_INT_DIVIDE_BY_ZERO);
    check("INT_MIN / -1 (idiv dword [rsp])", div32_stack, div32_stack_at, 3, -1, -1, (LONG64)(ULONG)INT_MIN,
          EXCEPTION_INT_OVERFLOW);
    check("1 / 0 (idiv dword [rsp])", div32_stack, div32_stack_at, 3, 0, 0, 1, EXCEPTION_INT_DIVIDE_BY_ZERO);
    check("INT64_MIN / -1 (idiv r9)", div64_r9, div64_r9_at, 3, -1, -1, LLONG_MIN, EXCEPTION_INT_OVERFLOW);
    check("INT_MIN / -1 (idiv dword [rip+x])", div32_global, div32_global_at, 6, -1, -1, (LONG64)(ULONG)INT_MIN,
          EXCEPTION_INT_OVERFLOW);
    check("1 / 0 (idiv dword [rip+x])", div32_global, div32_global_at, 6, 0, 0, 1, EXCEPTION_INT_DIVIDE_BY_ZERO);

    RemoveVectoredExceptionHandler(handler);
    return vt_summary();
}
