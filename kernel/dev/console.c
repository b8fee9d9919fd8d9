/* The kernel console: printf on top of the UART and the VGA screen. */
#include "dev/console.h"
#include "dev/uart.h"
#include "dev/vga.h"
#include "lib/printf.h"

void
console_init(void)
{
	uart_init();
	vga_init();
}

void
console_putc(int c)
{
	uart_putc(c);
	vga_putc(c);
}

static void
put(int c, void *arg)
{
	(void)arg;
	console_putc(c);
}

int
vprintf(const char *fmt, va_list ap)
{
	return vprintfmt(put, 0, fmt, ap);
}

int
printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
