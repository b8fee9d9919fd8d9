/* Boot-argument parsing: good pairs are kept, every bad token is warned about and skipped. */
#include <criterion/criterion.h>
#include <string.h>

#include "test/host_names.h"
#include "lib/bootargs.h"

static const char *const known[] = { "gate", "test", "onpanic", NULL };
static int warnings;
static char last_token[256], last_problem[256];

static void
record_warning(const char *token, const char *problem)
{
	warnings++;
	k_strlcpy(last_token, token, sizeof(last_token));
	k_strlcpy(last_problem, problem, sizeof(last_problem));
}

static void
reset(void)
{
	warnings = 0;
	last_token[0] = last_problem[0] = '\0';
}

TestSuite(bootargs, .init = reset);

Test(bootargs, pairs_are_kept_in_order)
{
	struct bootargs ba;

	cr_assert_eq(bootargs_parse(&ba, "  gate=all   test=printf ", known, record_warning), 0);
	cr_assert_eq(ba.count, 2);
	cr_assert_str_eq(bootargs_get(&ba, "gate"), "all");
	cr_assert_str_eq(bootargs_get(&ba, "test"), "printf");
	cr_assert_null(bootargs_get(&ba, "onpanic"));
	cr_assert_eq(warnings, 0);
}

Test(bootargs, empty_text_gives_no_arguments)
{
	struct bootargs ba;

	cr_assert_eq(bootargs_parse(&ba, "", known, record_warning), 0);
	cr_assert_eq(ba.count, 0);
}

Test(bootargs, empty_value_is_allowed)
{
	struct bootargs ba;

	bootargs_parse(&ba, "gate=", known, record_warning);
	cr_assert_str_eq(bootargs_get(&ba, "gate"), "");
}

static void
expect_skipped(const char *text, const char *token, const char *problem)
{
	struct bootargs ba;

	reset();
	cr_assert_eq(bootargs_parse(&ba, text, known, record_warning), 1, "text \"%s\"", text);
	cr_assert_eq(warnings, 1);
	cr_assert_str_eq(last_token, token);
	cr_assert(strstr(last_problem, problem), "problem \"%s\" should mention \"%s\"",
		  last_problem, problem);
	cr_assert_str_eq(bootargs_get(&ba, "gate"), "all", "the good argument survives");
}

Test(bootargs, token_without_equals)
{
	expect_skipped("gate=all verbose", "verbose", "no '='");
}

Test(bootargs, empty_key)
{
	expect_skipped("=x gate=all", "=x", "empty key");
}

Test(bootargs, unknown_key)
{
	expect_skipped("gate=all colour=red", "colour=red", "not a known key");
}

Test(bootargs, repeated_key_keeps_the_first)
{
	expect_skipped("gate=all gate=boot", "gate=boot", "repeats");
}

Test(bootargs, overlong_key)
{
	expect_skipped("gate=all abcdefghijklmnopq=1", "abcdefghijklmnopq=1", "overlong key");
}

Test(bootargs, overlong_value)
{
	char text[256];
	char value[BOOTARGS_VALUE_MAX + 1];

	memset(value, 'v', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	snprintf(text, sizeof(text), "test=%s gate=all", value);
	reset();
	struct bootargs ba;
	cr_assert_eq(bootargs_parse(&ba, text, known, record_warning), 1);
	cr_assert(strstr(last_problem, "overlong value"));
	cr_assert_null(bootargs_get(&ba, "test"));
}

Test(bootargs, overlong_token_is_reported_cut)
{
	char text[400];

	memset(text, 'k', 300);
	text[300] = '\0';
	struct bootargs ba;
	cr_assert_eq(bootargs_parse(&ba, text, known, record_warning), 1);
	cr_assert(strstr(last_problem, "overlong"));
	cr_assert_eq(strlen(last_token), 128);
}

Test(bootargs, too_many_arguments)
{
	static const char *const many[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i",
					    "j", "k", "l", "m", "n", "o", "p", "q", NULL };
	struct bootargs ba;

	cr_assert_eq(bootargs_parse(&ba,
				    "a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 "
				    "m=13 n=14 o=15 p=16 q=17",
				    many, record_warning),
		     1);
	cr_assert_eq(ba.count, BOOTARGS_MAX);
	cr_assert_str_eq(last_token, "q=17");
	cr_assert(strstr(last_problem, "too many"));
}
