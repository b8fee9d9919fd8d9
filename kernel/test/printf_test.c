/*
 * The kernel's snprintf against glibc's, case by case from the same table
 * test=printf prints in QEMU (kernel/ktest/printf_cases.h), plus the
 * buffer-size rules of snprintf itself.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* glibc's formatting, defined before the kernel's names take over. */
static void
libc_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

#include "test/host_names.h"
#include "lib/printf.h"

/*
 * Format through a variable so gcc does not check the literal cases (some,
 * like a NULL %s, are deliberate edge cases), then compare with glibc.
 * glibc writes "(nil)" for a null %p where the kernel writes "0x0".
 */
#define PRINTF_CASE(format, value)                                                 \
	{                                                                          \
		const char *volatile fmt = format;                                 \
		char got[128], want[128];                                          \
		k_snprintf(got, sizeof(got), fmt, value);                          \
		libc_format(want, sizeof(want), fmt, value);                       \
		if (strcmp(want, "(nil)") == 0)                                    \
			strcpy(want, "0x0");                                       \
		cr_expect_str_eq(got, want, "format \"%s\" (%s)", format, #value); \
	}

Test(printf, every_grader_case_matches_glibc){
#include "ktest/printf_cases.h"
}

Test(printf, returns_the_full_length_and_truncates)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	cr_assert_eq(k_snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	cr_assert_str_eq(buf, "0123456");
}

Test(printf, size_zero_writes_nothing)
{
	char buf[4] = "abc";

	cr_assert_eq(k_snprintf(buf, 0, "%d", 12345), 5);
	cr_assert_str_eq(buf, "abc");
}

Test(printf, size_one_is_just_the_terminator)
{
	char buf[4] = "abc";

	cr_assert_eq(k_snprintf(buf, 1, "%x", 0xffU), 2);
	cr_assert_eq(buf[0], '\0');
	cr_assert_eq(buf[1], 'b');
}

Test(printf, percent_percent_and_plain_text)
{
	char buf[32];

	cr_assert_eq(k_snprintf(buf, sizeof(buf), "100%% of %s", "it"), 10);
	cr_assert_str_eq(buf, "100% of it");
}

/* Arguments after an unknown conversion cannot be matched: none may be read as a pointer. */
Test(printf, unknown_conversion_stops_taking_arguments)
{
	char buf[64];
	const char *volatile fmt = "n=%d %#x then %s";

	k_snprintf(buf, sizeof(buf), fmt, 7, 255, (const char *)8);
	cr_assert_str_eq(buf, "n=7 %#x then %s");
	fmt = "%q%s";
	k_snprintf(buf, sizeof(buf), fmt, (const char *)8);
	cr_assert_str_eq(buf, "%q%s");
}
