#if LAB >= 4
/*
 * The scheduler. Policy: strict priority between classes (service, normal,
 * idle), round robin with a quantum of SCHED_QUANTUM ticks within a class;
 * the timer tick preempts a thread whose quantum ran out, or any thread when
 * one of a higher class became runnable. docs/ARCHITECTURE.md says why.
 */
#ifndef PROC_SCHED_H
#define PROC_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/thread.h"
#include "sync/spinlock.h"

#define SCHED_QUANTUM 2 /* ticks: 20 ms at HZ=100 */

/*
 * The scheduler's lock: the run queues, the sleepers, every thread's state,
 * the list of all threads, and each thread's exited queue (thread_join's
 * condition). It is held across a context switch: the thread switched to
 * releases it.
 */
extern struct spinlock sched_lock;

/* Give up the CPU to another runnable thread of the same or a higher class, if any. */
void sched_yield(void);

/* Sleep until ticks more clock ticks have come (0: just yield). */
void sched_sleep_ticks(uint64_t ticks);

/* Sleep for at least ms milliseconds: the ticks they span, plus one for the tick under way. */
void sched_sleep_ms(uint64_t ms);

/*
 * Block the current thread, whose state the caller set to THREAD_BLOCKED
 * holding sched_lock (or with interrupts off), until sched_wakeup. Any
 * other spinlock held is a bug, and so is blocking in an interrupt handler:
 * both panic. Returns with sched_lock as it was. For wait queues.
 */
void sched_block(void);

/* As sched_block, but the clock wakes the thread (setting its timed_out) after ticks ticks. */
void sched_block_timeout(uint64_t ticks);

/* Make a blocked thread runnable; no effect on one that is not blocked. Any context, with or
 * without sched_lock held. */
void sched_wakeup(struct thread *t);

/* Put a new thread (thread_create) on its run queue. */
void sched_start(struct thread *t);

/* Switch away from the current thread for good: the caller (thread_exit) holds sched_lock and
 * set its state to THREAD_ZOMBIE. */
void sched_exit(void) __attribute__((noreturn));

/*
 * Move t to class cls (not SCHED_IDLE, nor the idle thread). The running
 * thread is preempted at the next chance if it now ranks below a runnable
 * one. Any context; does not sleep.
 */
void sched_set_class(struct thread *t, enum sched_class cls);

/* Called by the clock on every tick, in the interrupt handler. */
void sched_tick(void);

/* Called by trap() on the way out of an interrupt: switch if the tick asked for it. */
void sched_preempt_if_needed(void);

/* trap() runs every interrupt handler between these (so sleeping inside one is caught). */
void sched_irq_enter(void);
void sched_irq_exit(void);

/* A new thread's first code (arch/x86/switch.S): finish the switch that started it. */
void sched_thread_start(void);

/* Scheduler statistics for the monitor's sched command. */
struct sched_stats {
	uint64_t switches;    /* context switches */
	uint64_t preemptions; /* switches forced on a thread: its quantum ran out, or a higher
				 class woke */
	uint64_t yields;      /* sched_yield calls */
	uint64_t idle_ticks;  /* ticks the idle thread was running at */
	int runnable[NSCHED_CLASSES]; /* threads waiting on each run queue (not the running one) */
};
void sched_get_stats(struct sched_stats *s);

#endif
#endif
