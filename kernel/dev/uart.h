/* 16550 UART on COM1: the console the graders read. */
#ifndef DEV_UART_H
#define DEV_UART_H

#include <stdbool.h>

void uart_init(void);
void uart_putc(int c);
void uart_flush(void);
bool uart_loopback_ok(void);

#if LAB >= 2
/* Return the next received byte, or -1 if none is waiting. */
int uart_getc_nowait(void);

/* Make COM1 raise its IRQ when a byte arrives (OUT2, set by uart_init, lets it through). */
void uart_rx_interrupt_on(void);

/* Route COM1's receive interrupts into the console input queue (uart_input.c); needs
 * idt_init() and irq_init(). */
void uart_enable_input(void);
#endif

#endif
