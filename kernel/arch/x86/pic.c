#if LAB >= 2
/*
 * Programming the 8259A pair with its four initialisation words, then
 * masking, unmasking and acknowledging lines. A line the PIC raised and then
 * withdrew arrives as IRQ 7 (or 15 on the slave) with no bit set in the
 * in-service register; acknowledging it would end some other interrupt, so
 * pic_eoi() looks first.
 */
#include "arch/x86/pic.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define MASTER_CMD 0x20
#define MASTER_DATA 0x21
#define SLAVE_CMD 0xa0
#define SLAVE_DATA 0xa1

#define ICW1_INIT 0x11 /* initialise, edge-triggered, cascaded, ICW4 follows */
#define ICW4_8086 0x01 /* 8086 mode, normal (not automatic) EOI */
#define OCW2_EOI 0x20  /* non-specific end of interrupt */
#define OCW3_READ_ISR 0x0b
#define CASCADE_IRQ 2

/* Mask bits of IRQs 0-15, master in the low byte; only changed with interrupts off. */
static uint16_t mask = 0xffff;

static void
write_mask(void)
{
	outb(MASTER_DATA, (uint8_t)mask);
	outb(SLAVE_DATA, (uint8_t)(mask >> 8));
}

void
pic_init(void)
{
	outb(MASTER_CMD, ICW1_INIT);
	outb(SLAVE_CMD, ICW1_INIT);
	outb(MASTER_DATA, T_IRQ0);           /* ICW2: vector of IRQ 0 */
	outb(SLAVE_DATA, T_IRQ0 + 8);        /* ICW2: vector of IRQ 8 */
	outb(MASTER_DATA, 1 << CASCADE_IRQ); /* ICW3: a slave hangs on IRQ 2 */
	outb(SLAVE_DATA, CASCADE_IRQ);       /* ICW3: the slave's identity */
	outb(MASTER_DATA, ICW4_8086);
	outb(SLAVE_DATA, ICW4_8086);
	mask = 0xffff;
	write_mask();
}

void
pic_enable(int irq)
{
	mask &= (uint16_t) ~(1u << irq);
	if (irq >= 8)
		mask &= (uint16_t) ~(1u << CASCADE_IRQ);
	write_mask();
}

static uint8_t
in_service(uint16_t cmd)
{
	outb(cmd, OCW3_READ_ISR);
	return inb(cmd);
}

void
pic_eoi(int irq)
{
	if (irq == 7 && !(in_service(MASTER_CMD) & 0x80))
		return;
	if (irq == 15 && !(in_service(SLAVE_CMD) & 0x80)) {
		outb(MASTER_CMD, OCW2_EOI); /* the master did see the cascade line */
		return;
	}
	if (irq >= 8)
		outb(SLAVE_CMD, OCW2_EOI);
	outb(MASTER_CMD, OCW2_EOI);
}
#endif
