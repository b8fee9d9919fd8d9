#if LAB >= 6
/*
 * fuzz [calls [seed]]: makes `calls` system calls (100000 by default) with
 * random numbers and arguments from xorshift32 (lib/xorshift.h) seeded by
 * `seed` (by default from uptime), through `syscall` and `int $0x80` at
 * random. It prints the seed first, so a run that kills the kernel can be
 * repeated.
 *
 * Numbers: every call number and numbers around and far beyond them
 * (negative, NSYSCALLS..+7, random 64-bit). Arguments: small integers, -1,
 * random 64-bit words, kernel addresses, unmapped user pages, the top of
 * user space. None points at this program's memory, so no call reads or
 * writes anything real. Four calls are steered, each for one reason:
 * exit is never made (the run would end), shutdown is never made (refused
 * to a user program, but each refusal logs a line), read never gets fd 0
 * (it would wait for a key), and sleep always gets 0 ms (so the run stays
 * fast). spawn and wait are made: their paths and argv are bad pointers.
 */
#include "lib/xorshift.h"
#include "ulib.h"

static uint32_t state;

static uint64_t
rnd64(void)
{
	uint64_t hi = xorshift32(&state);
	return hi << 32 | xorshift32(&state);
}

static long
number(void)
{
	uint32_t r = xorshift32(&state) % 16;

	if (r < 10)
		return (long)(xorshift32(&state) % NSYSCALLS);
	if (r < 12)
		return NSYSCALLS + (long)(xorshift32(&state) % 8);
	if (r < 14)
		return -1 - (long)(xorshift32(&state) % 4);
	return (long)rnd64();
}

static long
argument(void)
{
	static const uint64_t fixed[] = {
		0xffffffff80100000UL,            /* kernel text */
		0xffff800000000000UL,            /* the direct map */
		0x00007f0000000000UL,            /* an unmapped user page */
		0x0000800000000000UL,            /* the first non-canonical address */
		0x00007ffffffffff8UL,            /* the last user bytes, unmapped */
		0xfffffffffffff000UL, 0, 0x1000, /* below USER_MIN */
	};

	switch (xorshift32(&state) % 4) {
	case 0:
		return (long)(xorshift32(&state) % 16);
	case 1:
		return -1;
	case 2:
		return (long)fixed[xorshift32(&state) % (sizeof(fixed) / sizeof(fixed[0]))];
	default:
		return (long)rnd64();
	}
}

int
main(int argc, char **argv)
{
	unsigned long calls = argc > 1 ? atoul(argv[1]) : 100000;
	unsigned long ok = 0, efault = 0, enosys = 0, other = 0;

	state = argc > 2 ? (uint32_t)atoul(argv[2]) : (uint32_t)(uptime() / 1000);
	if (state == 0)
		state = 1;
	printf("fuzz: seed %u, %lu calls\n", state, calls);
	for (unsigned long i = 0; i < calls; i++) {
		long nr = number(), a[6];

		for (int k = 0; k < 6; k++)
			a[k] = argument();
		if (nr == SYS_exit || nr == SYS_shutdown)
			nr = SYS_getpid;
		if (nr == SYS_read && a[0] == 0)
			a[0] = 3;
		if (nr == SYS_sleep)
			a[0] = 0;
		long r = xorshift32(&state) & 1
				 ? syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
				 : int80_syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (r >= 0)
			ok++;
		else if (r == -EFAULT)
			efault++;
		else if (r == -ENOSYS)
			enosys++;
		else
			other++;
	}
	printf("fuzz: %lu succeeded, %lu EFAULT, %lu ENOSYS, %lu other errors\n", ok, efault,
	       enosys, other);
	printf("fuzz: done %lu calls\n", calls);
	return 0;
}
#endif
