#if LAB >= 4
/*
 * Spinlocks: short critical sections that interrupt handlers may share.
 * Taking one disables interrupts on this CPU (and restores the previous
 * state when the last lock is released), so a handler can never spin on a
 * lock its own CPU holds. A thread must not sleep while holding one.
 */
#ifndef SYNC_SPINLOCK_H
#define SYNC_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/percpu.h"

struct thread;

struct spinlock {
	volatile uint32_t locked;
	const char *name;       /* for reports */
	struct thread *holder;  /* debugging: who holds it */
	uint64_t acquired_tsc;  /* debugging: when, to catch locks held too long */
	uint64_t acquired_from; /* debugging: the caller of spin_lock */
};

#define SPINLOCK_INIT(lockname)      \
	{                            \
		0, lockname, 0, 0, 0 \
	}

void spin_init(struct spinlock *l, const char *name);

/* Disable interrupts (nesting) and take l. Taking a lock this thread holds is reported. */
void spin_lock(struct spinlock *l);

/* Release l; re-enables interrupts when the outermost lock is released. */
void spin_unlock(struct spinlock *l);

/* What the inline lock and unlock below fall back on; not for other callers. */
extern bool spin_timing;
void spin_lock_preempt_slow(struct spinlock *l, uint64_t from);
void spin_unlock_preempt_slow(struct spinlock *l);
void spin_preempt_point(void);

/*
 * For locks no interrupt handler takes (the allocators): take l with
 * preemption off but interrupts on, which costs far less under emulation
 * than turning interrupts off and on. The same checks as spin_lock. The
 * common case is inline, because under TCG a call and return cost more
 * than the lock itself; anything unusual (contention, a lock already held,
 * lockdebug=on) goes to the out-of-line path. from names the taker in
 * reports: the caller of the function that takes the lock.
 */
static inline void
spin_lock_preempt(struct spinlock *l)
{
	struct cpu *c = this_cpu();
	uint64_t from = (uint64_t)__builtin_return_address(0);

	c->preempt_off++;
	__atomic_signal_fence(__ATOMIC_SEQ_CST); /* an interrupt now must see it */
	if (l->locked || spin_timing || c->nlocks == CPU_MAX_LOCKS ||
	    __atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		spin_lock_preempt_slow(l, from);
		return;
	}
	c->held[c->nlocks++] = l;
	l->holder = c->current;
	l->acquired_from = from;
}

static inline void
spin_unlock_preempt(struct spinlock *l)
{
	struct cpu *c = this_cpu();

	if (!l->locked || l->holder != c->current || spin_timing || c->nlocks == 0 ||
	    c->held[c->nlocks - 1] != l) {
		spin_unlock_preempt_slow(l);
		return;
	}
	c->nlocks--;
	l->holder = 0;
	l->acquired_from = 0;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	/* A tick that came while l was held may have asked for a switch. */
	if (--c->preempt_off == 0 && c->need_resched)
		spin_preempt_point();
}

/* Whether the current thread holds l. */
bool spin_holding(const struct spinlock *l);

/* lockdebug=on: time every hold and warn at release when a lock was held over 100 ms. */
void spin_set_debug(bool on);

/* Interrupt-off nesting without a lock (what spin_lock does first). */
void irq_save_push(void);
void irq_restore_pop(void);

#endif
#endif
