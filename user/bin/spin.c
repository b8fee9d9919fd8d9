#if LAB >= 6
/*
 * spin [name [count]]: prints "spin <name>: <i>" for i = 0 .. count-1 (5 by
 * default), spinning about 50 ms (of uptime) between lines without yielding,
 * so two of them at once interleave only through preemption.
 */
#include "ulib.h"

#define WORK_NS 50000000ULL

int
main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "spin";
	unsigned long count = argc > 2 ? atoul(argv[2]) : 5;

	for (unsigned long i = 0; i < count; i++) {
		uint64_t until = uptime() + WORK_NS;
		printf("spin %s: %lu\n", name, i);
		while (uptime() < until)
			for (volatile int k = 0; k < 10000; k++)
				;
	}
	printf("spin %s: done\n", name);
	return 0;
}
#endif
