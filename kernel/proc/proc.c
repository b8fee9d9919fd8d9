#if LAB >= 4
/*
 * The process table's beginnings: the pid allocator and the kernel process.
 * A pid stays taken until the process is gone, so a pid names at most one
 * process at a time.
 */
#include <stddef.h>

#include "proc/proc.h"
#include "debug/panic.h"
#include "lib/string.h"
#include "proc/idalloc.h"
#include "sync/spinlock.h"

struct proc kernel_proc;

static struct spinlock pid_lock = SPINLOCK_INIT("pid");
static uint64_t pid_bits[IDALLOC_WORDS(PID_MAX)]; /* pid_lock */
static struct idalloc pids;                       /* pid_lock */

void
proc_init(void)
{
	idalloc_init(&pids, pid_bits, 1, PID_MAX);
	kernel_proc.pid = pid_alloc();
	strlcpy(kernel_proc.name, "kernel", sizeof(kernel_proc.name));
	kernel_proc.parent = NULL;
}

int
pid_alloc(void)
{
	spin_lock(&pid_lock);
	int pid = idalloc_alloc(&pids);
	spin_unlock(&pid_lock);
	return pid;
}

void
pid_free(int pid)
{
	spin_lock(&pid_lock);
	int err = idalloc_free(&pids, pid);
	spin_unlock(&pid_lock);
	if (err < 0)
		panic("pid_free: pid %d is not in use", pid);
}
#endif
