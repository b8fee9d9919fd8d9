#if LAB >= 2
/*
 * The kernel monitor: a prompt on the console where commands look at the
 * running kernel (JOS's monitor, grown lab by lab). Every command is one row
 * of monitor_commands[] in commands.c.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <stddef.h>

struct monitor_command {
	const char *name;
	const char *help;                   /* one line, shown by help */
	void (*run)(int argc, char **argv); /* argv[0] is the name */
};

extern const struct monitor_command monitor_commands[];
extern const size_t monitor_ncommands;

/* Read command lines from the console and run them, forever. Needs interrupts to be set up
 * (console_getc waits for them). */
void monitor_run(void) __attribute__((noreturn));

#endif
#endif
