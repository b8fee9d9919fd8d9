#if LAB >= 2
/*
 * Interrupt controllers. irq_init() looks for the local APIC and I/O APIC
 * through ACPI's MADT; if the tables are missing or bad it says so and falls
 * back to the 8259 PIC. Either way, ISA IRQ n arrives on T_IRQ0 + n.
 */
#ifndef ARCH_X86_IRQ_H
#define ARCH_X86_IRQ_H

#include <stdbool.h>

/* Find and program the interrupt controllers; all IRQs start masked. */
void irq_init(void);

/* Route ISA IRQ irq (0..15) to vector T_IRQ0 + irq on the boot CPU and unmask it. */
void irq_enable(int irq);

/* Signal end of interrupt for vector (>= T_IRQ0) to whichever controller raised it. */
void irq_eoi(int vector);

/* True when the local APIC and I/O APIC are in use, false in PIC fallback. */
bool irq_using_apic(void);

#endif
#endif
