#if LAB >= 6
/* Spins forever without a system call: only preemption lets anything else run, and only
 * a kill ends it. */
#include "ulib.h"

int
main(void)
{
	printf("loop: spinning (pid %d)\n", getpid());
	for (volatile unsigned long n = 0;; n++)
		;
}
#endif
