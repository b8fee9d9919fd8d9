#if LAB >= 4
/*
 * Wait queues (sync/waitqueue.h). The queue belongs to its condition's
 * lock l: the caller holds l to test the condition, to queue itself and to
 * wake others. To sleep, the thread takes sched_lock before it lets go of
 * l, and marks itself blocked under sched_lock; a waker must take l, then
 * sched_lock (in sched_wakeup), so it cannot get between the test of the
 * condition and the switch, on this CPU or any other.
 *
 * A timeout does not take the sleeper off the queue (the clock's interrupt
 * cannot take l): the sleeper does that itself once it holds l again. Until
 * then a waker may still pick it, and then it counts as woken, so no wakeup
 * is ever given to a thread that reports a timeout.
 */
#include <stddef.h>

#include "sync/waitqueue.h"
#include "debug/panic.h"
#include "proc/sched.h"
#include "proc/thread.h"

void
wq_init(struct waitqueue *wq)
{
	wq->head = wq->tail = NULL;
}

static void
enqueue(struct waitqueue *wq, struct thread *t)
{
	t->wq_next = NULL;
	t->waiting_on = wq;
	if (wq->tail)
		wq->tail->wq_next = t;
	else
		wq->head = t;
	wq->tail = t;
}

static struct thread *
dequeue(struct waitqueue *wq)
{
	struct thread *t = wq->head;

	if (!t)
		return NULL;
	wq->head = t->wq_next;
	if (!wq->head)
		wq->tail = NULL;
	t->wq_next = NULL;
	t->waiting_on = NULL;
	return t;
}

/* Take t, which is on wq, off it. */
static void
remove(struct waitqueue *wq, struct thread *t)
{
	struct thread *prev = NULL;

	for (struct thread *x = wq->head; x != t; x = x->wq_next)
		prev = x;
	if (prev)
		prev->wq_next = t->wq_next;
	else
		wq->head = t->wq_next;
	if (wq->tail == t)
		wq->tail = prev;
	t->wq_next = NULL;
	t->waiting_on = NULL;
}

/* Queue the current thread on wq and block it, l held (0 ticks: no timeout); l is held again
 * on return. */
static struct thread *
sleep_on(struct waitqueue *wq, struct spinlock *l, uint64_t ticks)
{
	struct thread *cur = thread_current();

	if (!cur)
		panic("wq_sleep: sleeping before thread_init");
	if (!spin_holding(l))
		panic("wq_sleep: thread %d (%s) sleeps without holding '%s'", cur->tid, cur->name,
		      l->name);
	enqueue(wq, cur);
	if (l != &sched_lock) {
		spin_lock(&sched_lock);
		spin_unlock(l);
	}
	cur->state = THREAD_BLOCKED;
	if (ticks)
		sched_block_timeout(ticks);
	else
		sched_block();
	if (l != &sched_lock) {
		spin_unlock(&sched_lock);
		spin_lock(l);
	}
	return cur;
}

void
wq_sleep(struct waitqueue *wq, struct spinlock *l)
{
	sleep_on(wq, l, 0);
}

bool
wq_sleep_timeout(struct waitqueue *wq, struct spinlock *l, uint64_t timeout_ticks)
{
	if (timeout_ticks == 0)
		return false;
	struct thread *cur = sleep_on(wq, l, timeout_ticks);
	cur->timed_out = cur->waiting_on == wq;
	if (cur->timed_out)
		remove(wq, cur);
	return !cur->timed_out;
}

void
wq_wake_one(struct waitqueue *wq)
{
	struct thread *t = dequeue(wq);

	if (t)
		sched_wakeup(t);
}

void
wq_wake_all(struct waitqueue *wq)
{
	struct thread *t;

	while ((t = dequeue(wq)))
		sched_wakeup(t);
}
#endif
