#if LAB >= 2
/*
 * Typing on the serial line: COM1's receive interrupt feeds the console
 * input queue. This is apart from uart.c because the boot loader links
 * uart.c too and has no traps, interrupt controllers or console queue.
 */
#include "dev/uart.h"
#include "arch/x86/irq.h"
#include "arch/x86/trap.h"
#include "dev/console.h"

/* More bytes than the 16-byte FIFO can hold: a UART that always says "data ready" (absent
 * hardware reads as 0xff) cannot keep the handler here forever. */
#define RX_DRAIN_MAX 64

static void
uart_intr(struct trapframe *tf)
{
	(void)tf;
	for (int i = 0; i < RX_DRAIN_MAX; i++) {
		int c = uart_getc_nowait();
		if (c < 0)
			break;
		console_input(c, CONSOLE_SERIAL);
	}
}

/* The route is unmasked before the UART may raise its line, so no first edge is lost; bytes
 * that arrived earlier wait in the FIFO and raise it as soon as the interrupt is on. */
void
uart_enable_input(void)
{
	trap_set_handler(T_IRQ0 + IRQ_COM1, uart_intr);
	irq_enable(IRQ_COM1);
	uart_rx_interrupt_on();
}
#endif
