#if LAB >= 4
/*
 * Condition variables (sync/cond.h). The waiter goes on the condition's
 * wait queue before it releases the mutex: it takes the condition's
 * spinlock, releases the mutex, and wq_sleep then releases the spinlock and
 * blocks in one step. A signaller must hold the mutex to change the state,
 * so it can only signal after the waiter is on the queue.
 */
#include "sync/cond.h"
#include "debug/panic.h"
#include "proc/thread.h"
#include "sync/might_sleep.h"

void
cond_init(struct cond *c, const char *name)
{
	spin_init(&c->lock, name);
	wq_init(&c->waiters);
	c->name = name;
}

void
cond_wait(struct cond *c, struct mutex *m)
{
	struct thread *self = thread_current();

	might_sleep("cond_wait", c->name);
	if (!mutex_holding(m))
		panic("cond_wait(%s): thread %d (%s) does not hold mutex %s", c->name, self->tid,
		      self->name, m->name);
	spin_lock(&c->lock);
	mutex_unlock(m);
	wq_sleep(&c->waiters, &c->lock);
	spin_unlock(&c->lock);
	mutex_lock(m);
}

void
cond_signal(struct cond *c)
{
	spin_lock(&c->lock);
	wq_wake_one(&c->waiters);
	spin_unlock(&c->lock);
}

void
cond_broadcast(struct cond *c)
{
	spin_lock(&c->lock);
	wq_wake_all(&c->waiters);
	spin_unlock(&c->lock);
}
#endif
