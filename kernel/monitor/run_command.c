#if LAB >= 6
/*
 * The monitor's run command: start a program from the file system as a
 * child of the kernel process, with the monitor's credential (su changes
 * it), wait for it, and report how it ended.
 */
#include "monitor/run_command.h"
#include "dev/console.h"
#include "exec/exec.h"
#include "lib/errstr.h"
#include "monitor/fs_commands.h"
#include "proc/proc.h"

void
cmd_run(int argc, char **argv)
{
	if (argc < 2) {
		printf("usage: run <name or path> [args]\n");
		return;
	}
	int pid = exec_spawn(monitor_credential(), argv[1], argc - 1, argv + 1, &kernel_proc);
	if (pid < 0) {
		printf("run: %s: %s\n", argv[1], errno_text(pid));
		return;
	}
	int status;
	int err = proc_wait(pid, &status);
	if (err < 0)
		printf("run: %s (pid %d): wait: %s\n", argv[1], pid, errno_text(err));
	else
		printf("run: %s (pid %d) exited with status %d\n", argv[1], pid, status);
}
#endif
