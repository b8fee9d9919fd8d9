#if LAB >= 4
/*
 * What each CPU knows about itself: the thread it runs, whether the
 * scheduler wants to switch, the interrupt-off nesting and the spinlocks it
 * holds. Lab 4 runs on one CPU, so there is one struct cpu; lab 12 makes an
 * array of them and this_cpu() finds the caller's.
 */
#ifndef PROC_PERCPU_H
#define PROC_PERCPU_H

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#endif

#define CPU_MAX_LOCKS 16 /* spinlocks one CPU may hold at once */

#if LAB >= 6
/* Where arch/x86/syscall.S finds the fields it needs through %gs (usermode.c checks them). */
#define CPU_SYSCALL_RSP 0 /* offsetof(struct cpu, syscall_rsp) */
#define CPU_USER_RSP 8    /* offsetof(struct cpu, user_rsp) */
#endif

#ifndef __ASSEMBLER__
struct spinlock;
struct thread;

struct cpu {
#if LAB >= 6
	/* First, at fixed offsets: the syscall entry reads them before it has a stack. */
	uint64_t syscall_rsp; /* the running thread's kstack_top (usermode_switch sets it) */
	uint64_t user_rsp;    /* the entry's scratch slot for the caller's rsp */
#endif
	struct thread *current; /* NULL until thread_init */
	struct thread *idle;
	bool need_resched; /* switch at the next chance: quantum over, or a higher class woke */
	int irq_depth;     /* > 0 while an interrupt handler runs */
	int ncli;          /* irq_save_push nesting */
	int preempt_off;   /* spin_lock_preempt nesting: no preemption while > 0 */
	bool intena;       /* were interrupts on before the outermost irq_save_push? */
	int nlocks;        /* spinlocks held: held[0 .. nlocks - 1], oldest first */
	struct spinlock *held[CPU_MAX_LOCKS];
};

extern struct cpu cpu0;

/* The calling CPU's state; interrupts should be off, or the caller may move (lab 12). */
static inline struct cpu *
this_cpu(void)
{
	return &cpu0;
}
#endif /* __ASSEMBLER__ */

#endif
#endif
