#if LAB >= 6
/*
 * System call stubs. Each puts the number in rax and the arguments in rdi,
 * rsi, rdx, r10, r8, r9 (kernel/sys/syscall_nr.h) and executes `syscall`,
 * which clobbers rcx and r11; the int $0x80 variants use the same registers,
 * for comparing the two entries (ubench) and fuzzing both (fuzz).
 */
#include "ulib.h"

long
syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;
	register long r9 __asm__("r9") = a5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

long
int80_syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;
	register long r9 __asm__("r9") = a5;
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long
syscall0(long nr)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
	return ret;
}

static inline long
syscall3(long nr, long a0, long a1, long a2)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2)
			 : "rcx", "r11", "memory");
	return ret;
}

long
read(int fd, void *buf, size_t n)
{
	return syscall3(SYS_read, fd, (long)buf, (long)n);
}

long
write(int fd, const void *buf, size_t n)
{
	return syscall3(SYS_write, fd, (long)buf, (long)n);
}

void
exit(int status)
{
	printf_flush();
	for (;;)
		syscall3(SYS_exit, status, 0, 0);
}

int
wait(int pid, int *status)
{
	return (int)syscall3(SYS_wait, pid, (long)status, 0);
}

int
getpid(void)
{
	return (int)syscall0(SYS_getpid);
}

int
getpid_int80(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"((long)SYS_getpid) : "rcx", "r11", "memory");
	return (int)ret;
}

uint64_t
uptime(void)
{
	return (uint64_t)syscall0(SYS_uptime);
}

int
yield(void)
{
	return (int)syscall0(SYS_yield);
}

int
sleep(uint64_t ms)
{
	return (int)syscall3(SYS_sleep, (long)ms, 0, 0);
}

int
spawn(const char *path, char *const argv[])
{
	return (int)syscall3(SYS_spawn, (long)path, (long)argv, 0);
}

int
shutdown(void)
{
	return (int)syscall0(SYS_shutdown);
}
#endif
