#if LAB >= 2
/* Splitting a monitor command line into words. */
#ifndef MONITOR_ARGS_H
#define MONITOR_ARGS_H

#define ARGS_MAX 16 /* words in a command line, the command's name included */

/*
 * Split line in place at runs of spaces, pointing argv[0..] at the words. Returns how many
 * there are, or -1 if there are more than max (argv then holds the first max).
 */
int args_split(char *line, char *argv[], int max);

#endif
#endif
