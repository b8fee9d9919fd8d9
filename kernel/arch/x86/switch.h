#if LAB >= 4
/*
 * The context switch (arch/x86/switch.S). A thread that is not running
 * keeps its callee-saved registers and the address to resume at on its own
 * stack, and that stack's pointer in struct thread; swtch saves the running
 * thread's and resumes another's. The caller-saved registers need no saving:
 * swtch is an ordinary call, so the compiler has already saved whatever it
 * needs of them. A new thread's stack is made to look as if the thread had
 * called swtch from thread_trampoline.
 */
#ifndef ARCH_X86_SWITCH_H
#define ARCH_X86_SWITCH_H

#include <stdint.h>

/* What swtch leaves at a saved stack pointer, lowest address first. */
struct switch_frame {
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t rip; /* where swtch returns to */
};

/* Push the callee-saved registers, store rsp in *save_rsp, load next_rsp and return into
 * the thread that saved it (pop its registers, ret). Interrupts must be off. */
void swtch(uint64_t *save_rsp, uint64_t next_rsp);

/*
 * A new thread's first instructions, with rbx = fn, r12 = arg and rbp = 0
 * (backtraces end here): sched_thread_start(), fn(arg), thread_exit(0).
 */
void thread_trampoline(void);

#endif
#endif
