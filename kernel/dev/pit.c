#if LAB >= 2
/*
 * Two uses of the 8254. Channel 2, whose gate the keyboard controller's port
 * 0x61 controls (its output normally drives the PC speaker), free-runs with
 * no interrupt while the CPU reads its count: the reference for calibration.
 * Channel 0, wired to IRQ 0, is the periodic tick when there is no local
 * APIC timer.
 */
#include "dev/pit.h"
#include "arch/x86/io.h"

#define CHANNEL0 0x40
#define CHANNEL2 0x42
#define COMMAND 0x43
#define PORT_B 0x61

/* Command bytes: channel in bits 7-6, access lobyte then hibyte (0x30), mode, binary. */
#define CMD_CH0_RATE 0x34  /* channel 0, mode 2: a pulse every count clocks */
#define CMD_CH2_COUNT 0xb0 /* channel 2, mode 0: counts down, wraps at 0 */
#define CMD_CH2_LATCH 0x80 /* channel 2: hold the count until both bytes are read */

#define PORT_B_GATE2 0x01   /* channel 2 counts while set */
#define PORT_B_SPEAKER 0x02 /* channel 2's output drives the speaker */

void
pit_counter_start(void)
{
	outb(PORT_B, (uint8_t)((inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	outb(COMMAND, CMD_CH2_COUNT);
	outb(CHANNEL2, 0xff);
	outb(CHANNEL2, 0xff);
}

uint16_t
pit_counter_read(void)
{
	outb(COMMAND, CMD_CH2_LATCH);
	uint8_t lo = inb(CHANNEL2);
	return (uint16_t)(lo | inb(CHANNEL2) << 8);
}

void
pit_periodic(int hz)
{
	uint32_t count = (PIT_HZ + hz / 2) / hz;

	outb(COMMAND, CMD_CH0_RATE);
	outb(CHANNEL0, (uint8_t)count);
	outb(CHANNEL0, (uint8_t)(count >> 8));
}
#endif
