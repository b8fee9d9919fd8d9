/* Port I/O and halting. Only arch/x86/ and device drivers include this. */
#ifndef ARCH_X86_IO_H
#define ARCH_X86_IO_H

#include <stdint.h>

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

#if LAB >= 5
static inline uint16_t
inw(uint16_t port)
{
	uint16_t v;
	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t
inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
#endif

/* Read count 32-bit words from port into buf (ATA PIO data transfers). */
static inline void
insl(uint16_t port, void *buf, uint32_t count)
{
	__asm__ volatile("cld; rep insl" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

#if LAB >= 5
/* Write count 32-bit words from buf to port (ATA PIO writes). */
static inline void
outsl(uint16_t port, const void *buf, uint32_t count)
{
	__asm__ volatile("cld; rep outsl" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}
#endif

/* Stop this CPU for good (interrupts off, hlt in a loop). */
static inline void halt_forever(void) __attribute__((noreturn));

static inline void
halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif
