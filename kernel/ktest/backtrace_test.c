/*
 * test=backtrace: a recursive function panics five frames deep. The grader
 * finds the lines marked "bt:" below in this file and expects the panic's
 * backtrace to name these functions at exactly those lines, in order.
 */
#include "ktest/ktest.h"
#include "debug/panic.h"

/* noipa: keep every level a real call, so each is a frame on the stack. */
static int bt_recurse(int depth) __attribute__((noipa));

static int
bt_recurse(int depth)
{
	if (depth < 0)
		return 0;
	if (depth == 0)
		panic("backtrace test: reached the bottom"); /* bt: panic */
	return bt_recurse(depth - 1) + 1;                    /* bt: recurse */
}

void
ktest_backtrace(void)
{
	bt_recurse(4); /* bt: start */
}
