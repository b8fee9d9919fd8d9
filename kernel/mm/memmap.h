/*
 * The physical memory map, made from the BIOS E820 list: sorted by address,
 * no overlaps, no empty ranges, neighbours of the same type merged.
 */
#ifndef MM_MEMMAP_H
#define MM_MEMMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"

#define MEMMAP_MAX (2 * BOOTINFO_MAX_E820) /* n ranges can cut memory into 2n-1 pieces */

struct memrange {
	uint64_t base;
	uint64_t end;  /* exclusive */
	uint32_t type; /* E820_USABLE, E820_RESERVED, ... */
};

struct memmap {
	int count;
	struct memrange range[MEMMAP_MAX];
};

/*
 * Build a clean map from n raw E820 entries (n <= BOOTINFO_MAX_E820).
 * Where entries overlap, any type beats usable, and among the others the
 * higher type number wins. Zero-length entries are dropped and ranges are
 * clipped at 2^64.
 */
void memmap_from_e820(struct memmap *m, const struct e820_entry *e, int n);

/* True if m is non-empty, sorted, non-overlapping and has usable memory; else *why says what is
 * wrong. */
bool memmap_check(const struct memmap *m, const char **why);

/* Total bytes of usable memory. */
uint64_t memmap_usable_bytes(const struct memmap *m);

/* "usable", "reserved", "ACPI reclaimable", ... */
const char *memmap_type_name(uint32_t type);

#endif
