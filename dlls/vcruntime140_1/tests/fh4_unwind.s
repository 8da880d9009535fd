# Hand-written FH4 tables (include/vine/msvc_eh.h) for what clang cannot
# emit: cleanups that are destructors called on a frame object directly
# (DtorWithObj) and through a pointer kept in the frame (DtorWithPtrToObj),
# the forms MSVC uses for most locals. vt_fh4_two_objects(callback) puts an
# object A (value 7) at establisher+32 and B (value 100) at +44, with a
# pointer to B at +48, then calls callback while both are alive (state 1),
# and returns 1. The ip-to-state map uses each length of the compressed
# integers.
# State 1's action destroys *(+48) and goes to state 0, whose action
# destroys the object at +32 and goes to -1.
	.text
	.globl	vt_fh4_two_objects
	.p2align	4, 0x90
vt_fh4_two_objects:
.Lfh4_start:
.seh_proc vt_fh4_two_objects
	.seh_handler __CxxFrameHandler4, @unwind, @except
	subq	$72, %rsp
	.seh_stackalloc 72
	.seh_endprologue
	movl	$7, 32(%rsp)
.Lfh4_state0:
	movl	$100, 44(%rsp)
	leaq	44(%rsp), %rax
	movq	%rax, 48(%rsp)
.Lfh4_state1:
	callq	*%rcx
	nop
.Lfh4_after:
	movl	$1, %eax
	addq	$72, %rsp
	retq
	.seh_handlerdata
	.long	.Lfh4_info@IMGREL
	.text
	.seh_endproc

	.section	.xdata,"dr"
.Lfh4_info:
	.byte	0x28                     # UnwindMap | EHs
	.long	.Lfh4_unwind@IMGREL
	.long	.Lfh4_ip@IMGREL
.Lfh4_unwind:
	.byte	4                        # 2 entries
	# state 0 (offset 0): to -1 (back 1), DtorWithObj, object at +32
	.byte	(1 << 2 | 1) << 1
	.long	vt_fh4_destroy@IMGREL
	.byte	32 << 1
	# state 1 (offset 6): to state 0 (back 6), DtorWithPtrToObj, pointer at +48
	.byte	(6 << 2 | 2) << 1
	.long	vt_fh4_destroy@IMGREL
	.byte	48 << 1
.Lfh4_ip:
	.byte	4 << 1                   # 4 entries: states -1, 0, 1, -1 (stored plus one)
	.byte	0, 0                     # at the start (delta 0): -1
	.long	((.Lfh4_state0 - .Lfh4_start) << 4) | 7   # four-byte form
	.byte	1 << 1
	.byte	((.Lfh4_state1 - .Lfh4_state0) << 2) | 1, 0  # two-byte form
	.byte	2 << 1
	.byte	15                       # five-byte form
	.long	.Lfh4_after - .Lfh4_state1
	.byte	0
