#if LAB >= 2
/*
 * Time. The PIT, whose rate is fixed by the hardware (1.193182 MHz), is the
 * reference: against it clock_init() measures the TSC and the local APIC
 * timer, then starts a periodic tick at HZ (the LAPIC timer; the PIT itself
 * when the kernel fell back to the 8259 PIC).
 */
#ifndef DEV_CLOCK_H
#define DEV_CLOCK_H

#include <stdint.h>

#define HZ 100 /* ticks per second */

/* Calibrate the TSC and LAPIC timer and start the tick; needs irq_init() and interrupts may be
 * off. */
void clock_init(void);

/* Ticks since clock_init(). */
uint64_t clock_ticks(void);

/* Nanoseconds since clock_init(), from the calibrated TSC; never goes backwards. */
uint64_t clock_ns(void);

/* The measured TSC rate in Hz. */
uint64_t clock_tsc_hz(void);

#endif
#endif
