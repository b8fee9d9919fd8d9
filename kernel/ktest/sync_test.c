#if LAB >= 4
/*
 * Kernel tests of the synchronization primitives. They run with the timer
 * preempting threads every SCHED_QUANTUM ticks, so a race in a primitive
 * shows up as a lost or duplicated item, a hang, or a deadlock.
 *
 * prodcons: producers and consumers pass distinct numbers through a small
 * buffer (a mutex and two condition variables); semaphores start them
 * together and count them finished. Every number must arrive exactly once.
 * lost-wakeup: pairs of threads hand a turn back and forth, through wait
 * queues or condition variables; one lost wakeup leaves a pair asleep
 * forever, which a watchdog of the service class notices.
 * irq-spinlock: self-IPIs sent while holding a spinlock their handler
 * takes; they must wait for the release instead of deadlocking.
 * mutex-ceiling: a normal thread holding a mutex with a service ceiling is
 * not preempted by another normal thread. mutex-not-owner: releasing a
 * mutex another thread holds is reported.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ktest/ktest.h"
#include "arch/x86/irq.h"
#include "arch/x86/lapic.h"
#include "arch/x86/power.h"
#include "arch/x86/trap.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "proc/sched.h"
#include "proc/thread.h"
#include "sync/cond.h"
#include "sync/mutex.h"
#include "sync/semaphore.h"
#include "sync/spinlock.h"
#include "sync/waitqueue.h"

static void __attribute__((noreturn)) fail(const char *test, const char *why)
{
	printf("ktest: %s: FAILED: %s\n", test, why);
	power_off(POWER_FAILURE);
}

/* Start fn(arg) in a new thread, or fail test when memory is out. */
static struct thread *
start(const char *test, const char *name, void (*fn)(void *), void *arg, enum sched_class cls)
{
	struct thread *t = thread_create(name, fn, arg, cls);

	if (!t)
		fail(test, "thread_create ran out of memory");
	return t;
}

/* ---- prodcons ---- */

#define PC_ITEMS 100000
#define PC_SLOTS 16
#define PC_PRODUCERS 2
#define PC_CONSUMERS 2
#define PC_THREADS (PC_PRODUCERS + PC_CONSUMERS)
#define PC_SWITCH_EVERY 4 /* every 4th item, switch away while holding the mutex */
#define PC_WATCH_TICKS HZ /* no item taken for this long: something is stuck */

static struct {
	struct mutex lock;               /* guards everything up to strays */
	struct cond not_full, not_empty; /* waited on by producers, by consumers */
	uint32_t slot[PC_SLOTS];         /* a ring: count items from head */
	int head, count;
	uint32_t taken;                /* items consumers took so far */
	uint8_t *arrivals;             /* arrivals[n]: times item n was taken (up to 255) */
	uint32_t strays;               /* items taken that no producer made */
	struct semaphore go, finished; /* up once per thread: by the test, by each thread */
} pc;

/*
 * Every PC_SWITCH_EVERY calls, give the CPU away in the middle of a critical
 * section, as the timer might: the others must wait for the mutex. The tick
 * alone would land there a few times in the whole run.
 */
static void
switch_inside(int *calls)
{
	if (++*calls % PC_SWITCH_EVERY == 0)
		sched_yield();
}

static void
producer(void *arg)
{
	int calls = 0;

	sem_down(&pc.go);
	for (uint32_t n = (uint32_t)(uintptr_t)arg; n < PC_ITEMS; n += PC_PRODUCERS) {
		mutex_lock(&pc.lock);
		while (pc.count >= PC_SLOTS)
			cond_wait(&pc.not_full, &pc.lock);
		int at = (pc.head + pc.count) % PC_SLOTS;
		switch_inside(&calls);
		pc.slot[at] = n;
		pc.count++;
		cond_signal(&pc.not_empty);
		mutex_unlock(&pc.lock);
	}
	sem_up(&pc.finished);
}

/*
 * Take items until PC_ITEMS have been taken; the one taking the last wakes
 * the others. (The >= and <= keep a broken mutex from looping forever.)
 */
static void
consumer(void *arg)
{
	int calls = 0;

	(void)arg;
	sem_down(&pc.go);
	mutex_lock(&pc.lock);
	for (;;) {
		while (pc.count <= 0 && pc.taken < PC_ITEMS)
			cond_wait(&pc.not_empty, &pc.lock);
		if (pc.taken >= PC_ITEMS)
			break;
		uint32_t n = pc.slot[pc.head];
		switch_inside(&calls);
		pc.head = (pc.head + 1) % PC_SLOTS;
		pc.count--;
		if (n >= PC_ITEMS)
			pc.strays++;
		else if (pc.arrivals[n] < UINT8_MAX)
			pc.arrivals[n]++;
		if (++pc.taken == PC_ITEMS)
			cond_broadcast(&pc.not_empty);
		cond_signal(&pc.not_full);
	}
	mutex_unlock(&pc.lock);
	sem_up(&pc.finished);
}

/* Wait for the threads to finish; fail if no item is taken for PC_WATCH_TICKS. */
static void
wait_finished(void)
{
	char why[96];
	uint32_t last = 0;

	for (int done = 0; done < PC_THREADS;) {
		if (sem_down_timeout(&pc.finished, PC_WATCH_TICKS) == 0) {
			done++;
			continue;
		}
		mutex_lock(&pc.lock);
		uint32_t taken = pc.taken;
		mutex_unlock(&pc.lock);
		if (taken == last) {
			snprintf(why, sizeof(why),
				 "stuck: no item taken for %d s; %u taken, %d of %d threads done",
				 PC_WATCH_TICKS / HZ, taken, done, PC_THREADS);
			fail("prodcons", why);
		}
		last = taken;
	}
}

void
ktest_prodcons(void)
{
	struct thread *t[PC_THREADS];
	char why[96];

	pc.arrivals = kmalloc(PC_ITEMS);
	if (!pc.arrivals)
		fail("prodcons", "no memory for the arrival counts");
	memset(pc.arrivals, 0, PC_ITEMS);
	mutex_init(&pc.lock, "prodcons buffer");
	cond_init(&pc.not_full, "prodcons not full");
	cond_init(&pc.not_empty, "prodcons not empty");
	sem_init(&pc.go, "prodcons go", 0);
	sem_init(&pc.finished, "prodcons finished", 0);
	for (int i = 0; i < PC_THREADS; i++)
		t[i] = i < PC_PRODUCERS
			       ? start("prodcons", "producer", producer, (void *)(uintptr_t)i,
				       SCHED_NORMAL)
			       : start("prodcons", "consumer", consumer, NULL, SCHED_NORMAL);
	/* Nobody can finish before the go: a timed wait must time out. */
	if (sem_down_timeout(&pc.finished, 2) != -ETIMEDOUT)
		fail("prodcons", "sem_down_timeout on an empty semaphore did not time out");
	for (int i = 0; i < PC_THREADS; i++)
		sem_up(&pc.go);
	wait_finished();
	for (int i = 0; i < PC_THREADS; i++)
		thread_join(t[i]->tid, NULL);
	if (pc.strays) {
		snprintf(why, sizeof(why), "%u items arrived that were never sent", pc.strays);
		fail("prodcons", why);
	}
	for (uint32_t n = 0; n < PC_ITEMS; n++) {
		if (pc.arrivals[n] != 1) {
			snprintf(why, sizeof(why), "item %u arrived %u times", n, pc.arrivals[n]);
			fail("prodcons", why);
		}
	}
	kfree(pc.arrivals);
	printf("ktest: prodcons: %d items through a %d-slot buffer by %d producers and %d "
	       "consumers; none lost, none duplicated\n",
	       PC_ITEMS, PC_SLOTS, PC_PRODUCERS, PC_CONSUMERS);
}

/* ---- lost-wakeup ---- */

/* Even pairs hand the turn over through wait queues, odd ones through a mutex and conditions. */
#define LW_PAIRS 8
#define LW_ROUNDS 20000
#define LW_WATCH_TICKS (HZ / 2) /* the watchdog looks every 500 ms */
#define LW_STALLS 2             /* and gives up after two looks without progress */

struct pingpong {
	int turn;                 /* 0: ping's turn, 1: pong's; guarded by lock or by mutex */
	struct spinlock lock;     /* wait-queue pairs */
	struct waitqueue wq[2];   /* wq[i]: side i waiting for its turn */
	struct mutex mutex;       /* condition-variable pairs */
	struct cond turn_came[2]; /* turn_came[i]: side i waiting for its turn */
	uint64_t rounds;          /* rounds pong has finished (atomic: the watchdog reads it) */
};

struct player {
	struct pingpong *pair;
	int side;
};

static struct {
	struct pingpong pair[LW_PAIRS];
	struct player player[2 * LW_PAIRS];
	struct spinlock lock; /* guards finished */
	bool finished;        /* the test is over: the watchdog can stop */
	struct waitqueue watchdog_wq;
} lw;

/* Take LW_ROUNDS turns on side me of p: wait for the turn, hand it to the other side. */
static void
play_wq(struct pingpong *p, int me)
{
	for (int r = 0; r < LW_ROUNDS; r++) {
		spin_lock(&p->lock);
		while (p->turn != me)
			wq_sleep(&p->wq[me], &p->lock);
		p->turn = 1 - me;
		if (me == 1)
			__atomic_fetch_add(&p->rounds, 1, __ATOMIC_RELAXED);
		wq_wake_one(&p->wq[1 - me]);
		spin_unlock(&p->lock);
	}
}

/* As play_wq, with a mutex and condition variables. */
static void
play_cond(struct pingpong *p, int me)
{
	for (int r = 0; r < LW_ROUNDS; r++) {
		mutex_lock(&p->mutex);
		while (p->turn != me)
			cond_wait(&p->turn_came[me], &p->mutex);
		p->turn = 1 - me;
		if (me == 1)
			__atomic_fetch_add(&p->rounds, 1, __ATOMIC_RELAXED);
		cond_signal(&p->turn_came[1 - me]);
		mutex_unlock(&p->mutex);
	}
}

static void
play(void *arg)
{
	struct player *pl = arg;

	if ((pl->pair - lw.pair) % 2 == 0)
		play_wq(pl->pair, pl->side);
	else
		play_cond(pl->pair, pl->side);
}

static uint64_t
total_rounds(void)
{
	uint64_t sum = 0;

	for (int i = 0; i < LW_PAIRS; i++)
		sum += __atomic_load_n(&lw.pair[i].rounds, __ATOMIC_RELAXED);
	return sum;
}

static void
count_asleep(struct thread *t, void *n)
{
	if (t->state == THREAD_BLOCKED &&
	    (strcmp(t->name, "ping") == 0 || strcmp(t->name, "pong") == 0))
		(*(int *)n)++;
}

/* Sleep one watch period, or less if the test finishes; whether it has. */
static bool
watch_sleep(void)
{
	spin_lock(&lw.lock);
	if (!lw.finished)
		wq_sleep_timeout(&lw.watchdog_wq, &lw.lock, LW_WATCH_TICKS);
	bool finished = lw.finished;
	spin_unlock(&lw.lock);
	return finished;
}

static void
watchdog(void *arg)
{
	uint64_t last = 0;
	int stalls = 0;

	(void)arg;
	while (!watch_sleep()) {
		uint64_t now = total_rounds();
		stalls = now == last ? stalls + 1 : 0;
		last = now;
		if (stalls == LW_STALLS) {
			int asleep = 0;
			thread_for_each(count_asleep, &asleep);
			printf("ktest: lost-wakeup: FAILED: no progress for %d s (%d threads "
			       "asleep)\n",
			       LW_STALLS * LW_WATCH_TICKS / HZ, asleep);
			power_off(POWER_FAILURE);
		}
	}
}

void
ktest_lost_wakeup(void)
{
	struct thread *t[2 * LW_PAIRS];
	char why[96];

	spin_init(&lw.lock, "lost-wakeup watchdog");
	wq_init(&lw.watchdog_wq);
	for (int i = 0; i < LW_PAIRS; i++) {
		struct pingpong *p = &lw.pair[i];
		spin_init(&p->lock, "lost-wakeup pair");
		mutex_init(&p->mutex, "lost-wakeup pair");
		for (int side = 0; side < 2; side++) {
			wq_init(&p->wq[side]);
			cond_init(&p->turn_came[side], "lost-wakeup turn");
			lw.player[2 * i + side] = (struct player){ p, side };
		}
	}
	struct thread *w = start("lost-wakeup", "watchdog", watchdog, NULL, SCHED_SERVICE);
	for (int i = 0; i < 2 * LW_PAIRS; i++)
		t[i] = start("lost-wakeup", i % 2 ? "pong" : "ping", play, &lw.player[i],
			     SCHED_NORMAL);
	for (int i = 0; i < 2 * LW_PAIRS; i++)
		thread_join(t[i]->tid, NULL);
	spin_lock(&lw.lock);
	lw.finished = true;
	wq_wake_one(&lw.watchdog_wq);
	spin_unlock(&lw.lock);
	thread_join(w->tid, NULL);
	for (int i = 0; i < LW_PAIRS; i++) {
		if (lw.pair[i].rounds != LW_ROUNDS) {
			snprintf(why, sizeof(why), "pair %d finished %lu rounds, not %d", i,
				 lw.pair[i].rounds, LW_ROUNDS);
			fail("lost-wakeup", why);
		}
	}
	printf("ktest: lost-wakeup: %d pairs x %d rounds of sleep/wakeup finished\n", LW_PAIRS,
	       LW_ROUNDS);
}

/* ---- irq-spinlock ---- */

#define IRQ_ROUNDS 100000
#define T_IRQ_SPINLOCK (T_SELFTEST + 1) /* vector 66: free in arch/x86/trap.h */

static struct spinlock irq_lock = SPINLOCK_INIT("irq-spinlock test");
static uint64_t irq_sent, irq_handled; /* guarded by irq_lock */

static void
irq_handler(struct trapframe *tf)
{
	(void)tf;
	spin_lock(&irq_lock);
	irq_handled++;
	spin_unlock(&irq_lock);
}

void
ktest_irq_spinlock(void)
{
	char why[96];

	if (!irq_using_apic()) {
		printf("ktest: irq-spinlock: skipped (no local APIC)\n");
		return;
	}
	trap_set_handler(T_IRQ_SPINLOCK, irq_handler);
	for (int i = 0; i < IRQ_ROUNDS; i++) {
		spin_lock(&irq_lock);
		/* Released at the end of the last round: its IPI must have arrived since. */
		if (irq_handled != irq_sent) {
			snprintf(why, sizeof(why), "self-IPI %lu was not handled after the release",
				 irq_sent);
			fail("irq-spinlock", why);
		}
		if (!lapic_send_self_ipi(T_IRQ_SPINLOCK))
			fail("irq-spinlock", "the local APIC did not accept a self-IPI");
		irq_sent++;
		spin_unlock(&irq_lock);
	}
	spin_lock(&irq_lock);
	uint64_t sent = irq_sent, handled = irq_handled;
	spin_unlock(&irq_lock);
	if (handled != sent) {
		snprintf(why, sizeof(why), "%lu self-IPIs sent, %lu handled", sent, handled);
		fail("irq-spinlock", why);
	}
	printf("ktest: irq-spinlock: %lu self-IPIs sent inside the critical section, %lu handled "
	       "after it; no deadlock\n",
	       sent, handled);
}

/* ---- mutex-ceiling ---- */

#define CEIL_TICKS (3 * SCHED_QUANTUM) /* long enough for three preemptions */

static struct {
	struct mutex lock; /* ceiling: SCHED_SERVICE */
	volatile uint64_t spins;
	volatile bool stop;
} ceiling_test;

static void
spinner(void *arg)
{
	(void)arg;
	while (!ceiling_test.stop)
		ceiling_test.spins++;
}

/* How many loops the spinner ran while this thread busy-waited for CEIL_TICKS ticks. */
static uint64_t
spinner_loops_meanwhile(void)
{
	uint64_t spins = ceiling_test.spins, t0 = clock_ticks();

	while (clock_ticks() - t0 < CEIL_TICKS)
		continue;
	return ceiling_test.spins - spins;
}

static void
holder(void *arg)
{
	char why[96];

	(void)arg;
	uint64_t unheld = spinner_loops_meanwhile();
	mutex_lock(&ceiling_test.lock);
	enum sched_class held_class = thread_current()->class;
	uint64_t held = spinner_loops_meanwhile();
	mutex_unlock(&ceiling_test.lock);
	ceiling_test.stop = true;
	if (unheld == 0)
		fail("mutex-ceiling", "the spinner never ran beside a busy normal thread");
	if (held_class != SCHED_SERVICE || thread_current()->class != SCHED_NORMAL) {
		snprintf(why, sizeof(why),
			 "holder's class %d while holding, %d after (want %d, %d)", held_class,
			 thread_current()->class, SCHED_SERVICE, SCHED_NORMAL);
		fail("mutex-ceiling", why);
	}
	if (held) {
		snprintf(why, sizeof(why), "the spinner ran %lu loops while the holder held it",
			 held);
		fail("mutex-ceiling", why);
	}
	printf("ktest: mutex-ceiling: in %d ticks a normal spinner ran %lu loops beside a busy "
	       "normal thread, and 0 while that thread held a mutex with a service ceiling\n",
	       CEIL_TICKS, unheld);
}

void
ktest_mutex_ceiling(void)
{
	mutex_init_ceiling(&ceiling_test.lock, "ceiling test", SCHED_SERVICE);
	struct thread *s = start("mutex-ceiling", "spinner", spinner, NULL, SCHED_NORMAL);
	struct thread *h = start("mutex-ceiling", "holder", holder, NULL, SCHED_NORMAL);
	thread_join(h->tid, NULL);
	thread_join(s->tid, NULL);
}

/* ---- mutex-not-owner ---- */

static struct {
	struct mutex lock;
	struct semaphore held, never; /* up once locker holds lock; never up */
} misuse;

/* Take the mutex and keep it (and the thread alive, so the report can name it). */
static void
locker(void *arg)
{
	(void)arg;
	mutex_lock(&misuse.lock);
	sem_up(&misuse.held);
	sem_down(&misuse.never);
}

/* Release a mutex another thread holds: mutex_unlock must panic, naming both threads. */
void
ktest_mutex_not_owner(void)
{
	mutex_init(&misuse.lock, "misuse test");
	sem_init(&misuse.held, "misuse held", 0);
	sem_init(&misuse.never, "misuse never", 0);
	start("mutex-not-owner", "locker", locker, NULL, SCHED_NORMAL);
	sem_down(&misuse.held);
	printf("ktest: mutex-not-owner: thread locker holds the mutex; releasing it from "
	       "thread %s\n",
	       thread_current()->name);
	mutex_unlock(&misuse.lock);
	fail("mutex-not-owner", "mutex_unlock released a mutex the caller does not hold");
}
#endif
