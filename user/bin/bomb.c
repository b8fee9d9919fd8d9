#if LAB >= 6
/*
 * bomb [depth]: spawns copies of itself that spawn copies of themselves,
 * each waiting for its children, until the kernel refuses a spawn (no
 * memory, no pid, no stack slot). Every refusal must be an error number,
 * never a panic, and once every copy has exited all memory must be back.
 * Prints "bomb: refused: <errno>" the first time a copy is refused, and the
 * top copy prints "bomb: done: <n> copies".
 */
#include "ulib.h"

#define FANOUT 4

int
main(int argc, char **argv)
{
	unsigned long depth = argc > 1 ? atoul(argv[1]) : 0;
	char arg[24];
	char *args[] = { "bomb", arg, 0 };
	int pids[FANOUT], n = 0, copies = 1;

	snprintf(arg, sizeof(arg), "%lu", depth + 1);
	for (int i = 0; i < FANOUT; i++) {
		int pid = spawn("/bin/bomb", args);
		if (pid < 0) {
			if (depth < 64)
				printf("bomb: refused at depth %lu: %d\n", depth, pid);
			break;
		}
		pids[n++] = pid;
	}
	for (int i = 0; i < n; i++) {
		int status = 0;
		if (wait(pids[i], &status) == pids[i] && status > 0)
			copies += status;
	}
	if (depth == 0)
		printf("bomb: done: %d copies\n", copies);
	return copies > 255 ? 255 : copies;
}
#endif
