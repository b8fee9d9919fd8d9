#if LAB >= 2
/*
 * Choosing and driving the interrupt controllers. With a good MADT the local
 * APIC and the I/O APIC route ISA IRQs, following the MADT's overrides (on
 * QEMU the PIT's IRQ 0 is wired to GSI 2); the 8259 pair is then remapped
 * and left masked. Without ACPI, or with tables that fail their checks, the
 * 8259 pair routes them. Either way IRQ n arrives on vector T_IRQ0 + n.
 */
#include "arch/x86/irq.h"
#include "arch/x86/ioapic.h"
#include "arch/x86/lapic.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "debug/panic.h"
#include "dev/acpi.h"
#include "dev/console.h"

/* The boot page tables map this window uncached: the APICs' registers must lie in it. */
#define UNCACHED_BASE 0xfe000000ULL
#define UNCACHED_END 0x100000000ULL

static bool use_apic;
static struct acpi_madt_info madt;

static bool
uncached(uint64_t pa)
{
	return pa >= UNCACHED_BASE && pa < UNCACHED_END;
}

/* Bring up the I/O APICs and the local APIC from the MADT; false with *why if one is unusable. */
static bool
apic_init(const char **why)
{
	if (!acpi_init(&madt)) {
		*why = "no usable ACPI MADT";
		return false;
	}
	for (int i = 0; i < madt.nioapics; i++)
		if (!uncached(madt.ioapic[i].addr)) {
			*why = "an I/O APIC lies outside the uncached window";
			return false;
		}
	if (!uncached(madt.lapic_addr)) {
		*why = "the local APIC lies outside the uncached window";
		return false;
	}
	/* The local APIC last: once it is enabled, the PIC's path through LINT0 is closed. */
	return ioapic_init(madt.ioapic, madt.nioapics, why) && lapic_init(madt.lapic_addr, why);
}

/* Errors of the local APIC (a bad vector, a failed send): report the first, second, fourth... */
static void
lapic_error(struct trapframe *tf)
{
	(void)tf;
	uint32_t esr = lapic_error_status();
	uint64_t n = trap_count(T_LAPIC_ERROR);
	if ((n & (n - 1)) == 0)
		printf("irq: warning: local APIC error, ESR 0x%x (%lu so far)\n", esr, n);
}

/* A spurious interrupt has nothing in service: it needs no work and no EOI. */
static void
spurious(struct trapframe *tf)
{
	(void)tf;
}

void
irq_init(void)
{
	const char *why = NULL;

	pic_init();
	use_apic = apic_init(&why);
	if (!use_apic) {
		printf("irq: warning: %s; falling back to the 8259 PIC\n", why);
		printf("irq: 8259 PIC pair, IRQs 0-15 on vectors %d-%d\n", T_IRQ0, T_IRQ0 + 15);
		return;
	}
	trap_set_handler(T_SPURIOUS, spurious);
	trap_set_handler(T_LAPIC_ERROR, lapic_error);
	printf("irq: local APIC %u at 0x%lx, I/O APIC at 0x%x, %d ISA override%s\n", lapic_id(),
	       madt.lapic_addr, madt.ioapic[0].addr, madt.noverrides,
	       madt.noverrides == 1 ? "" : "s");
}

void
irq_enable(int irq)
{
	if (irq < 0 || irq >= 16)
		panic("irq_enable: no ISA IRQ %d", irq);
	if (!use_apic) {
		pic_enable(irq);
		return;
	}
	/* ISA's defaults unless the MADT overrides them. */
	struct acpi_override route = { .irq = (uint8_t)irq, .gsi = (uint32_t)irq };
	for (int i = 0; i < madt.noverrides; i++)
		if (madt.override[i].irq == irq)
			route = madt.override[i];
	if (!ioapic_route(route.gsi, T_IRQ0 + irq, lapic_id(), route.active_low, route.level))
		printf("irq: warning: IRQ %d: no I/O APIC has GSI %u; not enabled\n", irq,
		       route.gsi);
}

void
irq_eoi(int vector)
{
	if (use_apic)
		lapic_eoi();
	else if (vector >= T_IRQ0 && vector < T_IRQ0 + 16)
		pic_eoi(vector - T_IRQ0);
}

bool
irq_using_apic(void)
{
	return use_apic;
}
#endif
