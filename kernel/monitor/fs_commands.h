#if LAB >= 5
/* The monitor's file commands (fs_commands.c), rows of monitor_commands[]. */
#ifndef MONITOR_FS_COMMANDS_H
#define MONITOR_FS_COMMANDS_H

void cmd_ls(int argc, char **argv);
void cmd_cat(int argc, char **argv);
void cmd_write(int argc, char **argv);
void cmd_fill(int argc, char **argv);
void cmd_sum(int argc, char **argv);
void cmd_mkdir(int argc, char **argv);
void cmd_rm(int argc, char **argv);
void cmd_mv(int argc, char **argv);
void cmd_stat(int argc, char **argv);
void cmd_chmod(int argc, char **argv);
void cmd_df(int argc, char **argv);
void cmd_sync(int argc, char **argv);
void cmd_su(int argc, char **argv);
void cmd_whoami(int argc, char **argv);

#if LAB >= 6
#include "fs/cred.h"

/* The credential the monitor's commands act with (su changes it). */
const struct cred *monitor_credential(void);
#endif

#endif
#endif
