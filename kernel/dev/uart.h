/* 16550 UART on COM1: the console the graders read. */
#ifndef DEV_UART_H
#define DEV_UART_H

#include <stdbool.h>

void uart_init(void);
void uart_putc(int c);
void uart_flush(void);
bool uart_loopback_ok(void);

#endif
