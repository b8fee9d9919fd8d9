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

/*
 * For locks no interrupt handler takes (the allocators): take l with
 * preemption off but interrupts on, which costs far less under emulation
 * than turning interrupts off and on. The same checks as spin_lock.
 */
void spin_lock_preempt(struct spinlock *l);
void spin_unlock_preempt(struct spinlock *l);

/* Whether the current thread holds l. */
bool spin_holding(const struct spinlock *l);

/* lockdebug=on: time every hold and warn at release when a lock was held over 100 ms. */
void spin_set_debug(bool on);

/* How many spinlocks this CPU holds now (sched refuses to sleep when it is not zero). */
int spin_depth(void);

/* Interrupt-off nesting without a lock (what spin_lock does first). */
void irq_save_push(void);
void irq_restore_pop(void);

#endif
#endif
