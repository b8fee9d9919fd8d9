#if LAB >= 2
/* Scancode set 1 translation: letters, Shift, Caps Lock, Ctrl, the E0 keys, releases, junk. */
#include <criterion/criterion.h>
#include <string.h>

#include "test/host_names.h"
#include "dev/scancode.h"

static struct kbd_state st;
static char typed[256];
static int ntyped;

static void
reset(void)
{
	memset(&st, 0, sizeof(st));
	ntyped = 0;
	typed[0] = '\0';
}

TestSuite(scancode, .init = reset);

/* Feed bytes; append what they give to typed. */
static void
feed(const unsigned char *codes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char out[SCANCODE_MAX_OUT];
		int k = scancode_translate(&st, codes[i], out);
		cr_assert(k >= 0 && k <= SCANCODE_MAX_OUT, "byte 0x%02x gave %d chars", codes[i],
			  k);
		for (int j = 0; j < k; j++)
			typed[ntyped++] = out[j];
		typed[ntyped] = '\0';
	}
}

#define FEED(...)                                               \
	do {                                                    \
		const unsigned char codes_[] = { __VA_ARGS__ }; \
		feed(codes_, sizeof(codes_));                   \
	} while (0)

Test(scancode, letters_digits_and_releases)
{
	/* h, i, space, 1: press and release each */
	FEED(0x23, 0xa3, 0x17, 0x97, 0x39, 0xb9, 0x02, 0x82);
	cr_assert_str_eq(typed, "hi 1");
}

/* Every key of the main block, in make-code order: the whole of both maps' printable part. */
Test(scancode, every_printable_key_with_and_without_shift)
{
	static const unsigned char keys[] = {
		0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, /* 1 .. = */
		0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, /* q .. ] */
		0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, /* a .. ` */
		0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,       /* \ .. / */
		0x37, 0x39, /* keypad *, space */
		0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x52, 0x53,
	};

	feed(keys, sizeof(keys));
	FEED(0x2a);
	feed(keys, sizeof(keys));
	cr_assert_str_eq(typed, "1234567890-=qwertyuiop[]asdfghjkl;'`\\zxcvbnm,./* 789-456+1230."
				"!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:\"~|ZXCVBNM<>?* 789-456+1230.");
}

Test(scancode, shift_either_side)
{
	FEED(0x2a, 0x23, 0xa3, 0x02, 0x82, 0xaa, 0x23, 0xa3); /* left shift: H ! then h */
	FEED(0x36, 0x0c, 0x8c, 0x28, 0xa8, 0xb6, 0x0c);       /* right shift: _ " then - */
	cr_assert_str_eq(typed, "H!h_\"-");
}

Test(scancode, caps_lock_changes_letters_only)
{
	FEED(0x3a, 0xba);             /* caps on */
	FEED(0x1e, 0x02, 0x1a);       /* a 1 [ */
	FEED(0x2a, 0x1e, 0x02, 0xaa); /* shift inverts letters, not other keys */
	FEED(0x3a, 0x3a, 0x3a, 0xba); /* held caps repeats toggle once: off */
	FEED(0x1e);
	cr_assert_str_eq(typed, "A1[a!a");
}

Test(scancode, ctrl_letter_gives_1_to_26)
{
	FEED(0x1d, 0x1e, 0x2c, 0x16, 0x9d, 0x1e); /* ctrl-a ctrl-z ctrl-u, release, a */
	FEED(0xe0, 0x1d, 0x2e, 0xe0, 0x9d);       /* right ctrl: ctrl-c */
	FEED(0x1d, 0x2a, 0x23, 0xaa, 0x9d);       /* ctrl-shift-h is still 8 */
	cr_assert_eq(ntyped, 6);
	cr_assert_eq(typed[0], 1);
	cr_assert_eq(typed[1], 26);
	cr_assert_eq(typed[2], 21);
	cr_assert_eq(typed[3], 'a');
	cr_assert_eq(typed[4], 3);
	cr_assert_eq(typed[5], 8);
}

Test(scancode, enter_backspace_tab_escape)
{
	FEED(0x1c, 0x9c, 0x0e, 0x8e, 0x0f, 0x01);
	cr_assert_str_eq(typed, "\r\x7f\t\x1b");
}

Test(scancode, e0_keys_give_terminal_sequences)
{
	FEED(0xe0, 0x48, 0xe0, 0xc8); /* up, press and release */
	FEED(0xe0, 0x50, 0xe0, 0x4d, 0xe0, 0x4b);
	FEED(0xe0, 0x53, 0xe0, 0x47, 0xe0, 0x4f);
	FEED(0xe0, 0x1c, 0xe0, 0x35); /* keypad enter and slash */
	cr_assert_str_eq(typed, "\x1b[A\x1b[B\x1b[C\x1b[D\x1b[3~\x1b[H\x1b[F\r/");
}

Test(scancode, e0_is_not_the_plain_key)
{
	/* keypad 8 without E0 is a digit; E0 48 is the arrow */
	FEED(0x48, 0xc8, 0xe0, 0x48);
	cr_assert_str_eq(typed, "8\x1b[A");
}

Test(scancode, fake_shifts_and_unknown_codes_are_ignored)
{
	FEED(0xe0, 0x2a, 0xe0, 0x37, 0xe0, 0xb7, 0xe0, 0xaa); /* print screen */
	FEED(0x1e);
	FEED(0x3b, 0x58, 0x38, 0xb8, 0x5b, 0x7f, 0xfa, 0x00, 0xff); /* F1 F12 alt junk */
	FEED(0xe0, 0x49, 0xe0, 0x5b);                               /* page up, windows key */
	FEED(0x1e);
	cr_assert_str_eq(typed, "aa");
}

Test(scancode, pause_sequence_is_swallowed)
{
	FEED(0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, 0x1e);
	cr_assert_str_eq(typed, "a");
	cr_assert(!st.lctrl, "Pause's 1D must not press Ctrl");
}
#endif
