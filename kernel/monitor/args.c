#if LAB >= 2
/* Words of a command line: split at spaces, no quoting. */
#include "monitor/args.h"

int
args_split(char *line, char *argv[], int max)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			return argc;
		if (argc == max)
			return -1;
		argv[argc++] = p;
		while (*p != '\0' && *p != ' ')
			p++;
	}
}
#endif
