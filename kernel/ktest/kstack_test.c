#if LAB >= 4
/*
 * test=kstack-overflow: a thread recurses until its kernel stack runs into
 * the guard page below it. The fault cannot be delivered on that stack, so
 * the CPU raises a double fault, which runs on its IST stack and reports
 * which thread's guard page was hit.
 */
#include "ktest/ktest.h"
#include "dev/console.h"
#include "proc/thread.h"

static void
overflow_thread(void *arg)
{
	(void)arg;
	printf("ktest: kstack-overflow: thread %d recursing until its stack runs out\n",
	       thread_current()->tid);
	printf("ktest: kstack-overflow: not reached: %d\n", ktest_recurse(0));
}

void
ktest_kstack_overflow(void)
{
	struct thread *t = thread_create("overflow", overflow_thread, 0, SCHED_NORMAL);

	if (!t) {
		printf("ktest: kstack-overflow: FAILED: thread_create ran out of memory\n");
		return;
	}
	thread_join(t->tid, 0);
	printf("ktest: kstack-overflow: FAILED: the thread returned\n");
}
#endif
