#if LAB >= 4
/*
 * Wait queues: where threads sleep until a condition changes. The condition
 * is guarded by a spinlock; wq_sleep releases that lock and blocks in one
 * step (interrupts stay off in between), so a wakeup between the test of the
 * condition and the sleep cannot be lost. Callers re-check their condition
 * in a loop after waking.
 */
#ifndef SYNC_WAITQUEUE_H
#define SYNC_WAITQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "sync/spinlock.h"

struct thread;

struct waitqueue {
	struct thread *head, *tail; /* FIFO of blocked threads, linked through thread->wq_next */
};

void wq_init(struct waitqueue *wq);

/* Sleep on wq: release l (held), block until woken, take l again. */
void wq_sleep(struct waitqueue *wq, struct spinlock *l);

/*
 * As wq_sleep, but give up after timeout_ticks clock ticks. Returns true if
 * woken, false on timeout.
 */
bool wq_sleep_timeout(struct waitqueue *wq, struct spinlock *l, uint64_t timeout_ticks);

/* Wake the longest sleeper / every sleeper; the caller holds the condition's lock. */
void wq_wake_one(struct waitqueue *wq);
void wq_wake_all(struct waitqueue *wq);

#endif
#endif
