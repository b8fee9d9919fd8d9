#if LAB >= 6
/* The monitor's run command (run_command.c), a row of monitor_commands[]. */
#ifndef MONITOR_RUN_COMMAND_H
#define MONITOR_RUN_COMMAND_H

void cmd_run(int argc, char **argv);

#endif
#endif
