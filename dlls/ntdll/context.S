/* Register-level pieces of exception handling (CONTEXT offsets from
   include/vine/context.h):

   - RtlCaptureContext: the caller's registers, as Windows defines it.
   - vine_restore_context: loads a whole CONTEXT and resumes at its Rip.
   - the raise/unwind entry points: they capture their *caller's* context
     (what unwinding out of the entry point would give) before any ELF code
     runs, so the walk starts at the caller and never has to step through
     the dispatcher's own frames.
   - vine_call_handler: every call into Windows handler code from the
     dispatcher goes through it, so a walk from a nested exception can
     recognise the frame by its return address, skip the dispatcher's
     frames above it and learn how it was called (see unwind.cpp: the role
     Windows gives RtlpExecuteHandler*).
   - KiUserExceptionDispatcher: where a hardware exception resumes, on the
     thread's own stack, with a CONTEXT and EXCEPTION_RECORD at rsp.

   Every function has DWARF CFI, so that walks through builtin frames
   (dwarf_unwind.cpp) can step through these too. */

#define CTX_P1HOME 0x00
#define CTX_FLAGS 0x30
#define CTX_MXCSR 0x34
#define CTX_CS 0x38
#define CTX_DS 0x3a
#define CTX_ES 0x3c
#define CTX_FS 0x3e
#define CTX_GS 0x40
#define CTX_SS 0x42
#define CTX_EFLAGS 0x44
#define CTX_DR0 0x48
#define CTX_RAX 0x78
#define CTX_RCX 0x80
#define CTX_RDX 0x88
#define CTX_RBX 0x90
#define CTX_RSP 0x98
#define CTX_RBP 0xa0
#define CTX_RSI 0xa8
#define CTX_RDI 0xb0
#define CTX_R8 0xb8
#define CTX_R9 0xc0
#define CTX_R10 0xc8
#define CTX_R11 0xd0
#define CTX_R12 0xd8
#define CTX_R13 0xe0
#define CTX_R14 0xe8
#define CTX_R15 0xf0
#define CTX_RIP 0xf8
#define CTX_FLTSAVE 0x100
#define CTX_SIZE 0x4d0
#define CONTEXT_FULL_SEGMENTS 0x10000f   /* CONTEXT_FULL | CONTEXT_SEGMENTS */

    .text

/* Stores everything but rax, rsp, rbp and rip into the CONTEXT at \ctx
   (a register other than those), plus flags, segments, MXCSR and FXSAVE. */
.macro SAVE_COMMON ctx
    movq %rcx, CTX_RCX(\ctx)
    movq %rdx, CTX_RDX(\ctx)
    movq %rbx, CTX_RBX(\ctx)
    movq %rsi, CTX_RSI(\ctx)
    movq %rdi, CTX_RDI(\ctx)
    movq %r8, CTX_R8(\ctx)
    movq %r9, CTX_R9(\ctx)
    movq %r10, CTX_R10(\ctx)
    movq %r11, CTX_R11(\ctx)
    movq %r12, CTX_R12(\ctx)
    movq %r13, CTX_R13(\ctx)
    movq %r14, CTX_R14(\ctx)
    movq %r15, CTX_R15(\ctx)
    pushfq
    popq %rax
    movl %eax, CTX_EFLAGS(\ctx)
    movw %cs, CTX_CS(\ctx)
    movw %ds, CTX_DS(\ctx)
    movw %es, CTX_ES(\ctx)
    movw %fs, CTX_FS(\ctx)
    movw %gs, CTX_GS(\ctx)
    movw %ss, CTX_SS(\ctx)
    stmxcsr CTX_MXCSR(\ctx)
    fxsave64 CTX_FLTSAVE(\ctx)
    movl $CONTEXT_FULL_SEGMENTS, CTX_FLAGS(\ctx)
    xorl %eax, %eax
    movq %rax, CTX_DR0(\ctx)
    movq %rax, CTX_DR0+0x08(\ctx)
    movq %rax, CTX_DR0+0x10(\ctx)
    movq %rax, CTX_DR0+0x18(\ctx)
    movq %rax, CTX_DR0+0x20(\ctx)
    movq %rax, CTX_DR0+0x28(\ctx)
.endm

/* void RtlCaptureContext(CONTEXT* context), Microsoft x64: the context as
   the caller sees it after the call returns. */
    .globl RtlCaptureContext
    .type RtlCaptureContext, @function
RtlCaptureContext:
    .cfi_startproc
    movq %rax, CTX_RAX(%rcx)
    movq %rbp, CTX_RBP(%rcx)
    SAVE_COMMON %rcx
    leaq 8(%rsp), %rax
    movq %rax, CTX_RSP(%rcx)
    movq (%rsp), %rax
    movq %rax, CTX_RIP(%rcx)
    movq CTX_RAX(%rcx), %rax
    ret
    .cfi_endproc
    .size RtlCaptureContext, .-RtlCaptureContext

/* [[noreturn]] void vine_restore_context(const CONTEXT* context), System V:
   loads the integer registers, flags and (with CONTEXT_FLOATING_POINT) the
   FXSAVE area and MXCSR, then switches to context->Rsp and jumps to
   context->Rip at once through iretq, which leaves the target stack below
   Rsp untouched (ELF code there may keep data in its red zone). The segment
   registers are left alone: GS holds the TEB base. */
    .globl vine_restore_context
    .hidden vine_restore_context
    .type vine_restore_context, @function
vine_restore_context:
    movq %rdi, %rax
    testl $0x8, CTX_FLAGS(%rax)
    jz 1f
    fxrstor64 CTX_FLTSAVE(%rax)
    ldmxcsr CTX_MXCSR(%rax)
1:  xorl %ecx, %ecx
    movw %ss, %cx
    pushq %rcx
    pushq CTX_RSP(%rax)
    movl CTX_EFLAGS(%rax), %ecx
    pushq %rcx
    xorl %ecx, %ecx
    movw %cs, %cx
    pushq %rcx
    pushq CTX_RIP(%rax)
    movq CTX_RCX(%rax), %rcx
    movq CTX_RDX(%rax), %rdx
    movq CTX_RBX(%rax), %rbx
    movq CTX_RBP(%rax), %rbp
    movq CTX_RSI(%rax), %rsi
    movq CTX_RDI(%rax), %rdi
    movq CTX_R8(%rax), %r8
    movq CTX_R9(%rax), %r9
    movq CTX_R10(%rax), %r10
    movq CTX_R11(%rax), %r11
    movq CTX_R12(%rax), %r12
    movq CTX_R13(%rax), %r13
    movq CTX_R14(%rax), %r14
    movq CTX_R15(%rax), %r15
    movq CTX_RAX(%rax), %rax
    iretq
    .size vine_restore_context, .-vine_restore_context

/* An exported Microsoft x64 entry point that hands its arguments and its
   caller's context to a System V implementation that never returns:
   impl(const ULONG64* args, CONTEXT* caller). args points to the home area,
   where rcx, rdx, r8, r9 are stored, followed by the stack arguments. */
.macro CALLER_CONTEXT_ENTRY name, impl
    .globl \name
    .type \name, @function
\name:
    .cfi_startproc
    movq %rcx, 8(%rsp)
    movq %rdx, 16(%rsp)
    movq %r8, 24(%rsp)
    movq %r9, 32(%rsp)
    pushq %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    subq $CTX_SIZE, %rsp
    andq $-64, %rsp
    movq %rax, CTX_RAX(%rsp)
    SAVE_COMMON %rsp
    movq (%rbp), %rax
    movq %rax, CTX_RBP(%rsp)
    leaq 16(%rbp), %rax
    movq %rax, CTX_RSP(%rsp)
    movq 8(%rbp), %rax
    movq %rax, CTX_RIP(%rsp)
    leaq 16(%rbp), %rdi
    movq %rsp, %rsi
    call \impl
    ud2
    .cfi_endproc
    .size \name, .-\name
.endm

CALLER_CONTEXT_ENTRY RtlRaiseException, vine_raise_exception_entry
CALLER_CONTEXT_ENTRY RtlUnwindEx, vine_unwind_ex_entry
CALLER_CONTEXT_ENTRY RtlUnwind, vine_unwind_entry
CALLER_CONTEXT_ENTRY RtlRaiseStatus, vine_raise_status_entry
CALLER_CONTEXT_ENTRY __vine_RaiseException, vine_raise_exception_args_entry

/* ULONG64 vine_call_handler(void* a1, void* a2, void* a3, void* a4,
                             void* function, const HandlerCall* call),
   System V: calls the Microsoft x64 function(a1, a2, a3, a4). `call` stays
   at a fixed place in this frame: 0x28 bytes above the stack pointer at
   vine_call_handler_return, which is the return address an unwinder finds
   when it walks out of the handler. */
    .globl vine_call_handler
    .hidden vine_call_handler
    .globl vine_call_handler_return
    .hidden vine_call_handler_return
    .type vine_call_handler, @function
vine_call_handler:
    .cfi_startproc
    pushq %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    pushq %r9
    subq $0x28, %rsp
    movq %r8, %rax
    movq %rcx, %r9
    movq %rdx, %r8
    movq %rsi, %rdx
    movq %rdi, %rcx
    call *%rax
vine_call_handler_return:
    leave
    .cfi_def_cfa %rsp, 8
    ret
    .cfi_endproc
    .size vine_call_handler, .-vine_call_handler

/* Where a hardware exception continues after the signal handler (see
   loader/crash.cpp): rsp points at a CONTEXT followed by an
   EXCEPTION_RECORD, on the faulting thread's stack. Its CFI describes the
   faulting frame as the caller, from the CONTEXT (DW_CFA_def_cfa_expression
   and DW_CFA_expression with DW_OP_breg7, i.e. rsp + offset), and marks
   it a signal frame: the caller's pc is the faulting instruction. */
    .globl KiUserExceptionDispatcher
    .type KiUserExceptionDispatcher, @function
KiUserExceptionDispatcher:
    .cfi_startproc
    .cfi_signal_frame
    .cfi_escape 0x0f, 4, 0x77, 0x98, 0x01, 0x06  /* CFA = [rsp + CTX_RSP] */
    .cfi_escape 0x10, 0, 3, 0x77, 0xf8, 0x00  /* rax at rsp + 0x78 */
    .cfi_escape 0x10, 1, 3, 0x77, 0x88, 0x01  /* rdx at rsp + 0x88 */
    .cfi_escape 0x10, 2, 3, 0x77, 0x80, 0x01  /* rcx at rsp + 0x80 */
    .cfi_escape 0x10, 3, 3, 0x77, 0x90, 0x01  /* rbx at rsp + 0x90 */
    .cfi_escape 0x10, 4, 3, 0x77, 0xa8, 0x01  /* rsi at rsp + 0xa8 */
    .cfi_escape 0x10, 5, 3, 0x77, 0xb0, 0x01  /* rdi at rsp + 0xb0 */
    .cfi_escape 0x10, 6, 3, 0x77, 0xa0, 0x01  /* rbp at rsp + 0xa0 */
    .cfi_escape 0x10, 8, 3, 0x77, 0xb8, 0x01  /* r8 at rsp + 0xb8 */
    .cfi_escape 0x10, 9, 3, 0x77, 0xc0, 0x01  /* r9 at rsp + 0xc0 */
    .cfi_escape 0x10, 10, 3, 0x77, 0xc8, 0x01  /* r10 at rsp + 0xc8 */
    .cfi_escape 0x10, 11, 3, 0x77, 0xd0, 0x01  /* r11 at rsp + 0xd0 */
    .cfi_escape 0x10, 12, 3, 0x77, 0xd8, 0x01  /* r12 at rsp + 0xd8 */
    .cfi_escape 0x10, 13, 3, 0x77, 0xe0, 0x01  /* r13 at rsp + 0xe0 */
    .cfi_escape 0x10, 14, 3, 0x77, 0xe8, 0x01  /* r14 at rsp + 0xe8 */
    .cfi_escape 0x10, 15, 3, 0x77, 0xf0, 0x01  /* r15 at rsp + 0xf0 */
    .cfi_escape 0x10, 16, 3, 0x77, 0xf8, 0x01  /* rip at rsp + 0xf8 */
    .cfi_escape 0x10, 23, 3, 0x77, 0x80, 0x04  /* xmm6 at rsp + 0x200 */
    .cfi_escape 0x10, 24, 3, 0x77, 0x90, 0x04  /* xmm7 at rsp + 0x210 */
    .cfi_escape 0x10, 25, 3, 0x77, 0xa0, 0x04  /* xmm8 at rsp + 0x220 */
    .cfi_escape 0x10, 26, 3, 0x77, 0xb0, 0x04  /* xmm9 at rsp + 0x230 */
    .cfi_escape 0x10, 27, 3, 0x77, 0xc0, 0x04  /* xmm10 at rsp + 0x240 */
    .cfi_escape 0x10, 28, 3, 0x77, 0xd0, 0x04  /* xmm11 at rsp + 0x250 */
    .cfi_escape 0x10, 29, 3, 0x77, 0xe0, 0x04  /* xmm12 at rsp + 0x260 */
    .cfi_escape 0x10, 30, 3, 0x77, 0xf0, 0x04  /* xmm13 at rsp + 0x270 */
    .cfi_escape 0x10, 31, 3, 0x77, 0x80, 0x05  /* xmm14 at rsp + 0x280 */
    .cfi_escape 0x10, 32, 3, 0x77, 0x90, 0x05  /* xmm15 at rsp + 0x290 */
    cld
    movq %rsp, %rsi
    leaq CTX_SIZE(%rsp), %rdi
    call vine_dispatch_user_exception
    ud2
    .cfi_endproc
    .size KiUserExceptionDispatcher, .-KiUserExceptionDispatcher

    .section .note.GNU-stack,"",@progbits
