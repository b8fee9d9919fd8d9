#if LAB >= 2
/*
 * I/O APIC registers are indirect: write a register number to IOREGSEL,
 * then read or write IOWIN (82093AA datasheet). Redirection entry n is the
 * register pair 0x10 + 2n (low: vector, modes, mask) and 0x11 + 2n (high:
 * destination APIC id in the top byte). Entries are written with the mask
 * set until both halves are right.
 */
#include "arch/x86/ioapic.h"
#include "mm/memlayout.h"

#define IOREGSEL 0x00
#define IOWIN 0x10

#define REG_VERSION 0x01
#define REG_REDIR 0x10

#define REDIR_ACTIVE_LOW (1u << 13)
#define REDIR_LEVEL (1u << 15)
#define REDIR_MASKED (1u << 16)

static struct {
	volatile uint32_t *regs; /* the register window in the direct map */
	uint32_t gsi_base;
	uint32_t ninputs; /* redirection entries */
} ioapic[ACPI_MAX_IOAPICS];
static int nioapic;

static uint32_t
rd(int i, uint32_t reg)
{
	ioapic[i].regs[IOREGSEL / 4] = reg;
	return ioapic[i].regs[IOWIN / 4];
}

static void
wr(int i, uint32_t reg, uint32_t v)
{
	ioapic[i].regs[IOREGSEL / 4] = reg;
	ioapic[i].regs[IOWIN / 4] = v;
}

bool
ioapic_init(const struct acpi_ioapic *list, int n, const char **why)
{
	nioapic = 0;
	for (int i = 0; i < n; i++) {
		ioapic[i].regs = p2v(list[i].addr);
		ioapic[i].gsi_base = list[i].gsi_base;
		uint32_t version = rd(i, REG_VERSION);
		if (version == 0xffffffff) {
			*why = "no I/O APIC answers at the MADT's address";
			return false;
		}
		ioapic[i].ninputs = (version >> 16 & 0xff) + 1;
		for (uint32_t in = 0; in < ioapic[i].ninputs; in++) {
			wr(i, REG_REDIR + 2 * in, REDIR_MASKED);
			wr(i, REG_REDIR + 2 * in + 1, 0);
		}
	}
	nioapic = n;
	return true;
}

bool
ioapic_route(uint32_t gsi, int vector, uint32_t apic_id, bool active_low, bool level)
{
	for (int i = 0; i < nioapic; i++) {
		if (gsi < ioapic[i].gsi_base || gsi - ioapic[i].gsi_base >= ioapic[i].ninputs)
			continue;
		uint32_t in = gsi - ioapic[i].gsi_base;
		uint32_t lo = (uint32_t)vector | (active_low ? REDIR_ACTIVE_LOW : 0) |
			      (level ? REDIR_LEVEL : 0);
		wr(i, REG_REDIR + 2 * in, lo | REDIR_MASKED);
		wr(i, REG_REDIR + 2 * in + 1, apic_id << 24);
		wr(i, REG_REDIR + 2 * in, lo);
		return true;
	}
	return false;
}
#endif
