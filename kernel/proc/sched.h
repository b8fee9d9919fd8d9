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

#define SCHED_QUANTUM 2 /* ticks: 20 ms at HZ=100 */

/* Give up the CPU to another runnable thread of the same or a higher class, if any. */
void sched_yield(void);

/* Sleep for at least ticks clock ticks (0: just yield). */
void sched_sleep_ticks(uint64_t ticks);

/* Sleep for at least ms milliseconds, rounded up to whole ticks. */
void sched_sleep_ms(uint64_t ms);

/*
 * Block the current thread, whose state the caller set to THREAD_BLOCKED
 * with interrupts off (a spinlock held across is a bug and is reported),
 * until sched_wakeup. For wait queues; not for general use.
 */
void sched_block(void);

/* Make a blocked thread runnable (any context, interrupts off). */
void sched_wakeup(struct thread *t);

/* Called by the clock on every tick, in the interrupt handler. */
void sched_tick(void);

/* Called by trap() on the way out of an interrupt: switch if the tick asked for it. */
void sched_preempt_if_needed(void);

/* Scheduler statistics for the monitor's sched command. */
struct sched_stats {
	uint64_t switches, preemptions, yields, idle_ticks;
	int runnable[NSCHED_CLASSES];
};
void sched_get_stats(struct sched_stats *s);

#endif
#endif
