#if LAB >= 6
/*
 * The process system calls: exit, wait, getpid, uptime, yield, sleep,
 * spawn and shutdown. Each is a thin layer over proc/, exec/ or the
 * scheduler that copies its arguments in and its results out.
 */
#include "sys/sys.h"
#include "arch/x86/power.h"
#include "dev/clock.h"
#include "exec/exec.h"
#include "lib/errno.h"
#include "mm/slab.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "sys/syscall_nr.h"

#define SPAWN_PATH_MAX 64 /* bytes of spawn's path, NUL included */

/* exit(status): never returns. */
int64_t
sys_exit(const uint64_t arg[6])
{
	proc_exit((int)arg[0]);
}

/* wait(pid or -1, int *status or NULL): the child's pid once it exited, its status copied
 * out. -ECHILD; -EFAULT for a bad status pointer, checked before a child is reaped. */
int64_t
sys_wait(const uint64_t arg[6])
{
	int status = 0;

	if (arg[1] && copyout(arg[1], &status, sizeof(status)) < 0)
		return -EFAULT;
	int pid = proc_wait((int)arg[0], &status);
	if (pid > 0 && arg[1] && copyout(arg[1], &status, sizeof(status)) < 0)
		return -EFAULT;
	return pid;
}

int64_t
sys_getpid(const uint64_t arg[6])
{
	(void)arg;
	return proc_current()->pid;
}

/* uptime(): nanoseconds since the clock started. */
int64_t
sys_uptime(const uint64_t arg[6])
{
	(void)arg;
	return (int64_t)clock_ns();
}

int64_t
sys_yield(const uint64_t arg[6])
{
	(void)arg;
	sched_yield();
	return 0;
}

/* sleep(ms): 0 after at least ms milliseconds (0: a yield, not the next clock tick);
 * -EINVAL beyond SYS_SLEEP_MAX_MS. */
int64_t
sys_sleep(const uint64_t arg[6])
{
	if (arg[0] > SYS_SLEEP_MAX_MS)
		return -EINVAL;
	if (arg[0] == 0)
		sched_yield();
	else
		sched_sleep_ms(arg[0]);
	return 0;
}

/* Copy the NULL-terminated user argv at uargv into args (SPAWN_ARGS_MAX strings of
 * SPAWN_ARG_LEN bytes) and argv: argc, -EFAULT, -E2BIG. NULL uargv: argv = { path }. */
static int
copy_argv(uint64_t uargv, const char *path, char (*args)[SPAWN_ARG_LEN], char **argv)
{
	int argc = 0;

	if (uargv == 0) {
		argv[0] = (char *)path;
		return 1;
	}
	for (;; argc++) {
		uint64_t u;
		if (copyin(&u, uargv + (uint64_t)argc * sizeof(u), sizeof(u)) < 0)
			return -EFAULT;
		if (u == 0)
			return argc;
		if (argc == SPAWN_ARGS_MAX)
			return -E2BIG;
		int64_t len = copyinstr(args[argc], u, SPAWN_ARG_LEN);
		if (len < 0)
			return len == -ENAMETOOLONG ? -E2BIG : (int)len;
		argv[argc] = args[argc];
	}
}

/* spawn(path, argv): start the program at path (or /bin/<name>) as a child, with the
 * caller's credential: the child's pid or exec_spawn's errors, -EFAULT, -E2BIG. */
int64_t
sys_spawn(const uint64_t arg[6])
{
	char path[SPAWN_PATH_MAX];
	char *argv[SPAWN_ARGS_MAX];
	struct proc *p = proc_current();

	int64_t r = copyinstr(path, arg[0], sizeof(path));
	if (r < 0)
		return r;
	char(*args)[SPAWN_ARG_LEN] = kmalloc(SPAWN_ARGS_MAX * SPAWN_ARG_LEN);
	if (!args)
		return -ENOMEM;
	r = copy_argv(arg[1], path, args, argv);
	if (r >= 0)
		r = exec_spawn(&p->cred, path, (int)r, argv, p);
	kfree(args);
	return r;
}

/* shutdown(): power off (syscall_dispatch lets only trust=system programs here). */
int64_t
sys_shutdown(const uint64_t arg[6])
{
	(void)arg;
	power_off(POWER_SUCCESS);
}
#endif
