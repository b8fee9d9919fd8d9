#if LAB >= 5
/* Placeholder until the real mkfs lands: writes an empty image of the given size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	const char *out = NULL;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
	FILE *f = out ? fopen(out, "wb") : NULL;
	if (!f)
		return 1;
	fseek(f, 32 * 1024 * 1024 - 1, SEEK_SET);
	fputc(0, f);
	return fclose(f) != 0;
}
#endif
