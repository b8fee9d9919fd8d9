#if LAB >= 4
/*
 * Kernel threads. Each has its own kernel stack (KSTACK_SIZE, in the
 * kernel-stack region of mm/memlayout.h with an unmapped guard page below
 * it), a saved context while it is not running, a scheduling class, and
 * belongs to a process (proc/proc.h). A thread is joined by its id: once
 * joined its id is gone, so a second join gets -ESRCH instead of touching
 * freed memory.
 */
#ifndef PROC_THREAD_H
#define PROC_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "sync/waitqueue.h"

#define THREAD_NAME_MAX 16
#define TID_MAX 32768 /* thread ids are 1 .. TID_MAX, apart from process ids */

enum thread_state {
	THREAD_RUNNABLE, /* on a run queue */
	THREAD_RUNNING,  /* on the CPU */
	THREAD_BLOCKED,  /* on a wait queue, or sleeping until a tick */
	THREAD_ZOMBIE,   /* exited, waiting to be joined */
};

/* Scheduling classes: a runnable thread of a higher class always runs first. */
enum sched_class {
	SCHED_SERVICE, /* system services, interactive work */
	SCHED_NORMAL,  /* everything else */
	SCHED_IDLE,    /* the idle thread only */
	NSCHED_CLASSES
};

struct proc;

struct thread {
	uint64_t saved_rsp; /* while not running: the stack holding its context (switch.S) */
	int tid;
	char name[THREAD_NAME_MAX];
	enum thread_state state;
	enum sched_class class;
	uint64_t kstack_base, kstack_top; /* [base, top): the stack; base - 4 KiB is the guard */
	struct proc *proc;
	struct thread *rq_next;       /* run-queue link */
	struct thread *wq_next;       /* wait-queue link */
	struct waitqueue *waiting_on; /* the wait queue it sleeps on, if any */
	uint64_t wake_tick;           /* when blocked with a timeout: wake at this tick (0: none) */
	bool timed_out;               /* set when a timeout, not a wakeup, ended the sleep */
	struct thread *sleep_next;    /* link in the timeout list, ordered by wake_tick */
	uint64_t ticks_run;           /* telemetry: ticks it was running at */
	uint64_t switches;            /* telemetry: times it was switched in */
	int quantum_left;             /* ticks left before preemption */
	int exit_code;
	struct waitqueue exited; /* the joiner sleeps here (sched_lock) */
	struct thread *joiner;   /* the thread in thread_join for it, if any (sched_lock) */
	struct thread *all_next; /* link in the list of all threads (ps) */
};

/*
 * Start fn(arg) in a new thread of class cls in the current process.
 * Returns the thread (runnable) or NULL when memory runs out.
 */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg, enum sched_class cls);

#if LAB >= 6
/* As thread_create, but in process p, of which it becomes the main thread (p->main_tid is
 * set before the thread can run): how exec starts a user process. */
struct thread *thread_create_in(struct proc *p, const char *name, void (*fn)(void *), void *arg,
				enum sched_class cls);
#endif

/*
 * End the current thread with code; returning from fn does thread_exit(0).
 * Its stack and id stay taken until it is joined. The idle thread and main
 * (which runs on the boot stack) cannot exit: a kernel bug, reported.
 */
void thread_exit(int code) __attribute__((noreturn));

/*
 * Wait for thread tid to exit and free it; *code (if code is not NULL) gets
 * its exit code. -ESRCH if there is no such thread (never was, or already
 * joined), -EDEADLK for the current thread, -EINVAL for the idle thread or a
 * thread another thread is already joining. May sleep.
 */
int thread_join(int tid, int *code);

/* The thread running on this CPU. */
struct thread *thread_current(void);

/* Make the code running kmain the first thread ("main") and create the idle thread. */
void thread_init(void);

/* Call fn for every thread not yet joined, zombies too (ps), oldest first, with sched_lock
 * held: fn must not sleep. */
void thread_for_each(void (*fn)(struct thread *t, void *arg), void *arg);

#endif
#endif
