#if LAB >= 4
/*
 * Kernel threads (proc/thread.h): making one (a struct, an id, a stack made
 * to look as if the thread had called swtch at thread_trampoline), ending
 * one, and joining it, which frees what it used. A thread cannot free its
 * own stack, since it runs on it until its last switch; its joiner does,
 * and it can only see the thread as a zombie once that switch is over:
 * both happen under sched_lock. A thread nobody joins stays a zombie, its
 * stack and id taken, for good.
 *
 * Thread ids are 1 .. TID_MAX, reused as late as possible (proc/idalloc.h),
 * from their own allocator: proc 1 is the kernel, thread 1 is main.
 */
#include <stddef.h>

#include "proc/thread.h"
#include "arch/x86/cpu.h"
#include "arch/x86/switch.h"
#include "debug/panic.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/memlayout.h"
#include "mm/slab.h"
#include "proc/idalloc.h"
#include "proc/kstack.h"
#include "proc/percpu.h"
#include "proc/proc.h"
#include "proc/sched.h"

extern char boot_stack[], boot_stack_top[]; /* kernel.ld: main's stack */

static struct kmem_cache *thread_cache;
static struct thread main_thread; /* kmain's code, on the boot stack */

static struct spinlock tid_lock = SPINLOCK_INIT("tid");
static uint64_t tid_bits[IDALLOC_WORDS(TID_MAX)]; /* tid_lock */
static struct idalloc tids;                       /* tid_lock */

static struct thread *all_threads;              /* sched_lock: oldest first */
static struct thread **all_tail = &all_threads; /* sched_lock */

struct thread *
thread_current(void)
{
	return this_cpu()->current;
}

static int
tid_alloc(void)
{
	spin_lock(&tid_lock);
	int tid = idalloc_alloc(&tids);
	spin_unlock(&tid_lock);
	return tid;
}

static void
tid_free(int tid)
{
	spin_lock(&tid_lock);
	int err = idalloc_free(&tids, tid);
	spin_unlock(&tid_lock);
	if (err < 0)
		panic("thread: tid %d freed but not in use", tid);
}

/* Fill in what every thread starts with; t is zeroed. Links it into the list of all threads
 * of process p (NULL: the creator's). */
static void
setup(struct thread *t, int tid, const char *name, enum sched_class cls, struct proc *p)
{
	t->tid = tid;
	strlcpy(t->name, name, sizeof(t->name));
	t->class = cls;
	struct thread *cur = thread_current();
	t->proc = p ? p : cur ? cur->proc : &kernel_proc;
	wq_init(&t->exited);

	spin_lock(&sched_lock);
	*all_tail = t;
	all_tail = &t->all_next;
	t->proc->nthreads++;
	spin_unlock(&sched_lock);
}

/* Take t off the list of all threads (sched_lock held). */
static void
unlink(struct thread *t)
{
	struct thread **p = &all_threads;

	while (*p != t)
		p = &(*p)->all_next;
	*p = t->all_next;
	if (all_tail == &t->all_next)
		all_tail = p;
}

/* The thread with id tid that is not joined yet, or NULL (sched_lock held). */
static struct thread *
find(int tid)
{
	struct thread *t = all_threads;

	while (t && t->tid != tid)
		t = t->all_next;
	return t;
}

/* A new thread's stack: a switch frame that swtch "returns" from into thread_trampoline. */
static void
prepare_stack(struct thread *t, void (*fn)(void *), void *arg)
{
	/* Two zero words on top keep rsp 16-byte aligned at the trampoline's calls. */
	struct switch_frame *f = (struct switch_frame *)(t->kstack_top - 16) - 1;

	memset(f, 0, t->kstack_top - (uint64_t)f);
	f->rbx = (uint64_t)fn;
	f->r12 = (uint64_t)arg;
	f->rbp = 0; /* the end of the frame-pointer chain */
	f->rip = (uint64_t)thread_trampoline;
	t->saved_rsp = (uint64_t)f;
}

/* thread_create's work, in process p (NULL: the creator's). */
static struct thread *
create(struct proc *p, const char *name, void (*fn)(void *), void *arg, enum sched_class cls)
{
	if (cls >= NSCHED_CLASSES || (cls == SCHED_IDLE && this_cpu()->idle))
		panic("thread_create: '%s': class %d is not for a new thread", name, cls);
	struct thread *t = kmem_cache_alloc(thread_cache);
	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->kstack_base = kstack_alloc();
	int tid = t->kstack_base ? tid_alloc() : -ENOMEM;
	if (tid < 0) {
		if (t->kstack_base)
			kstack_free(t->kstack_base);
		kmem_cache_free(thread_cache, t);
		return NULL;
	}
	t->kstack_top = t->kstack_base + KSTACK_SIZE;
	prepare_stack(t, fn, arg);
	setup(t, tid, name, cls, p);
#if LAB >= 6
	if (p)
		p->main_tid = tid; /* before it can run, exit, and be waited for */
#endif
	sched_start(t);
	return t;
}

struct thread *
thread_create(const char *name, void (*fn)(void *), void *arg, enum sched_class cls)
{
	return create(NULL, name, fn, arg, cls);
}

#if LAB >= 6
struct thread *
thread_create_in(struct proc *p, const char *name, void (*fn)(void *), void *arg,
		 enum sched_class cls)
{
	return create(p, name, fn, arg, cls);
}
#endif

void
thread_exit(int code)
{
	struct cpu *c = this_cpu();
	struct thread *cur = c->current;

	if (cur == c->idle)
		panic("thread: the idle thread cannot exit");
	if (cur == &main_thread)
		panic("thread: main cannot exit (it runs kmain, on the boot stack)");
	spin_lock(&sched_lock);
	cur->exit_code = code;
	cur->proc->nthreads--;
	cur->state = THREAD_ZOMBIE;
	wq_wake_all(&cur->exited);
	sched_exit();
}

/* Free an exited thread that is off every list: its stack, its id, its struct. */
static void
destroy(struct thread *t)
{
	kstack_free(t->kstack_base);
	tid_free(t->tid);
	kmem_cache_free(thread_cache, t);
}

int
thread_join(int tid, int *code)
{
	struct cpu *c = this_cpu();

	spin_lock(&sched_lock);
	struct thread *t = find(tid);
	int err = 0;
	if (!t)
		err = -ESRCH;
	else if (t == c->current)
		err = -EDEADLK;
	else if (t == c->idle || t->joiner)
		err = -EINVAL;
	if (err) {
		spin_unlock(&sched_lock);
		return err;
	}
	t->joiner = c->current;
	while (t->state != THREAD_ZOMBIE)
		wq_sleep(&t->exited, &sched_lock);
	unlink(t);
	spin_unlock(&sched_lock);
	if (code)
		*code = t->exit_code;
	destroy(t);
	return 0;
}

void
thread_for_each(void (*fn)(struct thread *t, void *arg), void *arg)
{
	spin_lock(&sched_lock);
	for (struct thread *t = all_threads; t; t = t->all_next)
		fn(t, arg);
	spin_unlock(&sched_lock);
}

/* The idle thread: halt until an interrupt; the one that makes a thread runnable preempts it. */
static void
idle_loop(void *arg)
{
	(void)arg;
	for (;;)
		wait_for_interrupt();
}

void
thread_init(void)
{
	proc_init();
	kstack_init();
	idalloc_init(&tids, tid_bits, 1, TID_MAX);
	thread_cache = kmem_cache_create("thread", sizeof(struct thread));
	if (!thread_cache)
		panic("thread_init: no memory for the thread cache");

	struct thread *m = &main_thread;
	setup(m, tid_alloc(), "main", SCHED_NORMAL, NULL);
	m->state = THREAD_RUNNING;
	m->kstack_base = (uint64_t)boot_stack;
	m->kstack_top = (uint64_t)boot_stack_top;
	m->quantum_left = SCHED_QUANTUM;
	this_cpu()->current = m;

	struct thread *idle = thread_create("idle", idle_loop, NULL, SCHED_IDLE);
	if (!idle)
		panic("thread_init: no memory for the idle thread");
	this_cpu()->idle = idle;
}
#endif
