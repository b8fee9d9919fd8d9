#if LAB >= 2
/* The monitor's line editor and word splitting, typed at without a console. */
#include <criterion/criterion.h>
#include <string.h>

#include "test/host_names.h"
#include "monitor/args.h"
#include "monitor/lineedit.h"

static struct lineedit le;
static char echoed[8192];
static size_t nechoed;
static int lines_done;
static bool line_ended; /* the last character typed ended a line */

static void
record_echo(int c)
{
	cr_assert_lt(nechoed, sizeof(echoed) - 1);
	echoed[nechoed++] = (char)c;
	echoed[nechoed] = '\0';
}

static void
reset(void)
{
	lineedit_init(&le, record_echo);
	lineedit_start(&le);
	nechoed = 0;
	echoed[0] = '\0';
	lines_done = 0;
	line_ended = false;
}

TestSuite(lineedit, .init = reset);

/* Type s; a character after a completed line starts the next one, as the monitor does. */
static void
type(const char *s)
{
	for (; *s; s++) {
		if (line_ended)
			lineedit_start(&le);
		line_ended = lineedit_feed(&le, (unsigned char)*s);
		if (line_ended)
			lines_done++;
	}
}

static void
clear_echo(void)
{
	nechoed = 0;
	echoed[0] = '\0';
}

Test(lineedit, echo_and_enter)
{
	type("help\r");
	cr_assert_eq(lines_done, 1);
	cr_assert_str_eq(le.line, "help");
	cr_assert_str_eq(echoed, "help\n");
}

Test(lineedit, crlf_is_one_enter_and_lf_alone_is_one)
{
	type("a\r\nb\n\n");
	cr_assert_eq(lines_done, 3);
	cr_assert_str_eq(le.line, "");
	cr_assert_str_eq(echoed, "a\nb\n\n");
}

Test(lineedit, backspace_both_codes_and_at_start)
{
	type("\x7f"
	     "abc\x7f\bd\r");
	cr_assert_str_eq(le.line, "ad");
	cr_assert_str_eq(echoed, "abc\b \b\b \bd\n");
}

Test(lineedit, ctrl_u_erases_the_line)
{
	type("xyz\x15ok\r");
	cr_assert_str_eq(le.line, "ok");
	cr_assert_str_eq(echoed, "xyz\b \b\b \b\b \bok\n");
}

Test(lineedit, control_characters_and_other_sequences_are_ignored)
{
	type("a\t\x01\x1b[C\x1b[3~\x1b[Hb\x1bOD\r");
	cr_assert_str_eq(le.line, "ab");
	cr_assert_str_eq(echoed, "ab\n");
}

Test(lineedit, lone_escape_is_dropped)
{
	type("\x1bxy\r");
	cr_assert_str_eq(le.line, "xy");
}

Test(lineedit, up_and_down_walk_the_history)
{
	type("one\rtwo\r");
	clear_echo();
	type("t\x1b[A");
	cr_assert_str_eq(le.line, "two");
	cr_assert_str_eq(echoed, "t\b \btwo");
	type("\x1b[A\x1b[A\x1b[A"); /* stops at the oldest */
	cr_assert_str_eq(le.line, "one");
	type("\x1bOB"); /* application-mode down */
	cr_assert_str_eq(le.line, "two");
	type("\x1b[B");
	cr_assert_str_eq(le.line, "");
	type("\x1b[B");
	cr_assert_str_eq(le.line, "");
	type("\x1b[A!\r");
	cr_assert_str_eq(le.line, "two!");
	type("\x1b[A\r");
	cr_assert_str_eq(le.line, "two!");
}

Test(lineedit, history_keeps_the_last_16_and_skips_empty_lines)
{
	char buf[16];

	for (int i = 0; i < 20; i++) {
		snprintf(buf, sizeof(buf), "c%d\r\r", i);
		type(buf);
	}
	for (int i = 0; i < 30; i++)
		type("\x1b[A");
	cr_assert_str_eq(le.line, "c4");
	type("\x1b[B");
	cr_assert_str_eq(le.line, "c5");
}

Test(lineedit, overlong_line_is_cut_at_127)
{
	char input[300], want[200];

	memset(input, 'x', 200);
	strcpy(input + 200, "\r");
	type(input);
	cr_assert_eq(lines_done, 1);
	cr_assert_eq(strlen(le.line), 127);
	memset(want, 'x', 127);
	strcpy(want + 127, "\nmonitor: line too long (max 127 characters); cut\n");
	cr_assert_str_eq(echoed, want);
}

Test(lineedit, exactly_127_is_not_cut)
{
	char input[200];

	memset(input, 'y', 127);
	strcpy(input + 127, "\r");
	type(input);
	cr_assert_eq(strlen(le.line), 127);
	cr_assert_null(strstr(echoed, "too long"));
}

Test(args, split_at_runs_of_spaces)
{
	char line[] = "  echo  a b   c ";
	char *argv[ARGS_MAX];

	cr_assert_eq(args_split(line, argv, ARGS_MAX), 4);
	cr_assert_str_eq(argv[0], "echo");
	cr_assert_str_eq(argv[1], "a");
	cr_assert_str_eq(argv[2], "b");
	cr_assert_str_eq(argv[3], "c");
}

Test(args, empty_and_blank_lines_have_no_words)
{
	char empty[] = "", blank[] = "    ";
	char *argv[ARGS_MAX];

	cr_assert_eq(args_split(empty, argv, ARGS_MAX), 0);
	cr_assert_eq(args_split(blank, argv, ARGS_MAX), 0);
}

Test(args, sixteen_words_fit_seventeen_do_not)
{
	char ok[] = "a b c d e f g h i j k l m n o p";
	char bad[] = "a b c d e f g h i j k l m n o p q";
	char *argv[ARGS_MAX];

	cr_assert_eq(args_split(ok, argv, ARGS_MAX), 16);
	cr_assert_str_eq(argv[15], "p");
	cr_assert_eq(args_split(bad, argv, ARGS_MAX), -1);
}
#endif
