#if LAB >= 5
/*
 * Host tests of the users file parser (fs/passwd.c) and of CRC-32
 * (lib/crc32.c), which every CLANFS checksum relies on.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "test/host_names.h"
#include "fs/cred.h"
#include "lib/crc32.h"

static int bad_lines[16], nbad;
static const char *bad_why[16];

static void
record_bad(int line, const char *why)
{
	if (nbad < 16) {
		bad_lines[nbad] = line;
		bad_why[nbad] = why;
	}
	nbad++;
}

static int
parse(const char *text, struct cred *out, int max)
{
	nbad = 0;
	return users_parse(text, strlen(text), out, max, record_bad);
}

Test(users, parses_every_role)
{
	struct cred u[8];
	int n = parse(
		"# comment\nroot:0:root\nadmin:1:admin\n\nalice:1000:user\r\nguest:65534:guest", u,
		8);
	cr_assert_eq(n, 4);
	cr_assert_eq(nbad, 0);
	cr_assert_str_eq(u[0].name, "root");
	cr_assert_eq(u[0].role, ROLE_ROOT);
	cr_assert_eq(u[1].role, ROLE_ADMIN);
	cr_assert_str_eq(u[2].name, "alice");
	cr_assert_eq(u[2].uid, 1000);
	cr_assert_eq(u[2].role, ROLE_USER);
	cr_assert_eq(u[3].uid, 65534);
	cr_assert_eq(u[3].role, ROLE_GUEST);
}

Test(users, reports_each_bad_line_and_keeps_the_rest)
{
	static const char *const bad[] = {
		"nofields",
		"a:1",
		"a:1:user:extra",
		":1:user",
		"Bob:2:user",
		"b c:2:user",
		"bob:x:user",
		"bob:-1:user",
		"bob:2147483648:user",
		"bob:2:wizard",
		"waytoolongname16:2:user",
		"bob:99999999999:user",
	};
	char text[1024] = "root:0:root\n";
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcat(text, bad[i]);
		strcat(text, "\n");
	}
	strcat(text, "carol:7:user\n");
	struct cred u[8];
	int n = parse(text, u, 8);
	cr_assert_eq(n, 2, "only root and carol are good, got %d", n);
	cr_assert_eq(nbad, 12);
	for (int i = 0; i < 12; i++) {
		cr_assert_eq(bad_lines[i], i + 2);
		cr_assert_not_null(bad_why[i]);
	}
	cr_assert_str_eq(u[1].name, "carol");
}

Test(users, refuses_duplicates_and_too_many)
{
	struct cred u[2];
	int n = parse("root:0:root\nroot:5:user\nx:0:user\ny:1:user\nz:2:user\n", u, 2);
	cr_assert_eq(n, 2);
	cr_assert_eq(nbad, 3); /* the duplicate name, the duplicate uid, one too many */
	cr_assert_str_eq(u[1].name, "y");
}

Test(users, role_names)
{
	cr_assert_str_eq(role_name(ROLE_ROOT), "root");
	cr_assert_str_eq(role_name(ROLE_GUEST), "guest");
	cr_assert_str_eq(role_name(NROLES), "?");
}

Test(crc32, known_values)
{
	cr_assert_eq(crc32(0, "123456789", 9), 0xcbf43926u);
	cr_assert_eq(crc32(0, "", 0), 0);
	cr_assert_eq(crc32(crc32(0, "1234", 4), "56789", 5), 0xcbf43926u, "chaining");
}
#endif
