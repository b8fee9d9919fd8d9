/* Lookups in a small hand-made symbol table, the same format tools/mksymtab.py writes. */
#include <criterion/criterion.h>
#include <stdint.h>

#include "test/host_names.h"
#include "debug/ksyms.h"

/* Offsets into strings: 0 "alpha", 6 "beta", 11 "gamma", 17 "a.c", 21 "b.c". */
static const char strings[] = "alpha\0beta\0gamma\0a.c\0b.c";

static const struct ksym syms[] = {
	{ 0x1000, 0x40, 0 },
	{ 0x1040, 0x20, 6 },
	{ 0x1100, 0x10, 11 }, /* a gap 0x1060..0x1100 belongs to no function */
};

static const struct kline lines[] = {
	{ 0x1000, 17, 10 },
	{ 0x1010, 17, 12 },
	{ 0x1040, 21, 0 }, /* no line information */
	{ 0x1100, 21, 7 },
};

static const struct ksymtab table = { syms, 3, lines, 4, strings };

Test(ksyms, lookup_names_the_containing_function)
{
	uint64_t off = 99;

	cr_assert_str_eq(ksym_lookup(&table, 0x1000, &off), "alpha");
	cr_assert_eq(off, 0);
	cr_assert_str_eq(ksym_lookup(&table, 0x103f, &off), "alpha");
	cr_assert_eq(off, 0x3f);
	cr_assert_str_eq(ksym_lookup(&table, 0x1045, &off), "beta");
	cr_assert_eq(off, 5);
	cr_assert_str_eq(ksym_lookup(&table, 0x110f, &off), "gamma");
}

Test(ksyms, lookup_outside_every_function_is_null)
{
	uint64_t off;

	cr_assert_null(ksym_lookup(&table, 0xfff, &off));
	cr_assert_null(ksym_lookup(&table, 0x1060, &off));
	cr_assert_null(ksym_lookup(&table, 0x1110, &off));
	cr_assert_null(ksym_lookup(&table, UINT64_MAX, &off));
}

Test(ksyms, line_of_an_address)
{
	uint32_t line = 0;

	cr_assert_str_eq(ksym_line(&table, 0x100f, &line), "a.c");
	cr_assert_eq(line, 10);
	cr_assert_str_eq(ksym_line(&table, 0x1010, &line), "a.c");
	cr_assert_eq(line, 12);
	cr_assert_str_eq(ksym_line(&table, 0x1200, &line), "b.c");
	cr_assert_eq(line, 7);
}

Test(ksyms, unknown_lines_are_null)
{
	uint32_t line;

	cr_assert_null(ksym_line(&table, 0x1041, &line));
	cr_assert_null(ksym_line(&table, 0x10, &line));
}

Test(ksyms, address_by_name)
{
	cr_assert_eq(ksym_address(&table, "beta"), 0x1040);
	cr_assert_eq(ksym_address(&table, "gamma"), 0x1100);
	cr_assert_eq(ksym_address(&table, "delta"), 0);
}

Test(ksyms, empty_table_finds_nothing)
{
	static const struct ksymtab empty = { syms, 0, lines, 0, strings };
	uint64_t off;
	uint32_t line;

	cr_assert_null(ksym_lookup(&empty, 0x1000, &off));
	cr_assert_null(ksym_line(&empty, 0x1000, &line));
	cr_assert_eq(ksym_address(&empty, "alpha"), 0);
}

Test(ksyms, describe_names_function_offset_and_line)
{
	char buf[KSYM_DESC_MAX];

	cr_assert_str_eq(ksym_describe(&table, 0x1012, false, buf, sizeof(buf)),
			 "alpha+0x12 (a.c:12)");
	/* A return address is looked up inside its call: 0x1010 - 1 is still line 10. */
	cr_assert_str_eq(ksym_describe(&table, 0x1010, true, buf, sizeof(buf)),
			 "alpha+0x10 (a.c:10)");
	cr_assert_str_eq(ksym_describe(&table, 0x1045, false, buf, sizeof(buf)),
			 "beta+0x5 (no line information)");
	cr_assert_str_eq(ksym_describe(&table, 0x1080, false, buf, sizeof(buf)),
			 "0x1080 (no line information)");
}

Test(ksyms, describe_fits_a_small_buffer)
{
	char small[8];

	cr_assert_str_eq(ksym_describe(&table, 0x1012, false, small, sizeof(small)), "alpha+0");
}
