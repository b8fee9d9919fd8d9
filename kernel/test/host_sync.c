#if LAB >= 4
/*
 * The host unit tests run the allocators in one thread with no interrupts,
 * so the locks they take from lab 4 on have nothing to exclude: these
 * stand in for sync/spinlock.c, which needs the scheduler.
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
spin_lock_preempt(struct spinlock *l)
{
	l->locked = 1;
}

void
spin_unlock_preempt(struct spinlock *l)
{
	l->locked = 0;
}
#endif
