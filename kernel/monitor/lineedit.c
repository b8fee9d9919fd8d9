#if LAB >= 2
/*
 * Line editing for the monitor, the same whether the characters come from
 * the keyboard or a serial terminal: printable characters are echoed;
 * Backspace (0x7f or 0x08) erases one, Ctrl-U the whole line; Enter ('\r',
 * '\n' or "\r\n") ends it. The up and down arrows (ESC [ A, ESC [ B; ESC O A
 * and ESC O B from terminals in application mode) walk the history,
 * redrawing the line; other escape sequences are swallowed. Erasing is done
 * with "\b \b", which both the VGA screen and terminals understand.
 */
#include "monitor/lineedit.h"
#include "lib/string.h"

#define CTRL_U 0x15
#define ESC 0x1b
#define DEL 0x7f

/* The escape-sequence parser's states. */
enum { ESC_NONE, ESC_SEEN, ESC_BODY };

static const char cut_message[] = "monitor: line too long (max 127 characters); cut\n";

void
lineedit_init(struct lineedit *le, void (*echo)(int c))
{
	memset(le, 0, sizeof(*le));
	le->echo = echo;
}

void
lineedit_start(struct lineedit *le)
{
	le->len = 0;
	le->line[0] = '\0';
	le->cut = false;
	le->escape = ESC_NONE;
	le->hist_back = 0;
}

static void
echo_text(struct lineedit *le, const char *s)
{
	while (*s)
		le->echo(*s++);
}

static void
erase_line(struct lineedit *le)
{
	for (; le->len > 0; le->len--)
		echo_text(le, "\b \b");
	le->line[0] = '\0';
}

static char *
history_line(struct lineedit *le, unsigned back)
{
	return le->history[(le->hist_total - back) % LINEEDIT_HISTORY];
}

/* Show the back-th newest history line (0: an empty line) in place of the current one. */
static void
recall(struct lineedit *le, unsigned back)
{
	erase_line(le);
	le->hist_back = back;
	if (back > 0) {
		strlcpy(le->line, history_line(le, back), sizeof(le->line));
		le->len = (int)strlen(le->line);
		echo_text(le, le->line);
	}
	le->cut = false;
}

static void
arrow(struct lineedit *le, int c)
{
	unsigned stored = le->hist_total < LINEEDIT_HISTORY ? le->hist_total : LINEEDIT_HISTORY;

	if (c == 'A' && le->hist_back < stored)
		recall(le, le->hist_back + 1);
	else if (c == 'B' && le->hist_back > 0)
		recall(le, le->hist_back - 1);
}

/* Feed c to the escape-sequence parser; returns true if c belonged to a sequence. */
static bool
escape_sequence(struct lineedit *le, int c)
{
	switch (le->escape) {
	case ESC_SEEN:
		if (c == '[' || c == 'O') {
			le->escape = ESC_BODY;
			return true;
		}
		le->escape = ESC_NONE; /* a lone ESC: drop it, c is ordinary */
		return false;
	case ESC_BODY:
		if (c >= 0x30 && c <= 0x3f) /* parameter bytes, as in ESC [ 3 ~ */
			return true;
		le->escape = ESC_NONE;
		if (c == 'A' || c == 'B')
			arrow(le, c);
		return true;
	default:
		if (c != ESC)
			return false;
		le->escape = ESC_SEEN;
		return true;
	}
}

static void
end_line(struct lineedit *le)
{
	le->line[le->len] = '\0';
	le->echo('\n');
	if (le->cut)
		echo_text(le, cut_message);
	if (le->len > 0) {
		strlcpy(le->history[le->hist_total % LINEEDIT_HISTORY], le->line,
			sizeof(le->history[0]));
		le->hist_total++;
	}
}

bool
lineedit_feed(struct lineedit *le, int c)
{
	bool newline_after_cr = c == '\n' && le->after_cr;

	le->after_cr = c == '\r';
	if (newline_after_cr || escape_sequence(le, c))
		return false;
	if (c == '\r' || c == '\n') {
		end_line(le);
		return true;
	}
	if (c == DEL || c == '\b') {
		if (le->len > 0) {
			le->line[--le->len] = '\0';
			echo_text(le, "\b \b");
		}
	} else if (c == CTRL_U) {
		erase_line(le);
	} else if (c >= ' ' && c < DEL) {
		if (le->len == LINEEDIT_MAX) {
			le->cut = true;
		} else {
			le->line[le->len++] = (char)c;
			le->line[le->len] = '\0';
			le->echo(c);
		}
	}
	return false;
}
#endif
