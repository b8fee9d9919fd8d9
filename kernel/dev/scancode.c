#if LAB >= 2
/*
 * Scancode set 1 (US layout) to characters. A key press sends its make
 * code, a release the same code with bit 7 set (the break code). Keys added
 * after the original PC keyboard (arrows, Delete, Home, End, keypad Enter,
 * right Ctrl) send 0xE0 first; Pause sends a six-byte 0xE1 sequence and no
 * release. Enter gives '\r' and Backspace 0x7f, as a serial terminal sends
 * them, so the monitor reads the keyboard and COM1 the same way.
 */
#include <stddef.h>

#include "dev/scancode.h"

#define SC_RELEASE 0x80
#define SC_E0 0xe0
#define SC_E1 0xe1
#define SC_CTRL 0x1d /* left Ctrl; right Ctrl is E0 1D */
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CAPS 0x3a
#define E1_SEQUENCE_REST 2 /* E1 1D 45 (and E1 9D C5): two bytes after each E1 */

#define ESC "\x1b"

/*
 * Characters by make code, sixteen codes from each commented line on; 0 for keys that give none
 * (Ctrl, Shift, Alt, Caps Lock, F1-F12, Num Lock, Scroll Lock). The keypad reads as with Num Lock
 * on. The strings are split where an escape would swallow the next character.
 */
static const char normal_map[128] = "\0\x1b" /* 0x00 */
				    "1234567890-=\x7f\t"
				    "qwertyuiop[]\r\0as"       /* 0x10 */
				    "dfghjkl;'`\0\\zxcv"       /* 0x20 */
				    "bnm,./\0*\0 \0\0\0\0\0\0" /* 0x30 */
				    "\0\0\0\0\0\0\0"           /* 0x40 */
				    "789-456+1"
				    "230."; /* 0x50 */

/* The same keys with Shift. */
static const char shift_map[128] = "\0\x1b" /* 0x00 */
				   "!@#$%^&*()_+\x7f\t"
				   "QWERTYUIOP{}\r\0AS"       /* 0x10 */
				   "DFGHJKL:\"~\0|ZXCV"       /* 0x20 */
				   "BNM<>?\0*\0 \0\0\0\0\0\0" /* 0x30 */
				   "\0\0\0\0\0\0\0"           /* 0x40 */
				   "789-456+1"
				   "230."; /* 0x50 */

/* Keys behind the E0 prefix that give characters (the rest are ignored). */
static const struct {
	uint8_t code;
	const char *text;
} e0_keys[] = {
	{ 0x48, ESC "[A" },  /* up */
	{ 0x50, ESC "[B" },  /* down */
	{ 0x4d, ESC "[C" },  /* right */
	{ 0x4b, ESC "[D" },  /* left */
	{ 0x53, ESC "[3~" }, /* delete */
	{ 0x47, ESC "[H" },  /* home */
	{ 0x4f, ESC "[F" },  /* end */
	{ 0x1c, "\r" },      /* keypad enter */
	{ 0x35, "/" },       /* keypad slash */
};

#define N_E0_KEYS (sizeof(e0_keys) / sizeof(e0_keys[0]))

#if SOL >= 2 /* exercise scancode */
/* Copy the text of E0-prefixed key code to out; returns its length, 0 for an unknown key. */
static int
e0_key_text(uint8_t code, char out[SCANCODE_MAX_OUT])
{
	for (size_t i = 0; i < N_E0_KEYS; i++) {
		if (e0_keys[i].code != code)
			continue;
		int n = 0;
		for (const char *t = e0_keys[i].text; *t && n < SCANCODE_MAX_OUT; t++)
			out[n++] = *t;
		return n;
	}
	return 0;
}
#endif

int
scancode_translate(struct kbd_state *s, uint8_t code, char out[SCANCODE_MAX_OUT])
{
#if SOL >= 2 /* exercise scancode */
	if (s->e1_skip) {
		s->e1_skip--;
		return 0;
	}
	if (code == SC_E1) {
		s->e1_skip = E1_SEQUENCE_REST;
		return 0;
	}
	if (code == SC_E0) {
		s->e0 = true;
		return 0;
	}
	bool extended = s->e0;
	bool pressed = !(code & SC_RELEASE);
	uint8_t key = code & ~SC_RELEASE;
	s->e0 = false;

	switch (key) {
	case SC_LSHIFT: /* E0 2A and E0 36 are fake shifts around some keys: not a Shift */
		if (!extended)
			s->lshift = pressed;
		return 0;
	case SC_RSHIFT:
		if (!extended)
			s->rshift = pressed;
		return 0;
	case SC_CTRL:
		if (extended)
			s->rctrl = pressed;
		else
			s->lctrl = pressed;
		return 0;
	case SC_CAPS:
		if (pressed && !s->caps_down)
			s->caps_lock = !s->caps_lock;
		s->caps_down = pressed;
		return 0;
	}
	if (!pressed)
		return 0;
	if (extended)
		return e0_key_text(key, out);

	bool shift = s->lshift || s->rshift;
	char plain = normal_map[key];
	char c = shift ? shift_map[key] : plain;
	if (c == 0)
		return 0;
	if (plain >= 'a' && plain <= 'z') {
		if (s->lctrl || s->rctrl)
			c = (char)(plain - 'a' + 1);
		else
			c = shift != s->caps_lock ? (char)(plain - 'a' + 'A') : plain;
	}
	out[0] = c;
	return 1;
#else
	/*
	 * LAB 2: your code here (exercise scancode).
	 * Turn one byte from the keyboard into the characters it stands for and
	 * return how many you wrote to out. Remember the 0xE0 prefix and skip
	 * the Pause key's 0xE1 sequence; follow presses and releases of Shift,
	 * Ctrl and Caps Lock in *s; a press of any other key gives its
	 * character from normal_map or shift_map (Caps Lock changes letters
	 * only, Ctrl-letter gives 1..26) or, behind 0xE0, its text in e0_keys.
	 */
	(void)s, (void)code, (void)out, (void)normal_map, (void)shift_map, (void)e0_keys;
	return 0;
#endif
}
#endif
