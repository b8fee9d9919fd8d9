#if LAB >= 4
/*
 * The context switch and a new thread's first instructions
 * (arch/x86/switch.h). Only the callee-saved registers and rsp change hands:
 * everything else a thread needs is on its stack already, saved by the C
 * code that called swtch, or by trapentry.S when a timer interrupt
 * preempted it.
 */
	.text
	.globl swtch
	.type swtch, @function
swtch:
#if SOL >= 4 /* exercise context-switch */
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
#else
	/* LAB 4: your code here (exercise context-switch).
	   Save the running thread's callee-saved registers on its stack and its
	   rsp in *save_rsp (%rdi), then take up the stack at next_rsp (%rsi) and
	   return into the thread that saved it there: struct switch_frame in
	   arch/x86/switch.h is the layout both sides must agree on. */
	pushq %rbp
	movq %rsp, %rbp
	leaq swtch_file(%rip), %rdi
	movl $__LINE__, %esi
	leaq swtch_msg(%rip), %rdx
	xorl %eax, %eax
	call panic_at

	.section .rodata
swtch_file:
	.asciz __FILE__
swtch_msg:
	.asciz "swtch: not implemented (exercise context-switch)"
	.text
#endif
	.size swtch, . - swtch

	/* The outermost frame of every thread: gdb's backtraces stop here too. */
	.cfi_sections .debug_frame
	.globl thread_trampoline
	.type thread_trampoline, @function
thread_trampoline:
	.cfi_startproc
	.cfi_undefined rip
	call sched_thread_start
	movq %r12, %rdi
	call *%rbx
	xorl %edi, %edi
	call thread_exit
	.cfi_endproc
	.size thread_trampoline, . - thread_trampoline

	.section .note.GNU-stack, "", @progbits
#endif
