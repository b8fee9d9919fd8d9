#if LAB >= 6
/* Recurses without end, 512 bytes of stack a level, until it reaches the guard page below
 * the 64 KiB user stack: a page fault that must kill it. */
#include "ulib.h"

static volatile int stop; /* never set: the recursion has no end the compiler can see */

static int
down(int depth)
{
	volatile char frame[512];

	if (stop)
		return 0;
	frame[0] = (char)depth;
	return down(depth + 1) + frame[0];
}

int
main(void)
{
	printf("recurse: recursing\n");
	return down(0);
}
#endif
