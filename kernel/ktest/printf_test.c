/* test=printf: print every case in printf_cases.h for the grader to compare. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "ktest/ktest.h"
#include "dev/console.h"

/* Passed through a variable so the compiler does not object to a NULL %s. */
static const char *volatile null_string;
#undef NULL
#define NULL null_string

void
ktest_printf(void)
{
	int n = 0;

#define PRINTF_CASE(fmt, value) printf("printf-test %d: >" fmt "<\n", n++, value);
#include "ktest/printf_cases.h"
#undef PRINTF_CASE
	printf("printf-test: %d cases\n", n);
}
