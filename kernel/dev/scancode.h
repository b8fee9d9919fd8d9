#if LAB >= 2
/*
 * PS/2 keyboard scancodes (set 1, which the controller's translation gives
 * whatever the keyboard speaks) to characters. A pure function over a small
 * state, so the host unit tests can drive it byte by byte.
 */
#ifndef DEV_SCANCODE_H
#define DEV_SCANCODE_H

#include <stdbool.h>
#include <stdint.h>

#define SCANCODE_MAX_OUT 4 /* the longest output, Delete's ESC [ 3 ~ */

/* What the translator remembers between bytes; all false/zero before the first one. */
struct kbd_state {
	bool lshift, rshift;
	bool lctrl, rctrl;
	bool caps_lock;  /* on after an odd number of Caps Lock presses */
	bool caps_down;  /* Caps Lock is held: its typematic repeats do not toggle */
	bool e0;         /* the previous byte was the 0xE0 prefix */
	uint8_t e1_skip; /* bytes of a Pause key's 0xE1 sequence still to ignore */
};

/*
 * Translate one byte from the keyboard; write 0..SCANCODE_MAX_OUT characters to out and return
 * how many. A key press gives its character (Enter '\r', Backspace 0x7f, Ctrl-letter 1..26) or,
 * for arrows, Home, End and Delete, the ANSI sequence a terminal sends. Releases give nothing.
 */
int scancode_translate(struct kbd_state *s, uint8_t code, char out[SCANCODE_MAX_OUT]);

#endif
#endif
