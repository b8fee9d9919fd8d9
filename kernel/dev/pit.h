#if LAB >= 2
/*
 * The 8254 programmable interval timer: three 16-bit counters fed by a
 * 1.193182 MHz clock, a rate the hardware fixes, which makes it the
 * reference the other clocks are measured against.
 */
#ifndef DEV_PIT_H
#define DEV_PIT_H

#include <stdint.h>

#define PIT_HZ 1193182

/* Start channel 2 counting down, one count per PIT clock, wrapping from 0 to 65535. */
void pit_counter_start(void);

/* Channel 2's count now (latched, so both bytes belong to one moment). */
uint16_t pit_counter_read(void);

/* Raise IRQ 0 hz times a second from channel 0. */
void pit_periodic(int hz);

#endif
#endif
