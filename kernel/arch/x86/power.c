/*
 * Powering off an emulator. QEMU exits when code is written to its
 * isa-debug-exit port (0xf4, from the command line); Bochs exits when the
 * string "Shutdown" is written to port 0x8900. Neither port does anything on
 * the other emulator, so both are tried. If neither worked, halt.
 */
#include "arch/x86/power.h"
#include "arch/x86/io.h"
#include "dev/uart.h"

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
