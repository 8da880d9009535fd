/* The register half of SwitchToFiber (fiber.cpp), System V: what a System V
   callee must preserve and the floating-point control state are pushed on
   the current stack, the stack pointer saved, the other fiber's loaded and
   its registers popped. The Microsoft x64 registers System V does not
   preserve (rdi, rsi, xmm6-xmm15) are saved by SwitchToFiber's own frame,
   which its compiler keeps on the fiber's stack across the call.

   void vine_fiber_switch(void** save_stack, void* load_stack); */
    .text
    .globl vine_fiber_switch
    .hidden vine_fiber_switch
    .type vine_fiber_switch, @function
vine_fiber_switch:
    .cfi_startproc
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $16, %rsp
    stmxcsr 8(%rsp)
    fnstcw (%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    fldcw (%rsp)
    ldmxcsr 8(%rsp)
    addq $16, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .cfi_endproc
    .size vine_fiber_switch, .-vine_fiber_switch

/* A new fiber's first switch returns here, with its Fiber in rbx and the
   stack 16-byte aligned; vine_fiber_run never returns. No frame is above. */
    .globl vine_fiber_entry
    .hidden vine_fiber_entry
    .type vine_fiber_entry, @function
vine_fiber_entry:
    .cfi_startproc
    .cfi_undefined rip
    movq %rbx, %rdi
    call vine_fiber_run
    ud2
    .cfi_endproc
    .size vine_fiber_entry, .-vine_fiber_entry

    .section .note.GNU-stack,"",@progbits
