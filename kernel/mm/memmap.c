/*
 * Sanitising the E820 map. BIOSes return entries unsorted, overlapping,
 * sometimes empty. The clean map is computed by a sweep: cut the address
 * space at every entry's start and end, give each piece the strongest type of
 * the entries covering it, and merge equal neighbours. With at most 64
 * entries the quadratic loops cost nothing.
 */
#include "mm/memmap.h"

/* Which of two types wins where entries overlap. */
static uint32_t
stronger(uint32_t a, uint32_t b)
{
	if (a == E820_USABLE)
		return b;
	if (b == E820_USABLE)
		return a;
	return a > b ? a : b;
}

static uint64_t
entry_end(const struct e820_entry *e)
{
	uint64_t end = e->base + e->length;
	return end < e->base ? UINT64_MAX : end; /* clip at 2^64 */
}

/* Sort the cut points ascending (insertion sort: at most 2 * 64 of them). */
static void
sort_points(uint64_t *p, int n)
{
	for (int i = 1; i < n; i++) {
		uint64_t v = p[i];
		int j = i;
		for (; j > 0 && p[j - 1] > v; j--)
			p[j] = p[j - 1];
		p[j] = v;
	}
}

/* Type of the piece [lo, hi): the strongest covering entry, 0 if none. */
static uint32_t
piece_type(const struct e820_entry *e, int n, uint64_t lo, uint64_t hi)
{
	uint32_t type = 0;

	for (int i = 0; i < n; i++)
		if (e[i].length && e[i].base <= lo && entry_end(&e[i]) >= hi)
			type = type ? stronger(type, e[i].type) : e[i].type;
	return type;
}

void
memmap_from_e820(struct memmap *m, const struct e820_entry *e, int n)
{
	uint64_t point[2 * BOOTINFO_MAX_E820];
	int npoints = 0;

	if (n > BOOTINFO_MAX_E820)
		n = BOOTINFO_MAX_E820;
	for (int i = 0; i < n; i++) {
		if (e[i].length == 0)
			continue;
		point[npoints++] = e[i].base;
		point[npoints++] = entry_end(&e[i]);
	}
	sort_points(point, npoints);

	m->count = 0;
	for (int i = 0; i + 1 < npoints; i++) {
		uint64_t lo = point[i], hi = point[i + 1];
		if (lo == hi)
			continue;
		uint32_t type = piece_type(e, n, lo, hi);
		if (type == 0)
			continue; /* a hole no entry covers */
		struct memrange *last = m->count ? &m->range[m->count - 1] : 0;
		if (last && last->end == lo && last->type == type)
			last->end = hi;
		else
			m->range[m->count++] = (struct memrange){ lo, hi, type };
	}
}

bool
memmap_check(const struct memmap *m, const char **why)
{
	if (m->count <= 0) {
		*why = "the memory map is empty";
		return false;
	}
	for (int i = 0; i < m->count; i++) {
		if (m->range[i].end <= m->range[i].base) {
			*why = "a range is empty or runs backwards";
			return false;
		}
		if (i > 0 && m->range[i].base < m->range[i - 1].end) {
			*why = "ranges are unsorted or overlap";
			return false;
		}
	}
	if (memmap_usable_bytes(m) == 0) {
		*why = "no memory is usable";
		return false;
	}
	return true;
}

uint64_t
memmap_usable_bytes(const struct memmap *m)
{
	uint64_t total = 0;

	for (int i = 0; i < m->count; i++)
		if (m->range[i].type == E820_USABLE)
			total += m->range[i].end - m->range[i].base;
	return total;
}

const char *
memmap_type_name(uint32_t type)
{
	switch (type) {
	case E820_USABLE:
		return "usable";
	case E820_RESERVED:
		return "reserved";
	case E820_ACPI_RECLAIM:
		return "ACPI reclaimable";
	case E820_ACPI_NVS:
		return "ACPI NVS";
	case E820_BAD:
		return "bad";
	default:
		return "unknown";
	}
}
