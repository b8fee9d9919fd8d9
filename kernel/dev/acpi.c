#if LAB >= 2
/*
 * Finding the MADT in physical memory. The firmware leaves the RSDP on a
 * 16-byte boundary in the first KiB of the EBDA or in the BIOS area
 * 0xE0000-0xFFFFF; it points to the RSDT (32-bit entries) or, from ACPI 2.0
 * on, the XSDT (64-bit entries), which lists every other table. Physical
 * memory below 4 GiB is readable through the direct map, which bounds what a
 * table may claim; dev/acpi_parse.c checks the bytes.
 */
#include "dev/acpi.h"
#include "dev/console.h"
#include "mm/memlayout.h"

#define BDA_EBDA_SEGMENT 0x40e /* BIOS data area: the EBDA's real-mode segment */
#define EBDA_SEARCH_LEN 1024
#define BIOS_AREA 0xe0000
#define BIOS_AREA_END 0x100000
#define LOW_MEMORY_END 0xa0000
#define DIRECT_MAP_END 0x100000000ULL /* the boot page tables map 4 GiB */

static bool
warn(const char *table, const char *why)
{
	printf("acpi: warning: %s: %s\n", table, why);
	return false;
}

/* Scan [pa, end) for a valid RSDP; a bad candidate sets *why, and the scan goes on. */
static bool
scan_rsdp(uint64_t pa, uint64_t end, struct acpi_rsdp_info *out, const char **why)
{
	for (; pa + ACPI_RSDP_V1_LEN <= end; pa += 16) {
		const char *sig = p2v(pa);
		if (sig[0] != 'R' || sig[1] != 'S' || sig[2] != 'D' || sig[3] != ' ')
			continue;
		if (acpi_rsdp_parse(sig, end - pa, out, why))
			return true;
	}
	return false;
}

static bool
find_rsdp(struct acpi_rsdp_info *out)
{
	const char *why = "not found (the firmware has no ACPI tables)";
	const uint16_t *segment = p2v(BDA_EBDA_SEGMENT);
	uint64_t ebda = (uint64_t)*segment << 4;

	if (ebda != 0 && ebda + EBDA_SEARCH_LEN <= LOW_MEMORY_END &&
	    scan_rsdp(ebda, ebda + EBDA_SEARCH_LEN, out, &why))
		return true;
	if (scan_rsdp(BIOS_AREA, BIOS_AREA_END, out, &why))
		return true;
	return warn("RSDP", why);
}

/* The table at pa if it is readable and has signature sig (checked later), else NULL. */
static const void *
table_at(uint64_t pa, const char *sig)
{
	if (pa == 0 || pa >= DIRECT_MAP_END - ACPI_SDT_HEADER_LEN)
		return NULL;
	const char *t = p2v(pa);
	for (int i = 0; i < 4; i++)
		if (t[i] != sig[i])
			return NULL;
	return t;
}

bool
acpi_init(struct acpi_madt_info *out)
{
	struct acpi_rsdp_info rsdp;
	const char *why;

	if (!find_rsdp(&rsdp))
		return false;
	const char *root_name = rsdp.entry_size == 8 ? "XSDT" : "RSDT";
	const void *root = table_at(rsdp.root, root_name);
	if (!root)
		return warn(root_name, "missing or above 4 GiB");
	if (!acpi_sdt_check(root, DIRECT_MAP_END - rsdp.root, root_name, &why))
		return warn(root_name, why);

	int n = acpi_root_count(root, rsdp.entry_size);
	for (int i = 0; i < n; i++) {
		uint64_t pa = acpi_root_entry(root, rsdp.entry_size, i);
		const void *madt = table_at(pa, "APIC");
		if (!madt)
			continue;
		if (!acpi_madt_parse(madt, DIRECT_MAP_END - pa, out, &why))
			return warn("MADT", why);
		if (out->cpus_ignored)
			printf("acpi: warning: MADT: %d processors past the first %d ignored\n",
			       out->cpus_ignored, ACPI_MAX_CPUS);
		printf("acpi: MADT: %d CPU%s", out->ncpus, out->ncpus == 1 ? "" : "s");
		for (int j = 0; j < out->nioapics; j++)
			printf(", I/O APIC at 0x%x (GSI %u)", out->ioapic[j].addr,
			       out->ioapic[j].gsi_base);
		printf(", %d override%s\n", out->noverrides, out->noverrides == 1 ? "" : "s");
		return true;
	}
	return warn(root_name, "lists no MADT");
}
#endif
