#if LAB >= 6
/*
 * hello built as a static position-independent executable (ET_DYN): the
 * kernel's loader picks its base and applies its R_X86_64_RELATIVE
 * relocations. The words below are reached through a table of pointers and
 * a function pointer, absolute addresses the linker could only write as
 * relocations, so the line comes out right only if they were applied.
 */
#include "ulib.h"

static const char *const words[] = { "hello", "from", "a", "static", "PIE" };

static int
say(const char *const *w, int n)
{
	return printf("%s %s %s %s %s (pid %d, code at %p)\n", w[0], w[1], w[2], w[3], w[n - 1],
		      getpid(), (void *)say);
}

/* volatile: the call must load the pointer, not be turned into a direct call. */
static int (*volatile sayer)(const char *const *, int) = say;

int
main(void)
{
	return sayer(words, 5) < 0;
}
#endif
