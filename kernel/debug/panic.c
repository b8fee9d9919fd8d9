/*
 * Kernel panics. The report is what a student needs to find the bug: the
 * message with where it was raised, the registers at the call, and a
 * symbolized backtrace. A panic inside a panic only prints a line, so a bug
 * in the reporting code cannot loop.
 */
#include <stdarg.h>
#include <stdint.h>

#include "debug/panic.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "arch/x86/power.h"
#include "debug/backtrace.h"
#include "dev/console.h"

static bool poweroff_on_panic;
static bool panicking;

void
panic_set_poweroff(bool on)
{
	poweroff_on_panic = on;
}

static void
print_registers(uint64_t rip, uint64_t rbp)
{
	printf("  rip=0x%016lx rsp=0x%016lx rbp=0x%016lx rflags=0x%lx\n", rip, read_rsp(), rbp,
	       read_rflags());
	printf("  cr0=0x%lx cr2=0x%lx cr3=0x%lx cr4=0x%lx\n", read_cr0(), read_cr2(), read_cr3(),
	       read_cr4());
}

void
panic_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	uint64_t rbp = (uint64_t)__builtin_frame_address(0);

	__asm__ volatile("cli");
#if LAB >= 4
	console_panic();
#endif
	if (panicking) {
		printf("panic: nested panic at %s:%d\n", file, line);
	} else {
		panicking = true;
		printf("panic: %s:%d: ", file, line);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		print_registers((uint64_t)__builtin_return_address(0), rbp);
		printf("backtrace:\n");
		backtrace_print(rbp);
	}
	if (poweroff_on_panic)
		power_off(POWER_PANIC);
	printf("halted; attach gdb (make qemu-gdb) to look around, or Ctrl-a x to quit QEMU\n");
	halt_forever();
}
