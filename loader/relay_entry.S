/* The relay and stub trampolines that builtin DLLs' thunks jump to, with the
   export's vine::BuiltinExport in %rax (see tools/vinebuild/asm_writer.cpp).
   Entered from Microsoft x64 code: rcx, rdx, r8, r9 / xmm0-3 hold the first
   four arguments, the rest are on the stack above the caller's home area. */

#define EXPORT_ADDRESS 8      /* offsetof(BuiltinExport, address) */
#define STACK_ARGS 16         /* stack arguments copied for the real call */

    .text
    .globl vine_relay_entry
    .type vine_relay_entry, @function
vine_relay_entry:
    .cfi_startproc
    pushq %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    pushq %rbx
    .cfi_offset %rbx, -24
    pushq %r12
    .cfi_offset %r12, -32
    movq %rcx, 16(%rbp)          /* home the register arguments */
    movq %rdx, 24(%rbp)
    movq %r8, 32(%rbp)
    movq %r9, 40(%rbp)
    movq %rax, %rbx
    /* [rsp]: 0x20 home area, STACK_ARGS*8 arguments, 4 saved xmm registers */
    subq $0xf0, %rsp
    movups %xmm0, 0xa0(%rsp)
    movups %xmm1, 0xb0(%rsp)
    movups %xmm2, 0xc0(%rsp)
    movups %xmm3, 0xd0(%rsp)
    movq %rbx, %rcx
    leaq 16(%rbp), %rdx
    leaq 0xa0(%rsp), %r8
    movq 8(%rbp), %r9
    call vine_relay_trace_call
    xorl %eax, %eax
1:  movq 48(%rbp,%rax,8), %r10
    movq %r10, 0x20(%rsp,%rax,8)
    incq %rax
    cmpq $STACK_ARGS, %rax
    jb 1b
    movq 16(%rbp), %rcx
    movq 24(%rbp), %rdx
    movq 32(%rbp), %r8
    movq 40(%rbp), %r9
    movups 0xa0(%rsp), %xmm0
    movups 0xb0(%rsp), %xmm1
    movups 0xc0(%rsp), %xmm2
    movups 0xd0(%rsp), %xmm3
    call *EXPORT_ADDRESS(%rbx)
    movq %rax, %r12
    movups %xmm0, 0xa0(%rsp)
    movq %rbx, %rcx
    movq %r12, %rdx
    movq 8(%rbp), %r8
    call vine_relay_trace_return
    movq %r12, %rax
    movups 0xa0(%rsp), %xmm0
    leaq -16(%rbp), %rsp
    popq %r12
    popq %rbx
    popq %rbp
    .cfi_def_cfa %rsp, 8
    ret
    .cfi_endproc
    .size vine_relay_entry, .-vine_relay_entry

    .globl vine_stub_called
    .type vine_stub_called, @function
vine_stub_called:
    .cfi_startproc
    movq %rax, %rdi              /* the export */
    movq (%rsp), %rsi            /* the caller */
    pushq %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    andq $-16, %rsp
    call vine_report_unimplemented
    ud2
    .cfi_endproc
    .size vine_stub_called, .-vine_stub_called

/* uint64_t vine_call_on_stack(void* function, void* argument, void* stack_top):
   calls the Microsoft x64 function(argument) on another stack. Every
   process starts its program through it: a section of its own, so the
   start-up order list can place it (cmake/VineStartupOrder.cmake). */
    .section .text.vine_call_on_stack,"ax",@progbits
    .globl vine_call_on_stack
    .type vine_call_on_stack, @function
vine_call_on_stack:
    .cfi_startproc
    pushq %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    movq %rsp, %rbp
    .cfi_def_cfa_register %rbp
    movq %rdx, %rsp
    andq $-16, %rsp
    subq $0x20, %rsp
    movq %rsi, %rcx
    call *%rdi
    movq %rbp, %rsp
    popq %rbp
    .cfi_def_cfa %rsp, 8
    ret
    .cfi_endproc
    .size vine_call_on_stack, .-vine_call_on_stack

    .section .note.GNU-stack,"",@progbits
