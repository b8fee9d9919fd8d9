#if LAB >= 4
/*
 * Sleeping mutexes (sync/mutex.h). The mutex's own spinlock guards its
 * owner and wait queue only for the few instructions that test and set
 * them; the holder keeps the mutex, not the spinlock, through its critical
 * section, with interrupts on. A released mutex is not handed to a waiter:
 * the waiter is woken and tries again, as in xv6's sleeplocks, so unlocking
 * never forces a switch and the running thread may take the mutex again at
 * once. The price is fairness: a waiter can lose the race more than once.
 */
#include <stddef.h>

#include "sync/mutex.h"
#include "debug/panic.h"
#include "proc/sched.h"
#include "sync/might_sleep.h"

void
mutex_init(struct mutex *m, const char *name)
{
	mutex_init_ceiling(m, name, MUTEX_NO_CEILING);
}

void
mutex_init_ceiling(struct mutex *m, const char *name, enum sched_class ceiling)
{
	spin_init(&m->lock, name);
	m->owner = NULL;
	wq_init(&m->waiters);
	m->name = name;
	m->ceiling = ceiling;
	m->saved_class = ceiling;
}

/* Whether taking m raised (or will raise) its holder's class: the ceiling is above it. */
static bool
ceiling_raises(const struct mutex *m)
{
	return m->ceiling < m->saved_class;
}

void
mutex_lock(struct mutex *m)
{
	struct thread *self = thread_current();

	might_sleep("mutex_lock", m->name);
	spin_lock(&m->lock);
	if (m->owner == self)
		panic("mutex_lock(%s): thread %d (%s) already holds it", m->name, self->tid,
		      self->name);
	while (m->owner)
		wq_sleep(&m->waiters, &m->lock);
	m->owner = self;
	m->saved_class = self->class;
	if (ceiling_raises(m))
		sched_set_class(self, m->ceiling);
	spin_unlock(&m->lock);
}

void
mutex_unlock(struct mutex *m)
{
	struct thread *self = thread_current();

	spin_lock(&m->lock);
	if (m->owner != self) {
		if (m->owner)
			panic("mutex_unlock(%s): thread %d (%s) does not hold it; thread %d (%s) "
			      "does",
			      m->name, self->tid, self->name, m->owner->tid, m->owner->name);
		panic("mutex_unlock(%s): thread %d (%s) does not hold it; nobody does", m->name,
		      self->tid, self->name);
	}
	if (ceiling_raises(m))
		sched_set_class(self, m->saved_class);
	m->owner = NULL;
	wq_wake_one(&m->waiters);
	spin_unlock(&m->lock);
}

bool
mutex_holding(const struct mutex *m)
{
	/* Unlocked read: only the current thread can make owner equal to itself, or not. */
	return m->owner == thread_current();
}
#endif
