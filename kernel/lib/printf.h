/*
 * The formatting engine behind every printf in the kernel and the loader.
 * Conversions: %d %i %u %x %X %p %s %c %%; sizes l, ll, z; flags '-' (left
 * justify) and '0' (zero pad); a field width; a precision for %s only.
 * %p prints 0x and the hex value; a NULL %s prints "(null)". Anything else
 * after a '%' (an unknown conversion or flag, e.g. "%#x") ends the formatting:
 * the rest of the format is printed as written and no more arguments are read.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Format fmt, handing each output character to put(c, arg). Returns the count. */
int vprintfmt(void (*put)(int c, void *arg), void *arg, const char *fmt, va_list ap);

/*
 * Format into buf of the given size, always NUL-terminated when size > 0.
 * Returns the length the whole result would have, like C's snprintf.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
