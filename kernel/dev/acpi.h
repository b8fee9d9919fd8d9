#if LAB >= 2
/*
 * ACPI, only as far as interrupts need it: the firmware's MADT says where the
 * local APIC and the I/O APICs are, which processors exist, and how ISA IRQs
 * are wired to the I/O APIC's inputs (global system interrupts, GSIs). The
 * tables are input from the firmware: every length is checked before use.
 */
#ifndef DEV_ACPI_H
#define DEV_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACPI_MAX_CPUS 64
#define ACPI_MAX_IOAPICS 4
#define ACPI_MAX_OVERRIDES 16 /* one per ISA IRQ at most */

/* An I/O APIC: its inputs are GSIs gsi_base, gsi_base + 1, ... */
struct acpi_ioapic {
	uint8_t id;
	uint32_t addr; /* physical */
	uint32_t gsi_base;
};

/* ISA IRQ irq arrives on GSI gsi, with the given polarity and trigger mode. */
struct acpi_override {
	uint8_t irq;
	uint32_t gsi;
	bool active_low; /* else active high */
	bool level;      /* else edge */
};

/* What the MADT says (the ISA defaults, edge and active high, already applied). */
struct acpi_madt_info {
	uint64_t lapic_addr; /* physical; an address override entry wins */
	int ncpus;           /* enabled processors recorded in cpu_apic_id[] */
	int cpus_ignored;    /* enabled processors past ACPI_MAX_CPUS */
	uint8_t cpu_apic_id[ACPI_MAX_CPUS];
	int nioapics;
	struct acpi_ioapic ioapic[ACPI_MAX_IOAPICS];
	int noverrides;
	struct acpi_override override[ACPI_MAX_OVERRIDES];
};

/* What the RSDP (root pointer) gives: the XSDT if revision >= 2 has one, else the RSDT. */
struct acpi_rsdp_info {
	uint64_t root;  /* physical address */
	int entry_size; /* 8 for the XSDT's 64-bit entries, 4 for the RSDT's */
};

#define ACPI_RSDP_V1_LEN 20 /* revision 0: signature to RSDT address */
#define ACPI_RSDP_V2_LEN 36 /* revision 2: adds length, XSDT address, extended checksum */
#define ACPI_SDT_HEADER_LEN 36
#define ACPI_MAX_TABLE_LEN 65536 /* longer RSDT, XSDT or MADT: a broken length field */

/*
 * Find the MADT through the RSDP and fill *out. Prints one summary line, or
 * `acpi: warning: <what>` and returns false if a table is missing or bad.
 */
bool acpi_init(struct acpi_madt_info *out);

/*
 * Pure parsing over bytes (dev/acpi_parse.c, unit-tested on the host). Each
 * returns false and points *why at a short description of the first problem.
 */

/* Sum of n bytes mod 256: a valid ACPI structure sums to 0. */
uint8_t acpi_checksum(const void *p, size_t n);

/* Check an RSDP candidate at p (avail readable bytes): signature, checksums, lengths. */
bool acpi_rsdp_parse(const void *p, size_t avail, struct acpi_rsdp_info *out, const char **why);

/* Check a system description table at p (avail readable bytes) with signature sig:
 * its length covers the header, fits avail and ACPI_MAX_TABLE_LEN, and it sums to 0. */
bool acpi_sdt_check(const void *p, size_t avail, const char *sig, const char **why);

/* How many entries a checked RSDT (entry_size 4) or XSDT (8) holds. */
int acpi_root_count(const void *root, int entry_size);

/* Entry i (below acpi_root_count) of a checked RSDT or XSDT: a table's physical address. */
uint64_t acpi_root_entry(const void *root, int entry_size, int i);

/* Check the MADT at p (avail readable bytes) and every entry in it, and fill *out. */
bool acpi_madt_parse(const void *p, size_t avail, struct acpi_madt_info *out, const char **why);

#endif
#endif
