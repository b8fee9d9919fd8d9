/*
 * Powering off an emulator. QEMU exits when code is written to its
 * isa-debug-exit port (0xf4, from the command line); Bochs exits when the
 * string "Shutdown" is written to port 0x8900. Neither port does anything on
 * the other emulator, so both are tried. If neither worked, halt.
 */
#include "arch/x86/power.h"
#include "arch/x86/io.h"
#include "dev/uart.h"
#if LAB >= 2
#include <stdint.h>
#endif

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define BOCHS_SHUTDOWN_PORT 0x8900

void
power_off(enum power_code code)
{
	uart_flush();
	outb(QEMU_DEBUG_EXIT_PORT, (uint8_t)code);
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*s);
	halt_forever();
}
#if LAB >= 2

#define KBC_STATUS 0x64
#define KBC_COMMAND 0x64
#define KBC_INPUT_FULL 0x02
#define KBC_PULSE_RESET 0xfe /* pulse output line 0, wired to the CPU's reset */
#define KBC_SPINS 100000

/*
 * Reset through the keyboard controller; if the machine is still running
 * afterwards, load an empty IDT and raise an exception: with no handler
 * for it, nor for the double fault that follows, the CPU triple-faults and resets.
 */
void
reboot(void)
{
	static const struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} empty_idt = { 0, 0 };

	uart_flush();
	for (int spin = 0; spin < KBC_SPINS && (inb(KBC_STATUS) & KBC_INPUT_FULL); spin++)
		;
	outb(KBC_COMMAND, KBC_PULSE_RESET);
	for (int spin = 0; spin < KBC_SPINS; spin++)
		(void)inb(KBC_STATUS); /* give the reset time to happen */
	__asm__ volatile("cli; lidt %0; int3" : : "m"(empty_idt));
	halt_forever();
}
#endif
