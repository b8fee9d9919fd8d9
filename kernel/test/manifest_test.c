#if LAB >= 6
/*
 * Host tests of the clan-exec-v1 manifest parser (exec/manifest.c): a good
 * manifest, and each way one can be wrong refused with its reason.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "test/host_names.h"
#include "exec/manifest.h"
#include "lib/errno.h"

#define DIGEST "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define GOOD \
	"clan-exec-v1\nname=hello\nimage=/bin/hello\ntrust=user\nowner=root\ndigest=" DIGEST "\n"

static struct manifest m;
static char why[MANIFEST_WHY_MAX];

static int
parse(const char *text)
{
	why[0] = '\0';
	return manifest_parse(text, strlen(text), &m, why);
}

static void
refused(const char *text, const char *reason)
{
	cr_assert_eq(parse(text), -ENOEXEC, "accepted, expected '%s'", reason);
	cr_assert(strstr(why, reason), "expected '%s', got '%s'", reason, why);
}

Test(manifest, parses_a_good_one)
{
	cr_assert_eq(parse(GOOD), 0, "refused: %s", why);
	cr_assert_str_eq(m.name, "hello");
	cr_assert_str_eq(m.image, "/bin/hello");
	cr_assert_str_eq(m.owner, "root");
	cr_assert_eq(m.trust, TRUST_USER);
	cr_assert_eq(m.digest[0], 0x00);
	cr_assert_eq(m.digest[1], 0x11);
	cr_assert_eq(m.digest[31], 0xff);
}

Test(manifest, any_order_system_trust_no_final_newline)
{
	cr_assert_eq(parse("clan-exec-v1\ndigest=" DIGEST "\ntrust=system\nowner=root\n"
			   "image=/bin/sd\nname=sd"),
		     0, "refused: %s", why);
	cr_assert_eq(m.trust, TRUST_SYSTEM);
	cr_assert_str_eq(m.name, "sd");
}

Test(manifest, refuses_what_is_wrong)
{
	refused("", "line 1: not 'clan-exec-v1'");
	refused("clan-exec-v2\nname=x\n", "line 1: not 'clan-exec-v1'");
	refused("clan-exec-v1", "line 1");
	refused(GOOD "color=red\n", "line 7: unknown key 'color'");
	refused(GOOD "name=again\n", "line 7: duplicate key 'name'");
	refused(GOOD "\n", "line 7: empty line");
	refused(GOOD "junk\n", "line 7: not key=value");
	refused("clan-exec-v1\nname=hello\nimage=/bin/hello\ntrust=user\nowner=root\n",
		"missing key 'digest'");
	refused("clan-exec-v1\nname=hello\nimage=/bin/hello\nowner=root\ndigest=" DIGEST "\n",
		"missing key 'trust'");
	refused("clan-exec-v1\nname=averyveryverylongname\n", "value of 'name' too long");
	refused("clan-exec-v1\nname=\n", "empty value for 'name'");
	refused("clan-exec-v1\nname=Hello\n", "'name' may hold only");
	refused("clan-exec-v1\nimage=bin/hello\n", "image must be an absolute path");
	refused("clan-exec-v1\ntrust=root\n", "trust must be user or system");
	refused("clan-exec-v1\ndigest=md5:00\n", "digest must be sha256:");
	refused("clan-exec-v1\ndigest=sha256:00112233445566778899AABBCCDDEEFF00112233445566778899"
		"aabbccddeeff\n",
		"digest must be lowercase hex");
	refused("clan-exec-v1\nname=a\r\n", "'name' may hold only");
	char big[MANIFEST_MAX + 2];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	refused(big, "longer than 1024 bytes");
	const char nul[] = "clan-exec-v1\nna\0me=x\n";
	cr_assert_eq(manifest_parse(nul, sizeof(nul) - 1, &m, why), -ENOEXEC);
	cr_assert(strstr(why, "NUL byte"), "got '%s'", why);
}
#endif
