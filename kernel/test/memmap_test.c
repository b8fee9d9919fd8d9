/*
 * Cleaning the BIOS memory map: whatever order, overlaps or empty entries the
 * firmware reports, the kernel must get a sorted map of disjoint ranges in
 * which reserved memory is never counted as usable.
 */
#include <criterion/criterion.h>
#include <stdint.h>

#include "test/host_names.h"
#include "mm/memmap.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)

static struct memmap map;

static void
clean(const struct e820_entry *e, int n)
{
	memmap_from_e820(&map, e, n);
	const char *why = "";
	cr_assert(memmap_check(&map, &why), "cleaned map fails its check: %s", why);
}

static void
expect_range(int i, uint64_t base, uint64_t end, uint32_t type)
{
	cr_assert_lt(i, map.count);
	cr_expect_eq(map.range[i].base, base, "range %d base %#lx", i, map.range[i].base);
	cr_expect_eq(map.range[i].end, end, "range %d end %#lx", i, map.range[i].end);
	cr_expect_eq(map.range[i].type, type, "range %d type %u", i, map.range[i].type);
}

Test(memmap, qemu_style_map_is_kept)
{
	struct e820_entry e[] = {
		{ 0, 639 * KiB, E820_USABLE, 0 },
		{ 639 * KiB, KiB, E820_RESERVED, 0 },
		{ 0xf0000, 64 * KiB, E820_RESERVED, 0 },
		{ MiB, 127 * MiB, E820_USABLE, 0 },
	};

	clean(e, 4);
	cr_assert_eq(map.count, 4);
	expect_range(0, 0, 639 * KiB, E820_USABLE);
	expect_range(1, 639 * KiB, 640 * KiB, E820_RESERVED);
	expect_range(3, MiB, 128 * MiB, E820_USABLE);
	cr_assert_eq(memmap_usable_bytes(&map), 639 * KiB + 127 * MiB);
}

Test(memmap, unsorted_entries_are_sorted)
{
	struct e820_entry e[] = {
		{ 2 * MiB, MiB, E820_RESERVED, 0 },
		{ MiB, MiB, E820_USABLE, 0 },
		{ 0, 512 * KiB, E820_USABLE, 0 },
	};

	clean(e, 3);
	cr_assert_eq(map.count, 3);
	expect_range(0, 0, 512 * KiB, E820_USABLE);
	expect_range(1, MiB, 2 * MiB, E820_USABLE);
	expect_range(2, 2 * MiB, 3 * MiB, E820_RESERVED);
}

Test(memmap, reserved_beats_usable_where_they_overlap)
{
	struct e820_entry e[] = {
		{ 0, 16 * MiB, E820_USABLE, 0 },
		{ 4 * MiB, MiB, E820_RESERVED, 0 },
	};

	clean(e, 2);
	cr_assert_eq(map.count, 3);
	expect_range(0, 0, 4 * MiB, E820_USABLE);
	expect_range(1, 4 * MiB, 5 * MiB, E820_RESERVED);
	expect_range(2, 5 * MiB, 16 * MiB, E820_USABLE);
	cr_assert_eq(memmap_usable_bytes(&map), 15 * MiB);
}

Test(memmap, higher_type_wins_between_non_usable)
{
	struct e820_entry e[] = {
		{ 0, MiB, E820_USABLE, 0 },
		{ MiB, 2 * MiB, E820_ACPI_RECLAIM, 0 },
		{ 2 * MiB, 2 * MiB, E820_ACPI_NVS, 0 },
	};

	clean(e, 3);
	expect_range(1, MiB, 2 * MiB, E820_ACPI_RECLAIM);
	expect_range(2, 2 * MiB, 4 * MiB, E820_ACPI_NVS);
}

Test(memmap, zero_length_entries_are_dropped)
{
	struct e820_entry e[] = {
		{ 0x5000, 0, E820_RESERVED, 0 },
		{ 0, MiB, E820_USABLE, 0 },
		{ 8 * MiB, 0, E820_USABLE, 0 },
	};

	clean(e, 3);
	cr_assert_eq(map.count, 1);
	expect_range(0, 0, MiB, E820_USABLE);
}

Test(memmap, touching_ranges_of_one_type_merge_and_duplicates_vanish)
{
	struct e820_entry e[] = {
		{ 0, MiB, E820_USABLE, 0 },
		{ MiB, MiB, E820_USABLE, 0 },
		{ 0, MiB, E820_USABLE, 0 },
	};

	clean(e, 3);
	cr_assert_eq(map.count, 1);
	expect_range(0, 0, 2 * MiB, E820_USABLE);
}

Test(memmap, holes_stay_holes)
{
	struct e820_entry e[] = {
		{ 0, MiB, E820_USABLE, 0 },
		{ 4 * MiB, MiB, E820_USABLE, 0 },
	};

	clean(e, 2);
	cr_assert_eq(map.count, 2);
	expect_range(1, 4 * MiB, 5 * MiB, E820_USABLE);
}

Test(memmap, an_entry_past_2_to_the_64_is_clipped)
{
	struct e820_entry e[] = {
		{ 0, MiB, E820_USABLE, 0 },
		{ UINT64_MAX - MiB + 1, 4 * MiB, E820_RESERVED, 0 },
	};

	clean(e, 2);
	cr_assert_eq(map.count, 2);
	cr_assert_eq(map.range[1].base, UINT64_MAX - MiB + 1);
	cr_assert_geq(map.range[1].end, map.range[1].base);
}

Test(memmap, check_rejects_bad_maps)
{
	const char *why = "";

	map.count = 0;
	cr_assert_not(memmap_check(&map, &why));
	cr_assert_str_eq(why, "the memory map is empty");

	map.count = 2;
	map.range[0] = (struct memrange){ 0, 2 * MiB, E820_USABLE };
	map.range[1] = (struct memrange){ MiB, 3 * MiB, E820_USABLE };
	cr_assert_not(memmap_check(&map, &why));
	cr_assert_str_eq(why, "ranges are unsorted or overlap");

	map.count = 1;
	map.range[0] = (struct memrange){ 0, MiB, E820_RESERVED };
	cr_assert_not(memmap_check(&map, &why));
	cr_assert_str_eq(why, "no memory is usable");
}

Test(memmap, type_names)
{
	cr_assert_str_eq(memmap_type_name(E820_USABLE), "usable");
	cr_assert_str_eq(memmap_type_name(E820_RESERVED), "reserved");
	cr_assert_not_null(memmap_type_name(99));
}
