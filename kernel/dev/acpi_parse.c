#if LAB >= 2
/*
 * Checking and parsing ACPI structures given as bytes. Nothing here knows
 * where the bytes came from, so the host unit tests feed it good and broken
 * tables; dev/acpi.c finds the tables in physical memory. Every read is
 * bounds-checked against a length that was itself checked first, and values
 * are read byte by byte: the tables are packed and little-endian.
 */
#include "dev/acpi.h"

#define MADT_ENTRIES 44 /* header, local APIC address, flags */

/* MADT entry types (ACPI 6.5, table 5.21) and the bytes each needs. */
#define MADT_CPU 0
#define MADT_CPU_LEN 8
#define MADT_IOAPIC 1
#define MADT_IOAPIC_LEN 12
#define MADT_OVERRIDE 2
#define MADT_OVERRIDE_LEN 10
#define MADT_LAPIC_ADDR 5
#define MADT_LAPIC_ADDR_LEN 12

#define CPU_ENABLED 0x1

/* MPS INTI flags of an override: polarity in bits 0-1, trigger mode in bits 2-3. */
#define INTI_CONFORMS 0 /* the bus's default: for ISA, active high and edge */
#define INTI_HIGH_OR_EDGE 1
#define INTI_RESERVED 2
#define INTI_LOW_OR_LEVEL 3

static uint32_t
le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static uint64_t
le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static bool
fail(const char **why, const char *what)
{
	*why = what;
	return false;
}

uint8_t
acpi_checksum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += b[i];
	return sum;
}

static bool
same_sig(const uint8_t *p, const char *sig, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return false;
	return true;
}

bool
acpi_rsdp_parse(const void *p, size_t avail, struct acpi_rsdp_info *out, const char **why)
{
	const uint8_t *b = p;

	if (avail < ACPI_RSDP_V1_LEN || !same_sig(b, "RSD PTR ", 8))
		return fail(why, "no signature");
	if (acpi_checksum(b, ACPI_RSDP_V1_LEN) != 0)
		return fail(why, "checksum is wrong");
	out->root = le32(b + 16);
	out->entry_size = 4;
	if (b[15] >= 2) { /* revision */
		if (avail < ACPI_RSDP_V2_LEN)
			return fail(why, "cut off");
		uint32_t len = le32(b + 20);
		if (len < ACPI_RSDP_V2_LEN || len > avail)
			return fail(why, "length is wrong");
		if (acpi_checksum(b, len) != 0)
			return fail(why, "extended checksum is wrong");
		uint64_t xsdt = le64(b + 24);
		if (xsdt != 0) {
			out->root = xsdt;
			out->entry_size = 8;
		}
	}
	if (out->root == 0)
		return fail(why, "gives no root table");
	return true;
}

bool
acpi_sdt_check(const void *p, size_t avail, const char *sig, const char **why)
{
	const uint8_t *b = p;

	if (avail < ACPI_SDT_HEADER_LEN)
		return fail(why, "header is cut off");
	if (!same_sig(b, sig, 4))
		return fail(why, "signature is wrong");
	uint32_t len = le32(b + 4);
	if (len < ACPI_SDT_HEADER_LEN)
		return fail(why, "length is shorter than the header");
	if (len > avail || len > ACPI_MAX_TABLE_LEN)
		return fail(why, "length is too large");
	if (acpi_checksum(b, len) != 0)
		return fail(why, "checksum is wrong");
	return true;
}

int
acpi_root_count(const void *root, int entry_size)
{
	return (int)((le32((const uint8_t *)root + 4) - ACPI_SDT_HEADER_LEN) /
		     (uint32_t)entry_size);
}

uint64_t
acpi_root_entry(const void *root, int entry_size, int i)
{
	const uint8_t *e = (const uint8_t *)root + ACPI_SDT_HEADER_LEN + (size_t)i * entry_size;
	return entry_size == 8 ? le64(e) : le32(e);
}

/* Decode one half of the INTI flags; false for the reserved value. */
static bool
inti(uint32_t bits, bool *low_or_level)
{
	*low_or_level = bits == INTI_LOW_OR_LEVEL;
	return bits != INTI_RESERVED;
}

static bool
add_override(struct acpi_madt_info *out, const uint8_t *e, const char **why)
{
	uint32_t bus = e[2], irq = e[3], flags = le16(e + 8);
	struct acpi_override o = { .irq = (uint8_t)irq, .gsi = le32(e + 4) };

	if (bus != 0 || irq >= 16)
		return fail(why, "override is not for an ISA IRQ");
	if (!inti(flags & 3, &o.active_low) || !inti(flags >> 2 & 3, &o.level))
		return fail(why, "override has reserved flags");
	for (int i = 0; i < out->noverrides; i++)
		if (out->override[i].irq == irq)
			return fail(why, "has two overrides for one IRQ");
	out->override[out->noverrides++] = o;
	return true;
}

/* Record the MADT entry at e, whose len bytes are known to lie inside the table. */
static bool
add_entry(struct acpi_madt_info *out, const uint8_t *e, uint32_t len, const char **why)
{
	switch (e[0]) {
	case MADT_CPU:
		if (len < MADT_CPU_LEN)
			return fail(why, "processor entry is too short");
		if (!(le32(e + 4) & CPU_ENABLED))
			return true;
		if (out->ncpus == ACPI_MAX_CPUS)
			out->cpus_ignored++;
		else
			out->cpu_apic_id[out->ncpus++] = e[3];
		return true;
	case MADT_IOAPIC:
		if (len < MADT_IOAPIC_LEN)
			return fail(why, "I/O APIC entry is too short");
		if (out->nioapics == ACPI_MAX_IOAPICS)
			return fail(why, "lists too many I/O APICs");
		out->ioapic[out->nioapics++] = (struct acpi_ioapic){ .id = e[2],
								     .addr = le32(e + 4),
								     .gsi_base = le32(e + 8) };
		return true;
	case MADT_OVERRIDE:
		if (len < MADT_OVERRIDE_LEN)
			return fail(why, "override entry is too short");
		return add_override(out, e, why);
	case MADT_LAPIC_ADDR:
		if (len < MADT_LAPIC_ADDR_LEN)
			return fail(why, "local APIC address entry is too short");
		out->lapic_addr = le64(e + 4);
		return true;
	default:
		return true; /* NMI wiring, x2APIC processors, ...: not needed yet */
	}
}

bool
acpi_madt_parse(const void *p, size_t avail, struct acpi_madt_info *out, const char **why)
{
	const uint8_t *b = p;

	*out = (struct acpi_madt_info){ 0 };
	if (!acpi_sdt_check(p, avail, "APIC", why))
		return false;
	uint32_t len = le32(b + 4);
	if (len < MADT_ENTRIES)
		return fail(why, "too short for its fixed fields");
	out->lapic_addr = le32(b + ACPI_SDT_HEADER_LEN);
	for (uint32_t off = MADT_ENTRIES; off < len;) {
		if (len - off < 2)
			return fail(why, "entry header is cut off");
		uint32_t elen = b[off + 1];
		if (elen < 2)
			return fail(why, "entry length is less than 2");
		if (elen > len - off)
			return fail(why, "entry runs past the table");
		if (!add_entry(out, b + off, elen, why))
			return false;
		off += elen;
	}
	if (out->ncpus == 0)
		return fail(why, "lists no enabled processor");
	if (out->nioapics == 0)
		return fail(why, "lists no I/O APIC");
	if (out->lapic_addr == 0)
		return fail(why, "gives no local APIC address");
	return true;
}
#endif
