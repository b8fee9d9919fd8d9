/* The kernel console: printf on top of the UART and the VGA screen. */
#include "dev/console.h"
#include "dev/uart.h"
#include "dev/vga.h"
#include "lib/printf.h"
#if LAB >= 2
#include <stdbool.h>

#include "arch/x86/cpu.h"
#include "dev/clock.h"
#endif
#if LAB >= 4
#include "sync/spinlock.h"
#endif

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

#if LAB >= 4
/*
 * One printf's output is not interleaved with another thread's. Interrupt
 * handlers print too, so the lock is an interrupt-off spinlock. Once the
 * kernel is dying (console_panic) it is no longer taken: the code that
 * failed may hold it, and the report must come out.
 */
static struct spinlock console_lock = SPINLOCK_INIT("console");
static volatile bool console_dying;

void
console_panic(void)
{
	console_dying = true;
}

int
vprintf(const char *fmt, va_list ap)
{
	bool lock = !console_dying;

	if (lock)
		spin_lock(&console_lock);
	int n = vprintfmt(put, 0, fmt, ap);
	if (lock)
		spin_unlock(&console_lock);
	return n;
}

#if LAB >= 6
void
console_write(const char *buf, size_t n)
{
	bool lock = !console_dying;

	if (lock)
		spin_lock(&console_lock);
	for (size_t i = 0; i < n; i++)
		console_putc(buf[i]);
	if (lock)
		spin_unlock(&console_lock);
}
#endif
#else
int
vprintf(const char *fmt, va_list ap)
{
	return vprintfmt(put, 0, fmt, ap);
}
#endif

int
printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

#if LAB >= 2
/*
 * Console input. Interrupt handlers (keyboard, COM1) put characters into a
 * ring buffer; console_getc() takes them out. Handlers run with interrupts
 * off and console_getc() turns them off while it looks at the ring, so on one
 * CPU the two never touch it at once. Waiting uses sti;hlt: an interrupt that
 * arrives between the check and the hlt still wakes the hlt.
 */
#define INPUT_SIZE 256 /* a power of two: head and tail run freely and wrap */

struct input_slot {
	uint64_t queued_ns; /* clock_ns() when queued (keyboard characters only) */
	uint8_t c;
	bool from_keyboard;
};

/* Guarded by interrupts being off. */
static struct {
	struct input_slot slot[INPUT_SIZE];
	uint32_t head; /* next slot to read */
	uint32_t tail; /* next slot to write */
	struct console_input_stats stats;
} input;

void
console_input(int c, enum console_source src)
{
	if (input.tail - input.head == INPUT_SIZE) {
		input.stats.dropped++;
		return;
	}
	struct input_slot *s = &input.slot[input.tail % INPUT_SIZE];
	s->c = (uint8_t)c;
	s->from_keyboard = src == CONSOLE_KEYBOARD;
	s->queued_ns = s->from_keyboard ? clock_ns() : 0;
	input.tail++;
}

int
console_getc(void)
{
	for (;;) {
		cli();
		if (input.head != input.tail) {
			struct input_slot s = input.slot[input.head % INPUT_SIZE];
			input.head++;
			if (s.from_keyboard) {
				uint64_t delay = clock_ns() - s.queued_ns;
				input.stats.last_ns = delay;
				if (delay > input.stats.max_ns)
					input.stats.max_ns = delay;
				input.stats.keys++;
			}
			sti();
			return s.c;
		}
		wait_for_interrupt();
	}
}

void
console_input_stats(struct console_input_stats *out)
{
	bool was_on = read_rflags() & RFLAGS_IF;

	cli();
	*out = input.stats;
	if (was_on)
		sti();
}
#endif
