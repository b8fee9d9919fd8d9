#if LAB >= 6
/*
 * Bad pointers given to system calls must come back as -EFAULT, never a
 * kernel fault: write from a kernel address, from page 0, from an unmapped
 * user page, from a non-canonical address, and from a buffer that runs off
 * the top of user space; spawn with a kernel address as its path, wait with
 * one as its status. Then the program reads kernel memory itself and must be
 * killed for it.
 */
#include "ulib.h"

#define KERNEL_TEXT 0xffffffff80100000UL /* the kernel's image */
#define DIRECT_MAP 0xffff800000000000UL  /* the first kernel address */

static void
check(const char *what, long r)
{
	printf("badptr: %s returned %ld%s\n", what, r, r == -EFAULT ? " (EFAULT)" : "");
}

int
main(void)
{
	static char *argv[] = { "hello", NULL };

	check("write(kernel text)", write(1, (void *)KERNEL_TEXT, 8));
	check("write(direct map)", write(1, (void *)DIRECT_MAP, 8));
	check("write(NULL)", write(1, NULL, 8));
	check("write(unmapped user page)", write(1, (void *)0x7f0000000000UL, 8));
	check("write(non-canonical)", write(1, (void *)0x0000900000000000UL, 8));
	check("write(end of user space)", write(1, (void *)(0x0000800000000000UL - 4), 8));
	check("spawn(kernel path)", spawn((const char *)KERNEL_TEXT, argv));
	check("spawn(kernel argv)", spawn("/bin/hello", (char *const *)KERNEL_TEXT));
	check("wait(kernel status)", wait(-1, (int *)KERNEL_TEXT));
	printf("badptr: reading %p\n", (void *)DIRECT_MAP);
	printf("badptr: read %lx: not killed\n", *(volatile unsigned long *)DIRECT_MAP);
	return 1;
}
#endif
