#if LAB >= 4
/*
 * The host unit tests run the allocators in one thread with no interrupts,
 * so the locks they take from lab 4 on have nothing to exclude: these
 * stand in for sync/spinlock.c and the per-CPU state, which need the
 * scheduler.
 */
#include "sync/spinlock.h"

void
spin_lock(struct spinlock *l)
{
	l->locked = 1;
}

void
spin_unlock(struct spinlock *l)
{
	l->locked = 0;
}

void
spin_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
}

/* The inline fast paths in sync/spinlock.h need these. */
struct cpu cpu0;
bool spin_timing;

void
spin_lock_preempt_slow(struct spinlock *l, uint64_t from)
{
	(void)from;
	l->locked = 1;
}

void
spin_unlock_preempt_slow(struct spinlock *l)
{
	l->locked = 0;
	cpu0.preempt_off--;
}

void
spin_preempt_point(void)
{
}
#endif
