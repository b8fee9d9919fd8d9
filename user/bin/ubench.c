#if LAB >= 6
/*
 * The lab-6 benchmarks (make bench): 100,000 getpid calls through `syscall`,
 * the same through `int $0x80`, and 1,000 spawn + exit + wait cycles of
 * /bin/exit0, each timed with uptime and printed as a ClanOS-Bench line.
 */
#include "ulib.h"

#define GETPID_CALLS 100000
#define SPAWNS 1000

static void
report(const char *name, uint64_t n, uint64_t ns)
{
	printf("ClanOS-Bench: name=%s value=%lu unit=1/s\n", name,
	       (unsigned long)(ns ? n * 1000000000ULL / ns : 0));
}

int
main(void)
{
	static char *argv[] = { "exit0", NULL };
	uint64_t t;

	t = uptime();
	for (int i = 0; i < GETPID_CALLS; i++)
		getpid();
	report("getpid_syscall_per_s", GETPID_CALLS, uptime() - t);

	t = uptime();
	for (int i = 0; i < GETPID_CALLS; i++)
		getpid_int80();
	report("getpid_int80_per_s", GETPID_CALLS, uptime() - t);

	t = uptime();
	for (int i = 0; i < SPAWNS; i++) {
		int status = -1, pid = spawn("/bin/exit0", argv);
		if (pid < 0) {
			printf("ubench: spawn /bin/exit0 failed: %d\n", pid);
			return 1;
		}
		if (wait(pid, &status) != pid || status != 0) {
			printf("ubench: wait for pid %d failed (status %d)\n", pid, status);
			return 1;
		}
	}
	report("spawn_exit_wait_per_s", SPAWNS, uptime() - t);
	return 0;
}
#endif
