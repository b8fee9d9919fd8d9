#if LAB >= 2
/*
 * The local APIC (xAPIC mode, memory-mapped): each CPU's own interrupt
 * controller. It accepts interrupts from the I/O APIC and other CPUs, takes
 * the end-of-interrupt, and has a timer that counts down at the bus clock
 * divided by 16.
 */
#ifndef ARCH_X86_LAPIC_H
#define ARCH_X86_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Enable this CPU's local APIC at physical address pa: spurious vector
 * T_SPURIOUS, errors to T_LAPIC_ERROR, LINT0/LINT1 and the timer masked,
 * TPR 0. Returns false, with *why set and nothing changed, if it cannot.
 */
bool lapic_init(uint64_t pa, const char **why);

/* This CPU's local APIC id. */
uint32_t lapic_id(void);

/* End of interrupt for the interrupt being handled. */
void lapic_eoi(void);

/* Read and clear the error status register (the ESR bits). */
uint32_t lapic_error_status(void);

/* Send vector to this CPU; false if the APIC never reported it delivered. */
bool lapic_send_self_ipi(int vector);

/* Start the timer from count (in bus clocks / 16): once, or every count, raising vector. */
void lapic_timer_start(uint32_t count, int vector, bool periodic);

/* Stop the timer (masked, count 0). */
void lapic_timer_stop(void);

/* The timer's current count: it counts down to 0 from the start count. */
uint32_t lapic_timer_count(void);

#define LAPIC_TIMER_DIVIDE 16

#endif
#endif
