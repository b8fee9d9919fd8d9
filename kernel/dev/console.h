/* The console: everything printed goes to COM1 and to the VGA screen. */
#ifndef DEV_CONSOLE_H
#define DEV_CONSOLE_H

#include <stdarg.h>

void console_init(void);
void console_putc(int c);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);

#endif
