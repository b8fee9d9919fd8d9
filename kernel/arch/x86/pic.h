#if LAB >= 2
/*
 * The 8259A PIC pair (master at 0x20, slave at 0xA0 on the master's IRQ 2).
 * It is always remapped and masked, because after a BIOS boot it delivers
 * IRQs 0-7 on vectors 8-15, on top of CPU exceptions; it routes IRQs only in
 * the fallback mode without an I/O APIC.
 */
#ifndef ARCH_X86_PIC_H
#define ARCH_X86_PIC_H

/* Remap IRQs 0-15 to vectors T_IRQ0..T_IRQ0 + 15 and mask every line. */
void pic_init(void);

/* Unmask ISA IRQ irq (0..15), and the cascade line for the slave's IRQs. */
void pic_enable(int irq);

/* End of interrupt for IRQ irq; nothing for a spurious IRQ 7 or 15 (no bit in service). */
void pic_eoi(int irq);

#endif
#endif
