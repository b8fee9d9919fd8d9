#if LAB >= 2
/*
 * The PS/2 keyboard controller (the 8042, or what emulates it). Port 0x64
 * reads its status and takes commands; port 0x60 carries data both ways:
 * bytes from the keyboard, and the arguments and answers of commands. The
 * controller translates whatever the keyboard sends into scancode set 1,
 * which scancode.c turns into characters for the console input queue.
 *
 * Every wait for the controller is bounded: a machine without one (or one
 * that has hung) must cost a boot message, not the boot.
 */
#include <stdbool.h>
#include <stdint.h>

#include "dev/kbd.h"
#include "arch/x86/io.h"
#include "arch/x86/irq.h"
#include "arch/x86/trap.h"
#include "dev/console.h"
#include "dev/scancode.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64  /* read */
#define KBD_COMMAND 0x64 /* write */

#define STATUS_OUTPUT_FULL 0x01 /* a byte waits in KBD_DATA for us */
#define STATUS_INPUT_FULL 0x02  /* the controller has not taken our last byte yet */
#define STATUS_AUX 0x20         /* the waiting byte is from port 2 (a mouse) */

#define CMD_READ_CONFIG 0x20
#define CMD_WRITE_CONFIG 0x60
#define CMD_DISABLE_PORT2 0xa7
#define CMD_DISABLE_PORT1 0xad
#define CMD_ENABLE_PORT1 0xae

#define CONFIG_PORT1_IRQ 0x01
#define CONFIG_PORT2_IRQ 0x02
#define CONFIG_PORT1_CLOCK_OFF 0x10
#define CONFIG_TRANSLATE 0x40 /* give us set 1 whatever the keyboard speaks */

#define KEYBOARD_ENABLE_SCANNING 0xf4
#define KEYBOARD_ACK 0xfa

#define WAIT_SPINS 100000 /* status polls before a wait gives up */
#define DRAIN_MAX 32      /* bytes read per call, more than any burst the controller holds */

static struct kbd_state kbd_state; /* touched only by kbd_intr, interrupts off */

static bool
wait_status(uint8_t bit, bool set)
{
	for (int spin = 0; spin < WAIT_SPINS; spin++)
		if (((inb(KBD_STATUS) & bit) != 0) == set)
			return true;
	return false;
}

static bool
send_command(uint8_t cmd)
{
	if (!wait_status(STATUS_INPUT_FULL, false))
		return false;
	outb(KBD_COMMAND, cmd);
	return true;
}

static bool
send_data(uint8_t byte)
{
	if (!wait_status(STATUS_INPUT_FULL, false))
		return false;
	outb(KBD_DATA, byte);
	return true;
}

static int
read_data(void)
{
	if (!wait_status(STATUS_OUTPUT_FULL, true))
		return -1;
	return inb(KBD_DATA);
}

static void
kbd_intr(struct trapframe *tf)
{
	(void)tf;
	for (int i = 0; i < DRAIN_MAX; i++) {
		uint8_t status = inb(KBD_STATUS);
		if (!(status & STATUS_OUTPUT_FULL))
			break;
		uint8_t code = inb(KBD_DATA);
		if (status & STATUS_AUX)
			continue;
		char out[SCANCODE_MAX_OUT];
		int n = scancode_translate(&kbd_state, code, out);
		for (int j = 0; j < n; j++)
			console_input((uint8_t)out[j], CONSOLE_KEYBOARD);
	}
}

/* Both ports off and nothing pending, then port 1 on with its interrupt and translation. */
static bool
controller_setup(void)
{
	if (!send_command(CMD_DISABLE_PORT1) || !send_command(CMD_DISABLE_PORT2))
		return false;
	for (int i = 0; i < DRAIN_MAX && (inb(KBD_STATUS) & STATUS_OUTPUT_FULL); i++)
		(void)inb(KBD_DATA);
	if (!send_command(CMD_READ_CONFIG))
		return false;
	int config = read_data();
	if (config < 0)
		return false;
	config |= CONFIG_PORT1_IRQ | CONFIG_TRANSLATE;
	config &= ~(CONFIG_PORT2_IRQ | CONFIG_PORT1_CLOCK_OFF);
	return send_command(CMD_WRITE_CONFIG) && send_data((uint8_t)config) &&
	       send_command(CMD_ENABLE_PORT1);
}

void
kbd_init(void)
{
	if (!controller_setup()) {
		printf("kbd: the PS/2 controller does not answer; no keyboard input\n");
		return;
	}
	/* The firmware may have left scanning off; the answer is read here, before the IRQ. */
	if (!send_data(KEYBOARD_ENABLE_SCANNING) || read_data() != KEYBOARD_ACK)
		printf("kbd: the keyboard did not acknowledge 'enable scanning'\n");
	trap_set_handler(T_IRQ0 + IRQ_KBD, kbd_intr);
	irq_enable(IRQ_KBD);
	/* A byte that came before the route was open raised no interrupt we saw, and the
	   controller sends nothing more until it is read. */
	kbd_intr(0);
}
#endif
