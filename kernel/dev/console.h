/* The console: everything printed goes to COM1 and to the VGA screen. */
#ifndef DEV_CONSOLE_H
#define DEV_CONSOLE_H

#include <stdarg.h>

void console_init(void);
void console_putc(int c);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
#if LAB >= 6
#include <stddef.h>
/* Print n bytes as they are (NULs too), not interleaved with another printf or write: a
 * user program's write. */
void console_write(const char *buf, size_t n);
#endif
#if LAB >= 4
/* The kernel is about to panic: print without the console lock from now on. */
void console_panic(void);
#endif

#if LAB >= 2
#include <stdint.h>

/* Where an input character came from; only the keyboard's are timed. */
enum console_source {
	CONSOLE_SERIAL,
	CONSOLE_KEYBOARD,
};

/* What the input queue has seen: the delay from a keyboard character being queued by its
 * interrupt handler to console_getc() handing it out, and the characters dropped when full. */
struct console_input_stats {
	uint64_t last_ns;
	uint64_t max_ns;
	uint64_t keys; /* keyboard characters handed out */
	uint64_t dropped;
};

/* Queue input character c (0..255) from src; called by interrupt handlers with interrupts off.
 * When the queue is full c is dropped and counted. */
void console_input(int c, enum console_source src);

/* The next input character (0..255), waiting for it with interrupts on (needs an interrupt
 * source: the keyboard or COM1). Returns with interrupts on. Not for interrupt handlers. */
int console_getc(void);

/* A consistent copy of the input statistics. */
void console_input_stats(struct console_input_stats *out);
#endif

#endif
