#if LAB >= 6
/*
 * The system-call dispatcher (sys/syscall.h): one table from number to
 * function, and the allowlist by trust level (seed scopes 35, 43). A
 * trust=user program may make every call but the system-only ones
 * (shutdown); one that tries gets -EPERM and a line in the kernel log. The
 * log is rate-limited, so a program calling in a loop cannot flood it.
 */
#include <stdbool.h>

#include "sys/syscall.h"
#include "arch/x86/trap.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "sys/sys.h"

#define NS_PER_SEC 1000000000ull
#define REFUSALS_LOGGED_PER_SEC 10

static const struct {
	syscall_fn *fn;
	const char *name;
	bool system_only; /* trust=system programs only */
} syscalls[NSYSCALLS] = {
	[SYS_read] = { sys_read, "read", false },
	[SYS_write] = { sys_write, "write", false },
	[SYS_exit] = { sys_exit, "exit", false },
	[SYS_wait] = { sys_wait, "wait", false },
	[SYS_getpid] = { sys_getpid, "getpid", false },
	[SYS_uptime] = { sys_uptime, "uptime", false },
	[SYS_yield] = { sys_yield, "yield", false },
	[SYS_sleep] = { sys_sleep, "sleep", false },
	[SYS_spawn] = { sys_spawn, "spawn", false },
	[SYS_shutdown] = { sys_shutdown, "shutdown", true },
};

/* Log "syscall: pid N (name): call not allowed for trust=user", at most
 * REFUSALS_LOGGED_PER_SEC lines a second; the lines left out are counted in the next. */
static void
log_refusal(const struct proc *p, const char *call)
{
	static uint64_t second, logged, dropped;
	uint64_t now = clock_ns() / NS_PER_SEC;

	if (now != second)
		second = now, logged = 0;
	if (logged++ >= REFUSALS_LOGGED_PER_SEC) {
		dropped++;
		return;
	}
	printf("syscall: pid %d (%s): %s not allowed for trust=user", p->pid, p->name, call);
	if (dropped)
		printf(" (%lu more refusals not logged)", dropped);
	printf("\n");
	dropped = 0;
}

/* True if p's trust level allows call nr (a known number); logs a refusal. */
static bool
permitted(const struct proc *p, uint64_t nr)
{
	if (!syscalls[nr].system_only || p->trust == TRUST_SYSTEM)
		return true;
	log_refusal(p, syscalls[nr].name);
	return false;
}

void
syscall_dispatch(struct trapframe *tf)
{
	const uint64_t arg[6] = { tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9 };
	uint64_t nr = tf->rax;
	int64_t r;

#if SOL >= 6 /* exercise syscall-dispatch */
	if (nr >= NSYSCALLS || !syscalls[nr].fn)
		r = -ENOSYS;
	else if (!permitted(proc_current(), nr))
		r = -EPERM;
	else
		r = syscalls[nr].fn(arg);
#else
	/* LAB 6: your code here (exercise syscall-dispatch). Look nr up in syscalls[]: an
	   unknown number gets -ENOSYS, a call permitted() refuses gets -EPERM, any other is
	   called with arg and its result returned. */
	(void)arg, (void)nr, (void)permitted;
	r = -ENOSYS;
#endif
	tf->rax = (uint64_t)r;
}
#endif
