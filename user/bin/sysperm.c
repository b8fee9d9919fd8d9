#if LAB >= 6
/* A trust=user program calling a system-only call (shutdown): the kernel must refuse it
 * with -EPERM (printed as -1) and log the refusal; the machine stays up. */
#include "ulib.h"

int
main(void)
{
	printf("sysperm: shutdown returned %d\n", shutdown());
	return 0;
}
#endif
