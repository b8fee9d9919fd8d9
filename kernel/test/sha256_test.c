#if LAB >= 6
/*
 * SHA-256 (lib/sha256.c) against the FIPS 180-4 example vectors: the empty
 * message, "abc", the 448-bit two-block message and a million 'a's. The
 * million is fed in uneven pieces, so the buffered and the whole-block paths
 * of sha256_update both run and must agree.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "test/host_names.h"
#include "lib/sha256.h"

static void
expect_hex(const char *msg, const char *want)
{
	char got[2 * SHA256_BYTES + 1];

	sha256_hex(msg, strlen(msg), got);
	cr_assert_str_eq(got, want, "sha256(\"%.20s...\")", msg);
}

Test(sha256, empty_message)
{
	expect_hex("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, abc)
{
	expect_hex("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

Test(sha256, message_of_448_bits_takes_two_blocks)
{
	expect_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(sha256, million_a_in_uneven_pieces)
{
	static char a[1000];
	struct sha256 s;
	uint8_t d[SHA256_BYTES];
	static const uint8_t want[SHA256_BYTES] = {
		0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92, 0x81, 0xa1, 0xc7,
		0xe2, 0x84, 0xd7, 0x3e, 0x67, 0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97,
		0x20, 0x0e, 0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0,
	};
	size_t done = 0, piece = 1;

	memset(a, 'a', sizeof(a));
	sha256_init(&s);
	while (done < 1000000) {
		size_t n = piece < 1000000 - done ? piece : 1000000 - done;
		sha256_update(&s, a, n);
		done += n;
		/* 1, 64, 127, ... below 1000: odd sizes across block edges */
		piece = piece % 937 + 63;
	}
	sha256_final(&s, d);
	cr_assert_arr_eq(d, want, SHA256_BYTES);
}
#endif
