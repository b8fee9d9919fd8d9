#if LAB >= 2
/*
 * The monitor's line editor: characters in, an edited line and its echo
 * out. It knows nothing of devices (echo goes through a function pointer),
 * so the host unit tests can type at it.
 */
#ifndef MONITOR_LINEEDIT_H
#define MONITOR_LINEEDIT_H

#include <stdbool.h>

#define LINEEDIT_MAX 127    /* characters in a line; more are cut */
#define LINEEDIT_HISTORY 16 /* lines the up and down arrows walk through */

struct lineedit {
	void (*echo)(int c);
	char line[LINEEDIT_MAX + 1]; /* NUL-terminated once lineedit_feed() returns true */
	int len;
	bool cut;      /* characters past LINEEDIT_MAX were dropped from this line */
	bool after_cr; /* the last character was '\r', so a '\n' now ends no line */
	int escape;    /* where we are in an escape sequence (lineedit.c) */
	char history[LINEEDIT_HISTORY][LINEEDIT_MAX + 1]; /* a ring, newest at hist_total - 1 */
	unsigned hist_total;                              /* lines ever entered into the history */
	unsigned hist_back; /* 0: the line being typed; k: the k-th newest history line */
};

/* Set up le with an empty history; echo shows what the user should see. */
void lineedit_init(struct lineedit *le, void (*echo)(int c));

/* Start a new, empty line (after the prompt is printed). */
void lineedit_start(struct lineedit *le);

/*
 * Take one input character. Returns true when it ended the line ('\r' or '\n', but not a '\n'
 * right after '\r'): le->line then holds it, with at most LINEEDIT_MAX characters; the echo
 * has ended with a newline and, if the line was cut, a message saying so.
 */
bool lineedit_feed(struct lineedit *le, int c);

#endif
#endif
