#if LAB >= 6
/* Powers the machine off through shutdown, the one system-only call: its manifest says
 * trust=system. It prints the error if the kernel refuses. */
#include "ulib.h"

int
main(void)
{
	printf("halt: shutting down\n");
	printf_flush();
	printf("halt: shutdown returned %d\n", shutdown());
	return 1;
}
#endif
