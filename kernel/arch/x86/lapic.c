#if LAB >= 2
/*
 * The local APIC through its memory-mapped registers (Intel SDM vol. 3,
 * chapter 11). The registers sit in one 4 KiB page whose physical address
 * the MADT gives and the IA32_APIC_BASE MSR confirms; the boot page tables
 * map it uncached in the direct map. Every register is 32 bits wide on a
 * 16-byte boundary.
 */
#include "arch/x86/lapic.h"
#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "mm/memlayout.h"

#define CPUID_EDX_APIC (1u << 9)

#define IA32_APIC_BASE 0x1b
#define APIC_BASE_X2APIC (1u << 10) /* x2APIC mode: MMIO is off */
#define APIC_BASE_ENABLE (1u << 11)
#define APIC_BASE_ADDR 0x000ffffffffff000ULL

/* Register offsets in bytes. */
#define ID 0x020
#define VERSION 0x030
#define TPR 0x080
#define EOI 0x0b0
#define SVR 0x0f0
#define ESR 0x280
#define ICR_LO 0x300
#define ICR_HI 0x310
#define LVT_TIMER 0x320
#define LVT_THERMAL 0x330
#define LVT_PERF 0x340
#define LVT_LINT0 0x350
#define LVT_LINT1 0x360
#define LVT_ERROR 0x370
#define TIMER_INIT 0x380
#define TIMER_CURRENT 0x390
#define TIMER_DIVIDE 0x3e0

#define SVR_ENABLE 0x100
#define LVT_MASKED 0x10000
#define LVT_PERIODIC 0x20000
#define ICR_PENDING 0x1000 /* delivery status: send pending */
#define ICR_ASSERT 0x4000
#define ICR_SELF 0x40000 /* destination shorthand 01: this CPU */
#define DIVIDE_BY_16 0x3
#define IPI_SPINS 1000000

static volatile uint32_t *lapic; /* the register page in the direct map; NULL until lapic_init */

static uint32_t
rd(int reg)
{
	return lapic[reg / 4];
}

static void
wr(int reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

bool
lapic_init(uint64_t pa, const char **why)
{
	uint32_t regs[4];

	cpuid(1, regs);
	if (!(regs[3] & CPUID_EDX_APIC)) {
		*why = "the CPU has no local APIC";
		return false;
	}
	uint64_t base = rdmsr(IA32_APIC_BASE);
	if (base & APIC_BASE_X2APIC) {
		*why = "the local APIC is in x2APIC mode";
		return false;
	}
	if ((base & APIC_BASE_ADDR) != pa) {
		*why = "the MADT's local APIC address differs from IA32_APIC_BASE";
		return false;
	}
	if (!(base & APIC_BASE_ENABLE))
		wrmsr(IA32_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = p2v(pa);

	wr(SVR, SVR_ENABLE | T_SPURIOUS);
	wr(LVT_TIMER, LVT_MASKED);
	/* LINT0 carries the 8259's output and LINT1 usually NMI: nothing uses either. */
	wr(LVT_LINT0, LVT_MASKED);
	wr(LVT_LINT1, LVT_MASKED);
	uint32_t max_lvt = rd(VERSION) >> 16 & 0xff;
	if (max_lvt >= 4)
		wr(LVT_PERF, LVT_MASKED);
	if (max_lvt >= 5)
		wr(LVT_THERMAL, LVT_MASKED);
	wr(LVT_ERROR, T_LAPIC_ERROR);
	lapic_error_status(); /* clear what the firmware left */
	wr(EOI, 0);           /* acknowledge anything still in service */
	wr(TPR, 0);           /* accept every priority */
	return true;
}

uint32_t
lapic_id(void)
{
	return rd(ID) >> 24;
}

void
lapic_eoi(void)
{
	wr(EOI, 0);
}

uint32_t
lapic_error_status(void)
{
	wr(ESR, 0); /* the write latches the errors seen since the last one */
	return rd(ESR);
}

bool
lapic_send_self_ipi(int vector)
{
	wr(ICR_HI, 0);
	wr(ICR_LO, ICR_SELF | ICR_ASSERT | (uint32_t)vector);
	for (int i = 0; i < IPI_SPINS; i++)
		if (!(rd(ICR_LO) & ICR_PENDING))
			return true;
	return false;
}

void
lapic_timer_start(uint32_t count, int vector, bool periodic)
{
	wr(TIMER_DIVIDE, DIVIDE_BY_16);
	wr(LVT_TIMER, (uint32_t)vector | (periodic ? LVT_PERIODIC : 0));
	wr(TIMER_INIT, count);
}

void
lapic_timer_stop(void)
{
	wr(LVT_TIMER, LVT_MASKED);
	wr(TIMER_INIT, 0);
}

uint32_t
lapic_timer_count(void)
{
	return rd(TIMER_CURRENT);
}
#endif
