#if LAB >= 4
/*
 * Spinlocks (sync/spinlock.h), xv6 style: interrupts go off first, with
 * their previous state kept for the outermost irq_save_push, and the lock
 * word is taken with an atomic exchange, ready for more CPUs than one. On
 * one CPU a lock is never contended: its holder runs with interrupts off
 * and cannot be preempted, so any spinning is a bug, and so is taking a lock
 * twice. Both are reported with where the lock was taken. A lock held for
 * longer than LONG_HOLD_MS gets a warning at release: not a bug, but a
 * latency everyone else pays.
 *
 * Leaving the outermost interrupt-off section is also where a wakeup of a
 * higher-class thread, made while interrupts were off, takes effect
 * (sched_preempt_if_needed), rather than at the next tick.
 */
#include <stddef.h>

#include "sync/spinlock.h"
#include "arch/x86/cpu.h"
#include "debug/ksyms.h"
#include "debug/panic.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "proc/percpu.h"
#include "proc/sched.h"
#include "proc/thread.h"

#define LONG_HOLD_MS 100 /* held longer: a warning at release */
#define STUCK_MS 1000    /* spinning longer: a deadlock, reported */

static uint64_t long_hold; /* cycles(LONG_HOLD_MS), once the clock is calibrated */
bool spin_timing;          /* lockdebug=on: time every hold (two TSC reads per lock) */

void
spin_set_debug(bool on)
{
	spin_timing = on;
}

void
spin_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->holder = NULL;
	l->acquired_tsc = 0;
	l->acquired_from = 0;
}

void
irq_save_push(void)
{
	bool on = read_rflags() & RFLAGS_IF;

	cli();
	struct cpu *c = this_cpu();
	if (c->ncli++ == 0)
		c->intena = on;
}

void
irq_restore_pop(void)
{
	struct cpu *c = this_cpu();

	if (read_rflags() & RFLAGS_IF)
		panic("irq_restore_pop: interrupts are on inside irq_save_push");
	if (c->ncli <= 0)
		panic("irq_restore_pop: no irq_save_push to undo");
	if (--c->ncli > 0 || !c->intena)
		return;
	if (c->need_resched)
		sched_preempt_if_needed();
	sti();
}

/* "fn+0xoff (file:line)" for the return address ret, into buf. */
static const char *
where(uint64_t ret, char *buf, size_t size)
{
	return ksym_describe(&kernel_symtab, ret, true, buf, size);
}

/* Thread t's id and name for reports; before thread_init there is only the boot code. */
static int
tid_of(const struct thread *t)
{
	return t ? t->tid : 0;
}

static const char *
name_of(const struct thread *t)
{
	return t ? t->name : "boot";
}

/* TSC cycles in ms milliseconds, or UINT64_MAX before the clock is calibrated. */
static uint64_t
cycles(uint64_t ms)
{
	uint64_t hz = clock_tsc_hz();

	return hz ? hz / 1000 * ms : UINT64_MAX;
}

/* l is taken by someone else: on one CPU it will never be released. Report it after a while. */
static void
wait_for(struct spinlock *l, struct thread *me, uint64_t from)
{
	uint64_t start = rdtsc(), limit = cycles(STUCK_MS);
	char buf[2][160];

	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		if (rdtsc() - start > limit)
			panic("spinlock: '%s' wanted by thread %d (%s) at %s is held by thread %d "
			      "(%s) since %s: deadlock",
			      l->name, tid_of(me), name_of(me), where(from, buf[0], sizeof(buf[0])),
			      tid_of(l->holder), name_of(l->holder),
			      where(l->acquired_from, buf[1], sizeof(buf[1])));
	}
}

/* Take l for the current thread, which can no longer be preempted; from: for reports. */
static void
take(struct spinlock *l, uint64_t from)
{
	struct cpu *c = this_cpu();
	struct thread *me = c->current;
	if (l->locked && l->holder == me) {
		char buf[160];
		panic("spinlock: '%s' taken again by thread %d (%s), first taken at %s", l->name,
		      tid_of(me), name_of(me), where(l->acquired_from, buf, sizeof(buf)));
	}
	if (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		wait_for(l, me, from);
	if (c->nlocks == CPU_MAX_LOCKS)
		panic("spinlock: '%s': thread %d (%s) holds %d spinlocks already", l->name,
		      tid_of(me), name_of(me), CPU_MAX_LOCKS);
	c->held[c->nlocks++] = l;
	l->holder = me;
	l->acquired_from = from;
	l->acquired_tsc = spin_timing ? rdtsc() : 0;
}

void
spin_lock(struct spinlock *l)
{
	irq_save_push();
	take(l, (uint64_t)__builtin_return_address(0));
}

void
spin_lock_preempt_slow(struct spinlock *l, uint64_t from)
{
	take(l, from);
}

/* Take l off this CPU's list of held locks (usually the last one taken). */
static void
forget(struct cpu *c, struct spinlock *l)
{
	int i = c->nlocks - 1;

	while (i >= 0 && c->held[i] != l)
		i--;
	if (i < 0)
		panic("spinlock: '%s' is not on this CPU's list of held locks", l->name);
	for (; i < c->nlocks - 1; i++)
		c->held[i] = c->held[i + 1];
	c->nlocks--;
}

/* Release l, which the current thread must hold. */
static void
give(struct spinlock *l)
{
	struct cpu *c = this_cpu();
	struct thread *me = c->current;

	if (!l->locked || l->holder != me)
		panic("spinlock: '%s' released by thread %d (%s), which does not hold it%s%s",
		      l->name, tid_of(me), name_of(me), l->locked ? ": held by " : " (not held)",
		      l->locked ? name_of(l->holder) : "");
	uint64_t held = spin_timing ? rdtsc() - l->acquired_tsc : 0, from = l->acquired_from;
	forget(c, l);
	l->holder = NULL;
	l->acquired_from = 0;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	if (spin_timing && long_hold == 0 && clock_tsc_hz())
		long_hold = cycles(LONG_HOLD_MS);
	if (long_hold && held > long_hold) {
		char buf[160];
		printf("spinlock: '%s' held %lu ms by thread %d (%s), taken at %s\n", l->name,
		       held / cycles(1), tid_of(me), name_of(me), where(from, buf, sizeof(buf)));
	}
}

void
spin_unlock(struct spinlock *l)
{
	give(l);
	irq_restore_pop();
}

void
spin_unlock_preempt_slow(struct spinlock *l)
{
	struct cpu *c = this_cpu();

	give(l);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (--c->preempt_off == 0 && c->need_resched)
		sched_preempt_if_needed();
}

void
spin_preempt_point(void)
{
	sched_preempt_if_needed();
}

bool
spin_holding(const struct spinlock *l)
{
	return l->locked && l->holder == this_cpu()->current;
}
#endif
