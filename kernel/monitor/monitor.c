#if LAB >= 2
/*
 * The monitor's loop: print the prompt, edit a line (lineedit.c) from the
 * console input queue, split it into words and run the command of that name.
 */
#include "monitor/monitor.h"
#include "dev/console.h"
#include "lib/string.h"
#include "monitor/args.h"
#include "monitor/lineedit.h"

#define PROMPT "clan> "

static struct lineedit editor; /* big (the history), so not on the boot stack */

static void
run_line(char *line)
{
	char *argv[ARGS_MAX];
	int argc = args_split(line, argv, ARGS_MAX);

	if (argc < 0) {
		printf("monitor: too many arguments (max %d)\n", ARGS_MAX);
		return;
	}
	if (argc == 0)
		return;
	for (size_t i = 0; i < monitor_ncommands; i++) {
		if (strcmp(argv[0], monitor_commands[i].name) == 0) {
			monitor_commands[i].run(argc, argv);
			return;
		}
	}
	printf("unknown command '%s' (try help)\n", argv[0]);
}

void
monitor_run(void)
{
	lineedit_init(&editor, console_putc);
	printf("monitor: Clan OS kernel monitor; 'help' lists the commands\n");
	for (;;) {
		printf(PROMPT);
		lineedit_start(&editor);
		while (!lineedit_feed(&editor, console_getc()))
			;
		run_line(editor.line);
	}
}
#endif
