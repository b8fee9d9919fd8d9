/* The kernel's memory and string functions, checked against their C contracts. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "test/host_names.h"
#include "lib/string.h"

Test(string, memset_fills_exactly_n_bytes)
{
	unsigned char buf[16];

	memset(buf, 0xaa, sizeof(buf));
	cr_assert_eq(k_memset(buf + 3, 0x1ff, 5), buf + 3);
	for (int i = 0; i < 16; i++)
		cr_assert_eq(buf[i], i >= 3 && i < 8 ? 0xff : 0xaa, "byte %d", i);
}

Test(string, memcpy_copies_and_returns_dst)
{
	char dst[8] = "-------";

	cr_assert_eq(k_memcpy(dst, "abc", 3), dst);
	cr_assert_str_eq(dst, "abc----");
}

Test(string, memmove_handles_both_overlaps)
{
	char fwd[] = "abcdefgh", back[] = "abcdefgh";

	k_memmove(fwd + 2, fwd, 5);
	cr_assert_str_eq(fwd, "ababcdeh");
	k_memmove(back, back + 2, 5);
	cr_assert_str_eq(back, "cdefgfgh");
}

Test(string, memcmp_compares_unsigned_bytes)
{
	cr_assert_eq(k_memcmp("abc", "abc", 3), 0);
	cr_assert_lt(k_memcmp("abc", "abd", 3), 0);
	cr_assert_gt(k_memcmp("\x80", "\x01", 1), 0);
	cr_assert_eq(k_memcmp("abX", "abY", 2), 0);
}

Test(string, lengths)
{
	cr_assert_eq(k_strlen(""), 0);
	cr_assert_eq(k_strlen("kernel"), 6);
	cr_assert_eq(k_strnlen("kernel", 3), 3);
	cr_assert_eq(k_strnlen("ab", 10), 2);
}

Test(string, strcmp_and_strncmp)
{
	cr_assert_eq(k_strcmp("gate", "gate"), 0);
	cr_assert_lt(k_strcmp("gat", "gate"), 0);
	cr_assert_gt(k_strcmp("\xff", "a"), 0);
	cr_assert_eq(k_strncmp("gate=all", "gate=boot", 5), 0);
	cr_assert_neq(k_strncmp("gate=all", "gate=boot", 6), 0);
	cr_assert_eq(k_strncmp("a", "b", 0), 0);
}

Test(string, strlcpy_truncates_and_terminates)
{
	char buf[4];

	cr_assert_eq(k_strlcpy(buf, "abcdef", sizeof(buf)), 6);
	cr_assert_str_eq(buf, "abc");
	cr_assert_eq(k_strlcpy(buf, "ab", sizeof(buf)), 2);
	cr_assert_str_eq(buf, "ab");
	buf[0] = 'z';
	cr_assert_eq(k_strlcpy(buf, "ab", 0), 2);
	cr_assert_eq(buf[0], 'z');
}
