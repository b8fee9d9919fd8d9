#if LAB >= 2
/*
 * The monitor's commands, one row each in monitor_commands[]. Later labs add
 * rows (and their functions) here.
 */
#include <stdint.h>

#include "monitor/monitor.h"
#include "arch/x86/cpu.h"
#include "arch/x86/power.h"
#include "arch/x86/trap.h"
#include "debug/backtrace.h"
#include "dev/clock.h"
#include "dev/console.h"
#if LAB >= 3
#include "mm/buddy.h"
#endif
#if LAB >= 4
#include "lib/string.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/thread.h"
#endif
#if LAB >= 5
#include "dev/pci.h"
#include "monitor/fs_commands.h"
#endif
#if LAB >= 6
#include "monitor/run_command.h"
#endif

#define NS_PER_SEC 1000000000ul
#define NS_PER_MSEC 1000000ul

static void
cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	for (size_t i = 0; i < monitor_ncommands; i++)
		printf("%s - %s\n", monitor_commands[i].name, monitor_commands[i].help);
}

static void
cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf(i > 1 ? " %s" : "%s", argv[i]);
	printf("\n");
}

static void
cmd_uptime(int argc, char **argv)
{
	(void)argc, (void)argv;
	uint64_t ns = clock_ns();
	printf("uptime: %lu.%03lu s, %lu ticks\n", ns / NS_PER_SEC, ns % NS_PER_SEC / NS_PER_MSEC,
	       clock_ticks());
}

static void
cmd_backtrace(int argc, char **argv)
{
	(void)argc, (void)argv;
	backtrace_print((uint64_t)__builtin_frame_address(0));
}

static void
cmd_regs(int argc, char **argv)
{
	(void)argc, (void)argv;
	struct cpu_regs r;

	read_cpu_regs(&r);
	printf("rax=0x%016lx rbx=0x%016lx rcx=0x%016lx rdx=0x%016lx\n", r.rax, r.rbx, r.rcx, r.rdx);
	printf("rsi=0x%016lx rdi=0x%016lx rbp=0x%016lx rsp=0x%016lx\n", r.rsi, r.rdi, r.rbp, r.rsp);
	printf("r8=0x%016lx r9=0x%016lx r10=0x%016lx r11=0x%016lx\n", r.r8, r.r9, r.r10, r.r11);
	printf("r12=0x%016lx r13=0x%016lx r14=0x%016lx r15=0x%016lx\n", r.r12, r.r13, r.r14, r.r15);
	printf("rip=0x%016lx rflags=0x%lx cs=0x%lx ss=0x%lx ds=0x%lx es=0x%lx\n", r.rip, r.rflags,
	       r.cs, r.ss, r.ds, r.es);
	printf("cr0=0x%lx cr2=0x%lx cr3=0x%lx cr4=0x%lx\n", read_cr0(), read_cr2(), read_cr3(),
	       read_cr4());
}

static void
cmd_intr(int argc, char **argv)
{
	(void)argc, (void)argv;
	for (int v = 0; v < NVECTORS; v++) {
		uint64_t n = trap_count(v);
		if (n)
			printf("intr: vector %d (%s): %lu\n", v, trap_name(v), n);
	}
}

static void
cmd_inputlat(int argc, char **argv)
{
	(void)argc, (void)argv;
	struct console_input_stats st;

	console_input_stats(&st);
	printf("inputlat: key interrupt to monitor: last %lu ns, max %lu ns, %lu keys\n",
	       st.last_ns, st.max_ns, st.keys);
	if (st.dropped)
		printf("inputlat: %lu characters dropped (input queue full)\n", st.dropped);
}

#if LAB >= 3
static void
cmd_mem(int argc, char **argv)
{
	(void)argc, (void)argv;
	uint64_t blocks[MAX_ORDER + 1], owned[NOWNERS];
	uint64_t nfree = buddy_free_frames();

	buddy_stats(blocks, owned);
	printf("mem: %lu of %lu frames free (%lu KiB)\n", nfree, buddy_total_frames(),
	       nfree * (PAGE_SIZE / 1024));
	for (int k = 0; k <= MAX_ORDER; k++)
		if (blocks[k])
			printf("mem: order %d (%lu KiB): %lu free blocks\n", k,
			       (PAGE_SIZE << k) / 1024, blocks[k]);
	for (int o = 0; o < NOWNERS; o++)
		if (owned[o])
			printf("mem: owner %s: %lu frames\n", page_owner_name(o), owned[o]);
}
#endif

#if LAB >= 4
#define PS_MAX 64

/* One thread as ps shows it, copied while the scheduler's lock is held. */
struct ps_row {
	int tid, pid;
	char name[THREAD_NAME_MAX];
	enum thread_state state;
	enum sched_class class;
	uint64_t ticks;
};

/* Only the monitor's thread runs commands, so one static snapshot will do. */
static struct {
	struct ps_row row[PS_MAX];
	int n, more;
} ps_snap;

/* thread_for_each calls it with the scheduler's lock held: copy now, print later. */
static void
ps_collect(struct thread *t, void *arg)
{
	(void)arg;
	if (ps_snap.n == PS_MAX) {
		ps_snap.more++;
		return;
	}
	struct ps_row *r = &ps_snap.row[ps_snap.n++];
	r->tid = t->tid;
	r->pid = t->proc ? t->proc->pid : 0;
	strlcpy(r->name, t->name, sizeof(r->name));
	r->state = t->state;
	r->class = t->class;
	r->ticks = t->ticks_run;
}

static void
cmd_ps(int argc, char **argv)
{
	(void)argc, (void)argv;
	static const char *const states[] = { "runnable", "running", "blocked", "zombie" };
	static const char *const classes[] = { "service", "normal", "idle" };

	ps_snap.n = ps_snap.more = 0;
	thread_for_each(ps_collect, NULL);
	for (int i = 0; i < ps_snap.n; i++) {
		const struct ps_row *r = &ps_snap.row[i];
		printf("ps: %d %s %s %s pid=%d ticks=%lu\n", r->tid, r->name, states[r->state],
		       classes[r->class], r->pid, r->ticks);
	}
	if (ps_snap.more)
		printf("ps: %d more threads not shown\n", ps_snap.more);
}

static void
cmd_sched(int argc, char **argv)
{
	(void)argc, (void)argv;
	struct sched_stats s;

	sched_get_stats(&s);
	printf("sched: %lu switches, %lu preemptions, %lu yields, %lu idle ticks; runnable: "
	       "service %d, normal %d\n",
	       s.switches, s.preemptions, s.yields, s.idle_ticks, s.runnable[SCHED_SERVICE],
	       s.runnable[SCHED_NORMAL]);
}
#endif

#if LAB >= 5
static void
devices_print(struct pci_device *d, void *arg)
{
	char *line = arg;

	pci_format(d, line, PCI_LINE_MAX);
	printf("pci: %s\n", line);
}

static void
cmd_devices(int argc, char **argv)
{
	(void)argc, (void)argv;
	static char line[PCI_LINE_MAX]; /* only the monitor's thread runs commands */

	printf("pci: %d devices on %d buses\n", pci_ndevices(), pci_nbuses());
	pci_for_each(devices_print, line);
}
#endif

static void
cmd_reboot(int argc, char **argv)
{
	(void)argc, (void)argv;
	reboot();
}

static void
cmd_poweroff(int argc, char **argv)
{
	(void)argc, (void)argv;
	power_off(POWER_SUCCESS);
}

const struct monitor_command monitor_commands[] = {
	{ "help", "list the commands", cmd_help },
	{ "echo", "print the words given", cmd_echo },
	{ "uptime", "time and timer ticks since the clock started", cmd_uptime },
	{ "backtrace", "the monitor's own call stack", cmd_backtrace },
	{ "regs", "the registers, read in the monitor", cmd_regs },
	{ "intr", "how often each interrupt vector has arrived", cmd_intr },
	{ "inputlat", "delay from a key's interrupt to the monitor reading it", cmd_inputlat },
#if LAB >= 3
	{ "mem", "free memory per block size, frames per owner", cmd_mem },
#endif
#if LAB >= 4
	{ "ps", "every thread: id, name, state, class, process, ticks run", cmd_ps },
	{ "sched", "scheduler counters: switches, preemptions, yields, idle ticks", cmd_sched },
#endif
#if LAB >= 5
	{ "devices", "PCI devices: address, ids, class, interrupt, BARs", cmd_devices },
	{ "ls", "list a directory: type, mode, owner, size, name", cmd_ls },
	{ "cat", "print a file", cmd_cat },
	{ "write", "write the words given into a file (-a: append)", cmd_write },
	{ "fill", "write a file of pseudo-random bytes; print its crc32 and speed", cmd_fill },
	{ "sum", "print a file's size and crc32, and the read speed", cmd_sum },
	{ "mkdir", "make a directory", cmd_mkdir },
	{ "rm", "remove a file or an empty directory", cmd_rm },
	{ "mv", "rename or move a file or directory", cmd_mv },
	{ "stat", "a file's inode: type, mode, owner, links, size, blocks, times", cmd_stat },
	{ "chmod", "set the mode: two octal digits, owner then others (64 = rw-r--)", cmd_chmod },
	{ "df", "the file system's size, free blocks and inodes", cmd_df },
	{ "sync", "write every changed buffer to the disk", cmd_sync },
	{ "su", "act as another user of /etc/passwd", cmd_su },
	{ "whoami", "the user the monitor acts as", cmd_whoami },
#endif
#if LAB >= 6
	{ "run", "run a program of /bin (or a path) with arguments; wait for it", cmd_run },
#endif
	{ "reboot", "reset the machine", cmd_reboot },
	{ "poweroff", "power the machine off", cmd_poweroff },
};

const size_t monitor_ncommands = sizeof(monitor_commands) / sizeof(monitor_commands[0]);
#endif
