/*
 * The gate's "boot" check: what lab 1 built really works. The console
 * answers (the UART echoes in loopback, VGA memory reads back), the boot
 * info matches where the kernel is linked, the memory map is sane, and the
 * symbol table names a known function and finds it again.
 */
#include "gate/gate.h"
#include "debug/ksyms.h"
#include "dev/console.h"
#include "dev/uart.h"
#include "dev/vga.h"
#include "kernel.h"
#include "lib/string.h"
#include "mm/memlayout.h"

extern char _end[];

static bool
failed(const char *what)
{
	printf("gate: boot: %s\n", what);
	return false;
}

static bool
check_console(void)
{
	bool ok = true;

	if (!uart_loopback_ok())
		ok = failed("the UART did not echo a byte in loopback mode");
	if (!vga_cell_roundtrip_ok())
		ok = failed("VGA text memory did not read back what was written");
	return ok;
}

static bool
check_bootinfo(void)
{
	uint64_t image_end = (uint64_t)_end - KERNEL_VMA;

	if (boot_info.magic != BOOTINFO_MAGIC)
		return failed("the boot info has a bad magic number");
	if (boot_info.e820_count > BOOTINFO_MAX_E820)
		return failed("the boot info claims more E820 entries than it holds");
	if (boot_info.kernel_start != KERNEL_PHYS || boot_info.kernel_end <= KERNEL_PHYS ||
	    boot_info.kernel_end > image_end) {
		printf("gate: boot: loader placed the kernel at 0x%lx-0x%lx; it is linked at "
		       "0x%x-0x%lx\n",
		       boot_info.kernel_start, boot_info.kernel_end, KERNEL_PHYS, image_end);
		return false;
	}
	return true;
}

/* The memory map must be sane and the kernel must sit in usable memory. */
static bool
check_memmap(bool break_it)
{
	static struct memmap m;
	const char *why;

	m = boot_memmap;
	if (break_it && m.count >= 2) { /* swap two ranges: the map is unsorted now */
		struct memrange r = m.range[0];
		m.range[0] = m.range[1];
		m.range[1] = r;
	}
	if (!memmap_check(&m, &why))
		return failed(why);
	for (int i = 0; i < m.count; i++)
		if (m.range[i].type == E820_USABLE && m.range[i].base <= boot_info.kernel_start &&
		    boot_info.kernel_end <= m.range[i].end)
			return true;
	return failed("the kernel is not inside a usable memory range");
}

static bool
check_symbols(void)
{
	uint64_t offset = 0;
	uint32_t line = 0;
	const char *name = ksym_lookup(&kernel_symtab, (uint64_t)kmain + 5, &offset);
	const char *file = ksym_line(&kernel_symtab, (uint64_t)kmain, &line);

	if (!name || strcmp(name, "kmain") != 0 || offset != 5)
		return failed("symbol lookup of kmain+5 did not give kmain+0x5");
	if (ksym_address(&kernel_symtab, "gate_check_boot") != (uint64_t)gate_check_boot)
		return failed("the address of gate_check_boot did not round-trip");
	if (!file || strcmp(file, "kernel/main.c") != 0 || line == 0)
		return failed("the line table does not place kmain in kernel/main.c");
	return true;
}

bool
gate_check_boot(bool break_it)
{
	bool ok = check_console();

	ok = check_bootinfo() && ok;
	ok = check_memmap(break_it) && ok;
	ok = check_symbols() && ok;
	return ok;
}
