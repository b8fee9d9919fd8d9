#if LAB >= 2
/*
 * The interrupt descriptor table: for each of the 256 vectors, where the
 * CPU jumps (the vector's stub in trapentry.S), on which stack (an IST slot
 * for the faults that must work without a kernel stack) and from which
 * privilege levels software may raise it with an int instruction.
 */
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"
#include "debug/panic.h"
#if LAB >= 6
#include "sys/syscall_nr.h"
#endif

/* A 64-bit interrupt gate descriptor (Intel SDM vol. 3, figure 6-8). */
struct idt_gate {
	uint16_t offset_low;  /* handler address bits 0..15 */
	uint16_t selector;    /* code segment of the handler */
	uint8_t ist;          /* bits 0..2: IST slot, 0 = stay on the current stack */
	uint8_t type_attr;    /* bit 7 present, bits 5..6 DPL, bits 0..3 gate type */
	uint16_t offset_mid;  /* bits 16..31 */
	uint32_t offset_high; /* bits 32..63 */
	uint32_t reserved;
} __attribute__((packed));

#define GATE_INTERRUPT 0xe /* interrupts stay disabled in the handler */
#define STUB_SIZE 16       /* trapentry.S aligns each vector's stub to 16 bytes */

extern char trap_stubs[];
static struct idt_gate idt[NVECTORS];

/*
 * Fill in gate g: an interrupt gate to handler in the kernel code segment,
 * switching to IST slot ist (0 for none), which code at privilege dpl or
 * more privileged may raise with int.
 */
static void
idt_set_gate(struct idt_gate *g, uint64_t handler, int ist, int dpl)
{
#if SOL >= 2 /* exercise idt-gates */
	g->offset_low = handler & 0xffff;
	g->selector = SEG_KCODE;
	g->ist = ist & 7;
	g->type_attr = 0x80 | (dpl & 3) << 5 | GATE_INTERRUPT;
	g->offset_mid = handler >> 16 & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
#else
	/*
	 * LAB 2: your code here (exercise idt-gates).
	 * Split handler over the three offset fields, use the kernel code
	 * selector, and set the IST slot, the type (an interrupt gate), the
	 * DPL and the present bit as the Intel manual's figure 6-8 lays out.
	 */
	(void)g, (void)handler, (void)ist, (void)dpl;
	panic("idt_set_gate: not implemented (exercise idt-gates)");
#endif
}

void
idt_init(void)
{
	for (int v = 0; v < NVECTORS; v++) {
		int ist = v == T_DBLFLT ? IST_DOUBLE_FAULT
			  : v == T_NMI  ? IST_NMI
			  : v == T_MCHK ? IST_MACHINE_CHECK
					: 0;
		/* Only int3 may be raised from user mode (debuggers); any other
		   int n from ring 3 becomes a #GP. */
		int dpl = v == T_BRKPT ? 3 : 0;
#if LAB >= 6
		if (v == T_SYSCALL) /* and int $0x80, the system call */
			dpl = 3;
#endif
		idt_set_gate(&idt[v], (uint64_t)&trap_stubs[v * STUB_SIZE], ist, dpl);
	}

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
#endif
