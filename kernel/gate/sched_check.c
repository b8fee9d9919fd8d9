#if LAB >= 4
/*
 * The gate's "sched" check: what lab 4 built really works. Two threads
 * taking turns with sched_yield really alternate; a thread that never
 * yields is preempted by the timer, so the sleeping main thread wakes on
 * time; a wait-queue sleeper is woken; join returns the exit code once and
 * then refuses.
 */
#include "gate/gate.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "proc/sched.h"
#include "proc/thread.h"
#include "sync/spinlock.h"
#include "sync/waitqueue.h"

#define TURNS 100

static volatile int turn_log[2 * TURNS];
static volatile int turns;
static volatile bool stop_spinning;
static struct spinlock flag_lock = SPINLOCK_INIT("gate flag");
static struct waitqueue flag_wait;
static bool flag;

static bool
failed(const char *what)
{
	printf("gate: sched: %s\n", what);
	return false;
}

static void
take_turns(void *arg)
{
	for (int i = 0; i < TURNS; i++) {
		turn_log[turns++] = (int)(uintptr_t)arg;
		sched_yield();
	}
}

static void
spin(void *arg)
{
	(void)arg;
	while (!stop_spinning)
		;
}

static void
wait_for_flag(void *arg)
{
	spin_lock(&flag_lock);
	while (!flag)
		wq_sleep(&flag_wait, &flag_lock);
	spin_unlock(&flag_lock);
	thread_exit((int)(uintptr_t)arg);
}

/* Start a thread, reporting failure; returns its tid or 0. */
static int
start(const char *name, void (*fn)(void *), uintptr_t arg)
{
	struct thread *t = thread_create(name, fn, (void *)arg, SCHED_NORMAL);

	if (!t)
		failed("thread_create ran out of memory");
	return t ? t->tid : 0;
}

static bool
check_yield(void)
{
	int a = start("gate-a", take_turns, 0), b = start("gate-b", take_turns, 1);
	bool ok = a && b;

	if (a)
		thread_join(a, 0);
	if (b)
		thread_join(b, 0);
	if (!ok)
		return false;
	int alternations = 0;
	for (int i = 1; i < turns; i++)
		alternations += turn_log[i] != turn_log[i - 1];
	if (turns != 2 * TURNS || alternations < TURNS)
		return failed("two yielding threads did not take turns");
	return true;
}

static bool
check_preemption(void)
{
	int spinner = start("gate-spin", spin, 0);
	bool ok = true;

	if (!spinner)
		return false;
	uint64_t t0 = clock_ns();
	sched_sleep_ms(30);
	uint64_t slept_ms = (clock_ns() - t0) / 1000000;
	stop_spinning = true;
	thread_join(spinner, 0);
	if (slept_ms < 30 || slept_ms > 30 + 1000 * (SCHED_QUANTUM + 1) / HZ) {
		printf("gate: sched: a 30 ms sleep beside a spinning thread took %lu ms\n",
		       slept_ms);
		ok = false;
	}
	return ok;
}

/* break_it expects the wrong exit code from the waiter. */
static bool
check_wakeup_and_join(bool break_it)
{
	int waiter = start("gate-wait", wait_for_flag, 42), code = 0;

	if (!waiter)
		return false;
	sched_sleep_ms(10);
	spin_lock(&flag_lock);
	flag = true;
	wq_wake_all(&flag_wait);
	spin_unlock(&flag_lock);
	bool ok = true;
	if (thread_join(waiter, &code) != 0 || code != (break_it ? 41 : 42))
		ok = failed("join did not return the woken thread's exit code");
	if (thread_join(waiter, &code) != -ESRCH)
		ok = failed("a second join of the same thread did not return -ESRCH");
	return ok;
}

bool
gate_check_sched(bool break_it)
{
	wq_init(&flag_wait);
	bool ok = check_yield();
	ok = check_preemption() && ok;
	ok = check_wakeup_and_join(break_it) && ok;
	return ok;
}
#endif
