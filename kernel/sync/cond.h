#if LAB >= 4
/*
 * Condition variables: waiting, while holding a mutex, until the state it
 * guards changes ("the buffer is not empty"). cond_wait releases the mutex
 * and sleeps in one step, so a signal sent by the next holder of the mutex
 * cannot be missed; it takes the mutex again before it returns. A wakeup
 * says only that the state may have changed: wait in a loop,
 *
 *	mutex_lock(&m);
 *	while (!condition)
 *		cond_wait(&c, &m);
 *	...
 *	mutex_unlock(&m);
 */
#ifndef SYNC_COND_H
#define SYNC_COND_H

#include "sync/mutex.h"
#include "sync/spinlock.h"
#include "sync/waitqueue.h"

struct cond {
	struct spinlock lock;     /* guards waiters; taken before the mutex's own spinlock */
	struct waitqueue waiters; /* threads in cond_wait */
	const char *name;         /* for reports */
};

void cond_init(struct cond *c, const char *name);

/*
 * Release m (held by the caller), sleep until signalled, take m again.
 * Thread context only, no spinlock held. May return without a signal's
 * condition being true: re-check it.
 */
void cond_wait(struct cond *c, struct mutex *m);

/* Wake one / every thread waiting on c. Call with the mutex of the state you changed held. */
void cond_signal(struct cond *c);
void cond_broadcast(struct cond *c);

#endif
#endif
