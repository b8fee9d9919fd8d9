#if LAB >= 4
/*
 * Sleeping mutexes: long critical sections in thread context. A thread
 * that finds the mutex taken sleeps instead of spinning, so the holder may
 * itself sleep (wait for a device, allocate, take another mutex) while it
 * holds it. Interrupt handlers cannot sleep and so cannot use one.
 *
 * A mutex may carry a priority ceiling: the scheduling class of the most
 * urgent thread that ever takes it. Its holder runs at that class until it
 * lets go, so a service never waits behind a normal thread that holds a
 * lock it needs while other normal threads keep that one off the CPU.
 */
#ifndef SYNC_MUTEX_H
#define SYNC_MUTEX_H

#include <stdbool.h>

#include "proc/thread.h"
#include "sync/spinlock.h"
#include "sync/waitqueue.h"

#define MUTEX_NO_CEILING NSCHED_CLASSES /* a ceiling below every class: never raises */

struct mutex {
	struct spinlock lock;         /* guards owner, waiters and saved_class */
	struct thread *owner;         /* the holder, or NULL when free */
	struct waitqueue waiters;     /* threads waiting for it to become free */
	const char *name;             /* for reports */
	enum sched_class ceiling;     /* the holder runs at least at this class */
	enum sched_class saved_class; /* the holder's class before the ceiling raised it */
};

/* A free mutex without a ceiling. */
void mutex_init(struct mutex *m, const char *name);

/* A free mutex whose holder runs at class ceiling (or higher) while it holds it. */
void mutex_init_ceiling(struct mutex *m, const char *name, enum sched_class ceiling);

/*
 * Take m, sleeping while another thread holds it. Thread context only, no
 * spinlock held; taking a mutex the caller already holds is a panic.
 */
void mutex_lock(struct mutex *m);

/*
 * Release m and wake one waiter. Releasing a mutex the caller does not hold
 * is a panic. Release ceiling mutexes in the reverse order they were taken:
 * the one that raised the holder's class puts the old class back.
 */
void mutex_unlock(struct mutex *m);

/* Whether the current thread holds m. */
bool mutex_holding(const struct mutex *m);

#endif
#endif
