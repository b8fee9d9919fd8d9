#if LAB >= 5
/*
 * What the file system needs from the rest of the kernel, for the host
 * tests: the tests run it in one thread, so a mutex only records its
 * holder (taking a held one, or sleeping on a wait queue, would hang
 * forever in the kernel: here it aborts the test), the clock counts from
 * zero, and buffer frames come from malloc. panic is vm_test.c's.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dev/clock.h"
#include "sync/mutex.h"
#include "sync/waitqueue.h"
#include "test/host_fs.h"

void
mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	m->name = name;
}

void
mutex_lock(struct mutex *m)
{
	if (m->owner) {
		fprintf(stderr, "mutex_lock(%s): already held: would sleep forever\n", m->name);
		abort();
	}
	m->owner = (struct thread *)m;
}

void
mutex_unlock(struct mutex *m)
{
	if (!m->owner) {
		fprintf(stderr, "mutex_unlock(%s): not held\n", m->name);
		abort();
	}
	m->owner = NULL;
}

bool
mutex_holding(const struct mutex *m)
{
	return m->owner != NULL;
}

void
wq_init(struct waitqueue *wq)
{
	wq->head = wq->tail = NULL;
}

void
wq_sleep(struct waitqueue *wq, struct spinlock *l)
{
	(void)wq;
	fprintf(stderr, "wq_sleep(%s): one thread would sleep forever\n", l->name);
	abort();
}

void
wq_wake_all(struct waitqueue *wq)
{
	(void)wq;
}

/* The file system's clock: a fixed date, then a second per call. */
uint64_t
rtc_now(void)
{
	static uint64_t now = 1795000000;

	return now++;
}

uint64_t
clock_ns(void)
{
	static uint64_t now;

	return now += 1000;
}

void *
host_frame(void)
{
	return malloc(4096);
}
#endif
