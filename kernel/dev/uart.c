/*
 * 16550 UART driver for COM1, polled output. Used by the loader and the
 * kernel alike. Output waits for the transmit holding register to empty
 * before each byte; uart_flush() waits for the whole transmitter (TEMT),
 * which Bochs needs before power-off or it drops the last bytes.
 */
#include "dev/uart.h"
#include "arch/x86/io.h"

#define COM1 0x3f8
#define UART_DATA 0 /* receive buffer / transmit holding (DLAB=0) */
#define UART_IER 1  /* interrupt enable */
#define UART_DLL 0  /* divisor latch, low and high byte (DLAB=1) */
#define UART_DLM 1
#define UART_FCR 2 /* FIFO control */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define MCR_DTR_RTS_OUT2 0x0b
#define MCR_LOOPBACK 0x10
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LSR_TX_EMPTY 0x40
#if LAB >= 2
#define IER_RX_AVAILABLE 0x01
#endif

/* Program COM1 for 115200 baud, 8N1, FIFOs on, interrupts off. */
void
uart_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0xc7); /* enable and clear FIFOs */
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

static void
uart_put_raw(int c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

/* Send one byte; '\n' goes out as "\r\n" so terminals and logs agree. */
void
uart_putc(int c)
{
	if (c == '\n')
		uart_put_raw('\r');
	uart_put_raw(c);
}

/* Wait until every byte has left the transmitter. */
void
uart_flush(void)
{
	while (!(inb(COM1 + UART_LSR) & LSR_TX_EMPTY))
		;
}

/*
 * Check the UART really answers: in loopback mode a byte written to the
 * transmitter comes back in the receive buffer. Returns false if it does not.
 */
bool
uart_loopback_ok(void)
{
	const uint8_t probe = 0xa5;
	bool ok = false;
#if LAB >= 2
	/* Keep the receive interrupt from taking the probe byte. */
	uint8_t ier = inb(COM1 + UART_IER);
	outb(COM1 + UART_IER, 0);
#endif

	uart_flush();
	outb(COM1 + UART_MCR, MCR_LOOPBACK | MCR_DTR_RTS_OUT2);
	while (inb(COM1 + UART_LSR) & LSR_DATA_READY)
		(void)inb(COM1 + UART_DATA);
	outb(COM1 + UART_DATA, probe);
	for (int spin = 0; spin < 100000; spin++) {
		if (inb(COM1 + UART_LSR) & LSR_DATA_READY) {
			ok = inb(COM1 + UART_DATA) == probe;
			break;
		}
	}
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
#if LAB >= 2
	outb(COM1 + UART_IER, ier);
#endif
	return ok;
}
#if LAB >= 2

/* Return the next received byte, or -1 if none is waiting. */
int
uart_getc_nowait(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + UART_DATA);
}

/* Interrupt on received data only; output stays polled. */
void
uart_rx_interrupt_on(void)
{
	outb(COM1 + UART_IER, IER_RX_AVAILABLE);
}
#endif
