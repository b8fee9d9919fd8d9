/*
 * kmain: the first C code. entry.S arrives here in long mode on the boot
 * stack. Lab 1 brings up the console, reads what the loader found (memory
 * map, boot arguments), and then either runs what the arguments ask for (a
 * kernel test, the validation gate) or halts. Lab 2 sets up traps,
 * interrupt controllers, the clock and input before that, and ends in the
 * kernel monitor instead of halting.
 */
#include "kernel.h"
#include "arch/x86/io.h"
#include "debug/ksyms.h"
#include "debug/panic.h"
#include "dev/console.h"
#include "gate/gate.h"
#include "ktest/ktest.h"
#include "lib/bootargs.h"
#include "lib/string.h"
#include "mm/memlayout.h"
#if LAB >= 3
#include "mm/buddy.h"
#include "mm/slab.h"
#include "mm/vm.h"
#endif
#if LAB >= 5
#include "dev/ata.h"
#include "dev/pci.h"
#include "dev/virtio_blk.h"
#include "fs/fs.h"
#endif
#if LAB >= 4
#include "proc/thread.h"
#include "sync/spinlock.h"
#endif
#if LAB >= 2
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/irq.h"
#include "arch/x86/trap.h"
#if LAB >= 6
#include "arch/x86/usermode.h"
#endif
#include "dev/clock.h"
#include "dev/kbd.h"
#include "dev/uart.h"
#include "monitor/monitor.h"
#endif

struct bootinfo boot_info;
struct memmap boot_memmap;
static struct bootargs boot_args;

/* Every boot argument the kernel understands; anything else is warned about. */
static const char *const known_bootargs[] = {
	"gate",      /* gate=all or gate=<check>: run the validation gate, power off */
	"gatebreak", /* gatebreak=<check>: feed that check bad data (tests the gate) */
	"test",      /* test=<name>: run one kernel test (ktest/), power off */
	"onpanic",   /* onpanic=poweroff: a panic exits the emulator (default: halt) */
#if LAB >= 3
	"kmemdebug", /* kmemdebug=on: poison freed objects, check redzones (mm/slab.c) */
#endif
#if LAB >= 4
	"lockdebug", /* lockdebug=on: warn about spinlocks held over 100 ms (sync/spinlock.c) */
#endif
#if LAB >= 5
	"root",   /* root=vblk0|ata1|none: the disk to mount (fs/mount.c); default: first found */
	"blkdev", /* blkdev=<disk>: the disk test=blk writes (default ata1, else vblk0) */
	"seed",   /* seed=N: the pseudo-random seed of test=fsstress (ktest/fs_test.c) */
#endif
	NULL,
};

const char *
bootarg(const char *key)
{
	return bootargs_get(&boot_args, key);
}

static void
warn_bootarg(const char *token, const char *problem)
{
	printf("bootargs: warning: '%s' %s; ignored\n", token, problem);
}

static void
read_bootargs(void)
{
	/* The loader copied a NUL-terminated string, but do not rely on it. */
	boot_info.args[sizeof(boot_info.args) - 1] = '\0';
	bootargs_parse(&boot_args, boot_info.args, known_bootargs, warn_bootarg);
	for (int i = 0; i < boot_args.count; i++)
		printf("bootargs: %s=%s\n", boot_args.arg[i].key, boot_args.arg[i].value);
}

static void
read_memmap(void)
{
	memmap_from_e820(&boot_memmap, boot_info.e820, (int)boot_info.e820_count);
	for (int i = 0; i < boot_memmap.count; i++) {
		const struct memrange *r = &boot_memmap.range[i];
		printf("memmap: 0x%016lx-0x%016lx %s\n", r->base, r->end,
		       memmap_type_name(r->type));
	}
	printf("memmap: %lu KiB usable\n", memmap_usable_bytes(&boot_memmap) / 1024);
}

void
kmain(uint64_t bootinfo_phys)
{
	console_init();
	memcpy(&boot_info, p2v(bootinfo_phys), sizeof(boot_info));
	printf("Clan OS (lab %d) booting on x86-64\n", LAB);
	printf("kernel: 0x%lx-0x%lx (%lu KiB), %lu functions in the symbol table\n",
	       boot_info.kernel_start, boot_info.kernel_end,
	       (boot_info.kernel_end - boot_info.kernel_start) / 1024, kernel_symtab.nsyms);
	read_bootargs();
	/* Before any other set-up, so a panic in it still reaches the grader as an exit code. */
	const char *onpanic = bootarg("onpanic");
	panic_set_poweroff(bootarg("gate") || bootarg("test") ||
			   (onpanic && strcmp(onpanic, "poweroff") == 0));
	read_memmap();
#if LAB >= 3
	buddy_init(&boot_memmap);
	vm_init(&boot_memmap);
	kmem_set_debug(bootarg("kmemdebug") && strcmp(bootarg("kmemdebug"), "on") == 0);
	slab_init();
#endif
#if LAB >= 2
	gdt_init();
	idt_init();
#if LAB >= 6
	usermode_init();
#endif
	irq_init();
	clock_init();
	kbd_init();
	uart_enable_input();
#if LAB >= 4
	spin_set_debug(bootarg("lockdebug") && strcmp(bootarg("lockdebug"), "on") == 0);
	thread_init();
#endif
#if LAB >= 5
	pci_init();
#endif
	sti();
#endif
#if LAB >= 5
	/* Disk requests complete by interrupt, so the drivers and the mount come after sti. */
	ata_init();
	virtio_blk_init();
	fs_init();
#endif

	if (bootarg("test"))
		ktest_run(bootarg("test"));
	if (bootarg("gate"))
		gate_run(bootarg("gate"), bootarg("gatebreak"));

#if LAB >= 2
	monitor_run();
#else
	printf("lab %d: nothing more to run; halted (Ctrl-a x quits QEMU)\n", LAB);
	halt_forever();
#endif
}
