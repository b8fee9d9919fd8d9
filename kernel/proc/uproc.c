#if LAB >= 6
/*
 * User processes (proc/proc.h, proc/uproc.h): their birth, exit and reaping.
 *
 * A process that exits frees its address space at once, then stays a
 * zombie (exited, its pid and struct taken) until its parent's proc_wait
 * reaps it: joins its thread, frees its pid and struct, and hands its
 * status over. Children outlive their parent: when a process exits, its
 * children that have exited already are reaped there and then, and the
 * others become orphans, given to the kernel process but kept on a list of
 * their own, which every proc_wait and proc_exit sweeps for exited ones. So
 * no zombie lasts longer than the next wait or exit anywhere, and the
 * kernel process's waiters (the monitor's run) see only their own children.
 *
 * A process killed for a fault exits with status -1 (PROC_KILLED), which
 * its parent sees like any other status.
 */
#include <stddef.h>

#include "proc/uproc.h"
#include "dev/console.h"
#include "debug/panic.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uvm.h"
#include "proc/thread.h"

#define PROC_KILLED (-1) /* the exit status of a process proc_fault_current ended */

/* Every process's children, parent, sibling, exited, exit_status; the orphan list. */
static struct spinlock proc_lock = SPINLOCK_INIT("proc");
static struct proc *orphans; /* proc_lock: given to the kernel process, linked by sibling */
static struct kmem_cache *proc_cache;

struct proc *
proc_current(void)
{
	return thread_current()->proc;
}

struct proc *
uproc_new(const char *name, const struct cred *c, enum trust t)
{
	spin_lock(&proc_lock);
	if (!proc_cache)
		proc_cache = kmem_cache_create("proc", sizeof(struct proc));
	spin_unlock(&proc_lock);
	struct proc *p = proc_cache ? kmem_cache_alloc(proc_cache) : NULL;
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->pid = pid_alloc();
	if (p->pid < 0) {
		kmem_cache_free(proc_cache, p);
		return NULL;
	}
	strlcpy(p->name, name, sizeof(p->name));
	p->cred = *c;
	p->trust = t;
	wq_init(&p->child_exited);
	return p;
}

void
uproc_free(struct proc *p)
{
	if (p->as)
		as_destroy(p->as);
	pid_free(p->pid);
	kmem_cache_free(proc_cache, p);
}

/* Take c off the list at *head (proc_lock held); false if it is not there. */
static bool
unlink_from(struct proc **head, struct proc *c)
{
	for (struct proc **pp = head; *pp; pp = &(*pp)->sibling)
		if (*pp == c) {
			*pp = c->sibling;
			c->sibling = NULL;
			return true;
		}
	return false;
}

int
uproc_start(struct proc *p, struct proc *parent, void (*fn)(void *), void *arg)
{
	spin_lock(&proc_lock);
	p->parent = parent;
	p->sibling = parent->children;
	parent->children = p;
	spin_unlock(&proc_lock);
	if (thread_create_in(p, p->name, fn, arg, SCHED_NORMAL))
		return 0;
	spin_lock(&proc_lock);
	unlink_from(&parent->children, p);
	p->parent = NULL;
	spin_unlock(&proc_lock);
	return -ENOMEM;
}

/* Free an exited process nobody's list holds any more: wait for its thread to be gone. */
static void
reap(struct proc *c)
{
	int err = thread_join(c->main_tid, NULL);

	if (err < 0)
		panic("proc: pid %d: cannot join thread %d: error %d", c->pid, c->main_tid, err);
	uproc_free(c);
}

/* Reap every orphan that has exited. */
static void
reap_orphans(void)
{
	struct proc *dead = NULL;

	spin_lock(&proc_lock);
	for (struct proc **pp = &orphans; *pp;) {
		struct proc *c = *pp;
		if (c->exited) {
			*pp = c->sibling;
			c->sibling = dead;
			dead = c;
		} else {
			pp = &c->sibling;
		}
	}
	spin_unlock(&proc_lock);
	while (dead) {
		struct proc *c = dead;
		dead = c->sibling;
		reap(c);
	}
}

void
proc_exit(int status)
{
	struct proc *p = proc_current();
	struct addrspace *as = p->as;
	struct proc *dead = NULL;

	if (!as)
		panic("proc_exit: pid %d (%s) is not a user process", p->pid, p->name);
	p->as = NULL; /* from now on a switch back here loads the kernel's table */
	as_load(NULL);
	as_destroy(as);

	spin_lock(&proc_lock);
	while (p->children) {
		struct proc *c = p->children;
		p->children = c->sibling;
		if (c->exited) {
			c->sibling = dead;
			dead = c;
		} else {
			c->parent = &kernel_proc;
			c->sibling = orphans;
			orphans = c;
		}
	}
	spin_unlock(&proc_lock);
	while (dead) {
		struct proc *c = dead;
		dead = c->sibling;
		reap(c);
	}
	reap_orphans();

	spin_lock(&proc_lock);
	p->exit_status = status;
	p->exited = true;
	wq_wake_all(&p->parent->child_exited);
	spin_unlock(&proc_lock);
	thread_exit(status);
}

int
proc_wait(int pid, int *status)
{
	struct proc *p = proc_current();

	reap_orphans();
	spin_lock(&proc_lock);
	for (;;) {
		struct proc *found = NULL, *done = NULL;
		for (struct proc *c = p->children; c && !done; c = c->sibling) {
			if (pid != -1 && c->pid != pid)
				continue;
			found = c;
			if (c->exited)
				done = c;
		}
		if (!found) {
			spin_unlock(&proc_lock);
			return -ECHILD;
		}
		if (done) {
			unlink_from(&p->children, done);
			spin_unlock(&proc_lock);
			int cpid = done->pid;
			if (status)
				*status = done->exit_status;
			reap(done);
			return cpid;
		}
		wq_sleep(&p->child_exited, &proc_lock);
	}
}

void
proc_fault_current(const char *what)
{
	struct proc *p = proc_current();

	printf("pid %d (%s) killed: %s\n", p->pid, p->name, what);
	proc_exit(PROC_KILLED);
}
#endif
