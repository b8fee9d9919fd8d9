#if LAB >= 4
/*
 * The check every primitive that may sleep makes on entry, whether or not
 * it ends up sleeping this time: a sleep with a spinlock held or inside an
 * interrupt handler is a bug even when the lock happens to be free, and
 * checking on every call finds it the first time instead of under load.
 */
#ifndef SYNC_MIGHT_SLEEP_H
#define SYNC_MIGHT_SLEEP_H

#include "debug/panic.h"
#include "proc/percpu.h"
#include "proc/thread.h"
#include "sync/spinlock.h"

/* Panic, naming fn and the object it would sleep on, unless the caller may sleep. */
static inline void
might_sleep(const char *fn, const char *object)
{
	struct cpu *c = this_cpu();
	struct thread *t = c->current;

	if (!t)
		panic("%s(%s): called before thread_init", fn, object);
	if (c->irq_depth > 0)
		panic("%s(%s): called in an interrupt handler (thread %d %s was interrupted)", fn,
		      object, t->tid, t->name);
	if (c->nlocks > 0)
		panic("%s(%s): thread %d (%s) may sleep holding spinlock '%s'", fn, object, t->tid,
		      t->name, c->held[c->nlocks - 1]->name);
}

#endif
#endif
