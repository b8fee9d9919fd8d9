#if LAB >= 6
/* Reads the kernel's text at 0xffffffff80100000: a user read of a supervisor page, which
 * must kill the program. */
#include "ulib.h"

#define KERNEL_TEXT 0xffffffff80100000UL

int
main(void)
{
	printf("kread: reading %p\n", (void *)KERNEL_TEXT);
	printf("kread: read %lx: not killed\n", *(volatile unsigned long *)KERNEL_TEXT);
	return 1;
}
#endif
