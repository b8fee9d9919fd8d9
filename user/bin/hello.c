#if LAB >= 6
/* The first user program: one line through write (printf), with the pid from getpid, then
 * each argument it was given, to show spawn's argv arrives. */
#include "ulib.h"

int
main(int argc, char **argv)
{
	printf("hello from user space (pid %d)\n", getpid());
	for (int i = 1; i < argc; i++)
		printf("hello: argv[%d] = %s\n", i, argv[i]);
	return 0;
}
#endif
