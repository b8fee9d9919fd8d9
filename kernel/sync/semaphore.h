#if LAB >= 4
/*
 * Counting semaphores: a count of available units (free buffer slots,
 * finished jobs, pending events). sem_down takes a unit, sleeping while
 * there is none; sem_up adds one and wakes a sleeper. Unlike a mutex a
 * semaphore has no owner: any thread, or an interrupt handler, may up it.
 */
#ifndef SYNC_SEMAPHORE_H
#define SYNC_SEMAPHORE_H

#include <stdint.h>

#include "sync/spinlock.h"
#include "sync/waitqueue.h"

struct semaphore {
	struct spinlock lock;     /* guards count and waiters */
	int count;                /* units available; never negative */
	struct waitqueue waiters; /* threads in sem_down waiting for a unit */
	const char *name;         /* for reports */
};

/* A semaphore holding count units (count >= 0). */
void sem_init(struct semaphore *s, const char *name, int count);

/* Take a unit, sleeping until there is one. Thread context only, no spinlock held. */
void sem_down(struct semaphore *s);

/*
 * As sem_down, but give up after timeout_ticks clock ticks: 0 when a unit
 * was taken, -ETIMEDOUT when none came in time.
 */
int sem_down_timeout(struct semaphore *s, uint64_t timeout_ticks);

/* Add a unit and wake one waiter. Any context, interrupt handlers included; never sleeps. */
void sem_up(struct semaphore *s);

#endif
#endif
