#if LAB >= 4
/*
 * The scheduler (proc/sched.h). One FIFO run queue per class; the next
 * thread is the head of the highest class's non-empty queue, and a thread
 * that gives up the CPU, or has it taken, goes to the tail of its own: round
 * robin within a class, strict priority between classes. The idle thread is
 * the only one of the lowest class, so there is always a thread to run.
 *
 * Every switch happens with sched_lock held (interrupts off), from one of
 * four places: sched_yield, sched_block (a wait queue), sched_exit, and
 * sched_preempt_if_needed, which trap() calls on the way out of an
 * interrupt, on the interrupted thread's stack, when the tick or a wakeup
 * asked for it (need_resched). The thread switched to releases the lock,
 * either where it called swtch itself or, the first time it runs, in
 * sched_thread_start.
 *
 * Sleepers with a deadline are also on a list ordered by wake tick, which
 * the tick pops from the front: a tick costs nothing for threads that are
 * not due.
 */
#include <stddef.h>

#include "proc/sched.h"
#include "arch/x86/switch.h"
#include "debug/panic.h"
#include "dev/clock.h"
#include "proc/percpu.h"
#if LAB >= 6
#include "arch/x86/usermode.h"
#endif

struct cpu cpu0;
struct spinlock sched_lock = SPINLOCK_INIT("sched");

struct runqueue {
	struct thread *head, *tail; /* linked through rq_next */
	int n;
};

static struct runqueue runq[NSCHED_CLASSES]; /* sched_lock */
static struct thread *sleepers;              /* sched_lock: by wake_tick, soonest first */
static struct sched_stats stats;             /* sched_lock */

static void
rq_push(struct thread *t)
{
	struct runqueue *q = &runq[t->class];

	t->rq_next = NULL;
	if (q->tail)
		q->tail->rq_next = t;
	else
		q->head = t;
	q->tail = t;
	q->n++;
}

static struct thread *
rq_pop(struct runqueue *q)
{
	struct thread *t = q->head;

	q->head = t->rq_next;
	if (!q->head)
		q->tail = NULL;
	q->n--;
	t->rq_next = NULL;
	return t;
}

/* Take t, which is on its run queue, off it. */
static void
rq_remove(struct thread *t)
{
	struct runqueue *q = &runq[t->class];
	struct thread *prev = NULL;

	for (struct thread *x = q->head; x != t; x = x->rq_next)
		prev = x;
	if (prev)
		prev->rq_next = t->rq_next;
	else
		q->head = t->rq_next;
	if (q->tail == t)
		q->tail = prev;
	q->n--;
	t->rq_next = NULL;
}

/* Queue t (RUNNABLE) and ask for a switch if it outranks the running thread. */
static void
make_runnable(struct cpu *c, struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	rq_push(t);
	if (c->current && t->class < c->current->class)
		c->need_resched = true;
}

/* Put t on the sleepers list, to be woken at tick wake_tick. */
static void
sleep_insert(struct thread *t, uint64_t wake_tick)
{
	struct thread **p = &sleepers;

	while (*p && (*p)->wake_tick <= wake_tick)
		p = &(*p)->sleep_next;
	t->wake_tick = wake_tick;
	t->sleep_next = *p;
	*p = t;
}

static void
sleep_remove(struct thread *t)
{
	struct thread **p = &sleepers;

	while (*p != t)
		p = &(*p)->sleep_next;
	*p = t->sleep_next;
	t->sleep_next = NULL;
	t->wake_tick = 0;
}

static void
wakeup_locked(struct cpu *c, struct thread *t)
{
	if (t->state != THREAD_BLOCKED)
		return;
	if (t->wake_tick)
		sleep_remove(t);
	make_runnable(c, t);
}

/*
 * The thread to run next, taken off its run queue. cur is the running
 * thread: RUNNABLE if it may go on (it yields or is preempted), else
 * BLOCKED or ZOMBIE. NULL only if nothing at all can run.
 */
static struct thread *
pick_next(struct cpu *c, struct thread *cur)
{
#if SOL >= 4 /* exercise pick-next */
	(void)c;
	if (cur->state == THREAD_RUNNABLE)
		rq_push(cur);
	for (int cls = 0; cls < NSCHED_CLASSES; cls++)
		if (runq[cls].head)
			return rq_pop(&runq[cls]);
	return NULL;
#else
	/* LAB 4: your code here (exercise pick-next).
	   Choose by the policy in sched.h: strict priority between classes, round
	   robin within one (a runnable cur goes behind the others of its class).
	   The stub below keeps cur running for as long as it does not block, and
	   otherwise takes any queued thread: nothing is ever preempted. */
	if (cur->state == THREAD_RUNNABLE && cur != c->idle)
		return cur;
	if (cur->state == THREAD_RUNNABLE)
		rq_push(cur);
	for (int cls = 0; cls < NSCHED_CLASSES; cls++)
		if (runq[cls].head)
			return rq_pop(&runq[cls]);
	return NULL;
#endif
}

/*
 * Give the CPU to the next thread; cur is the running thread and its state
 * says why it stops (pick_next). Called with sched_lock held and no other
 * lock; returns, with sched_lock held, once cur runs again: true if another
 * thread ran meanwhile.
 */
static bool
reschedule(struct cpu *c, struct thread *cur)
{
	struct thread *next = pick_next(c, cur);

	if (!next)
		panic("sched: no thread to run, not even the idle thread");
	next->state = THREAD_RUNNING;
	next->quantum_left = SCHED_QUANTUM;
	c->need_resched = false;
	if (next == cur)
		return false;
	next->switches++;
	stats.switches++;
	c->current = next;
	/* The interrupt-off nesting is this thread's, not the next one's: keep it. */
	int ncli = c->ncli;
	bool intena = c->intena;
#if LAB >= 6
	usermode_switch(next); /* its kernel stack for traps from ring 3, its address space */
#endif
	swtch(&cur->saved_rsp, next->saved_rsp);
	c = this_cpu();
	c->ncli = ncli;
	c->intena = intena;
	sched_lock.holder = cur; /* the thread that switched here took it */
	return true;
}

/* Report what makes a switch away from cur (to sleep, yield or exit) a bug. */
static void
check_may_switch(struct cpu *c, struct thread *cur, const char *what)
{
	if (!cur)
		panic("sched: %s before thread_init", what);
	if (c->irq_depth > 0)
		panic("sched: %s in an interrupt handler (thread %d %s)", what, cur->tid,
		      cur->name);
	for (int i = 0; i < c->nlocks; i++)
		if (c->held[i] != &sched_lock)
			panic("sched: %s with spinlock '%s' held (thread %d %s)", what,
			      c->held[i]->name, cur->tid, cur->name);
}

void
sched_yield(void)
{
	struct cpu *c = this_cpu();
	struct thread *cur = c->current;

	if (!cur)
		return; /* before thread_init there is nothing to yield to */
	spin_lock(&sched_lock);
	check_may_switch(c, cur, "yielding");
	stats.yields++;
	cur->state = THREAD_RUNNABLE;
	reschedule(c, cur);
	spin_unlock(&sched_lock);
}

/* sched_block's body: block cur (BLOCKED), until wake_tick if it is not 0. */
static void
block(uint64_t wake_tick)
{
	bool took = !spin_holding(&sched_lock);

	if (took)
		spin_lock(&sched_lock);
	struct cpu *c = this_cpu();
	struct thread *cur = c->current;
	check_may_switch(c, cur, "sleeping");
	if (cur->state != THREAD_BLOCKED)
		panic("sched_block: thread %d (%s) is not marked blocked", cur->tid, cur->name);
	if (wake_tick) {
		cur->timed_out = false;
		sleep_insert(cur, wake_tick);
	}
	reschedule(c, cur);
	if (took)
		spin_unlock(&sched_lock);
}

void
sched_block(void)
{
	block(0);
}

void
sched_block_timeout(uint64_t ticks)
{
	uint64_t now = clock_ticks();

	if (ticks == 0)
		ticks = 1;
	block(ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks);
}

void
sched_sleep_ticks(uint64_t ticks)
{
	if (ticks == 0) {
		sched_yield();
		return;
	}
	spin_lock(&sched_lock);
	struct thread *cur = this_cpu()->current;
	if (!cur)
		panic("sched: sleeping before thread_init");
	cur->state = THREAD_BLOCKED;
	sched_block_timeout(ticks);
	spin_unlock(&sched_lock);
}

void
sched_sleep_ms(uint64_t ms)
{
	sched_sleep_ticks((ms * HZ + 999) / 1000 + 1);
}

void
sched_wakeup(struct thread *t)
{
	bool took = !spin_holding(&sched_lock);

	if (took)
		spin_lock(&sched_lock);
	wakeup_locked(this_cpu(), t);
	if (took)
		spin_unlock(&sched_lock);
}

void
sched_start(struct thread *t)
{
	spin_lock(&sched_lock);
	make_runnable(this_cpu(), t);
	spin_unlock(&sched_lock);
}

void
sched_exit(void)
{
	struct cpu *c = this_cpu();
	struct thread *cur = c->current;

	check_may_switch(c, cur, "exiting");
	if (cur->state != THREAD_ZOMBIE)
		panic("sched_exit: thread %d (%s) is not a zombie", cur->tid, cur->name);
	reschedule(c, cur);
	panic("sched_exit: zombie thread %d (%s) ran again", cur->tid, cur->name);
}

void
sched_set_class(struct thread *t, enum sched_class cls)
{
	struct cpu *c = this_cpu();

	if (cls >= SCHED_IDLE || t->class == SCHED_IDLE)
		panic("sched_set_class: thread %d (%s) cannot move to class %d", t->tid, t->name,
		      cls);
	spin_lock(&sched_lock);
	if (t->state == THREAD_RUNNABLE) {
		rq_remove(t);
		t->class = cls;
		make_runnable(c, t);
	} else {
		t->class = cls;
	}
	if (t == c->current)
		for (int higher = 0; higher < (int)cls; higher++)
			if (runq[higher].head)
				c->need_resched = true;
	spin_unlock(&sched_lock);
}

void
sched_tick(void)
{
	struct cpu *c = this_cpu();
	struct thread *cur = c->current;

	if (!cur)
		return;
	spin_lock(&sched_lock);
	cur->ticks_run++;
	if (cur == c->idle)
		stats.idle_ticks++;
	uint64_t now = clock_ticks();
	while (sleepers && sleepers->wake_tick <= now) {
		struct thread *t = sleepers;
		sleep_remove(t);
		t->timed_out = true;
		make_runnable(c, t);
	}
#if SOL >= 4 /* exercise pick-next */
	if (cur != c->idle && --cur->quantum_left <= 0)
		c->need_resched = true;
#else
	/* LAB 4: your code here (exercise pick-next).
	   Charge this tick to the running thread's quantum, and ask for a
	   switch (need_resched) when the quantum is used up. */
#endif
	spin_unlock(&sched_lock);
}

void
sched_preempt_if_needed(void)
{
	struct cpu *c = this_cpu();
	struct thread *cur = c->current;

	/* Not inside a handler or a lock: the tick may have come during sti;hlt. */
	if (!c->need_resched || !cur || c->ncli > 0 || c->preempt_off > 0 || c->irq_depth > 0)
		return;
	spin_lock(&sched_lock);
	cur->state = THREAD_RUNNABLE;
	if (reschedule(c, cur))
		stats.preemptions++;
	spin_unlock(&sched_lock);
}

void
sched_irq_enter(void)
{
	this_cpu()->irq_depth++;
}

void
sched_irq_exit(void)
{
	this_cpu()->irq_depth--;
}

void
sched_thread_start(void)
{
	struct cpu *c = this_cpu();

	c->ncli = 1;      /* sched_lock's, taken by the thread that switched here */
	c->intena = true; /* a new thread runs with interrupts on */
	sched_lock.holder = c->current;
	spin_unlock(&sched_lock);
}

void
sched_get_stats(struct sched_stats *s)
{
	spin_lock(&sched_lock);
	*s = stats;
	for (int cls = 0; cls < NSCHED_CLASSES; cls++)
		s->runnable[cls] = runq[cls].n;
	spin_unlock(&sched_lock);
}
#endif
