#if LAB >= 3
/*
 * The buddy allocator over fake memory maps: only its struct page array is
 * real (here, calloc'd), so any touch of a "physical" frame would crash the
 * test. Checked: splitting and merging at every order, exhaustion, natural
 * alignment, a random stress against a reference model of allocated frames,
 * bad frees reported and ignored, and odd maps (unaligned, above 4 GiB,
 * tiny), plus where the page array goes.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "test/host_names.h"
#include "mm/buddy.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)
#define BLOCK_BYTES(order) (PAGE_SIZE << (order))

static struct memmap map;
static struct page *array;
static uint64_t nframes;

static int nbad;
static uint64_t bad_pa;
static const char *bad_why;

static void
record_bad_free(uint64_t pa, const char *why, uint64_t caller)
{
	(void)caller;
	nbad++;
	bad_pa = pa;
	bad_why = why;
}

static void
teardown(void)
{
	free(array);
	array = NULL;
}

/* Manage the usable RAM of e[0..n-1] minus res[0..nres-1]. */
static void
boot(const struct e820_entry *e, int n, const struct memrange *res, int nres)
{
	memmap_from_e820(&map, e, n);
	nframes = buddy_frames_spanned(&map);
	free(array);
	array = calloc(nframes ? nframes : 1, sizeof(struct page));
	cr_assert_not_null(array);
	nbad = 0;
	buddy_init_with(&map, array, nframes, res, nres, record_bad_free);
}

/* One usable range [base, base + size). */
static void
boot_range(uint64_t base, uint64_t size)
{
	struct e820_entry e[] = { { base, size, E820_USABLE, 0 } };
	boot(e, 1, NULL, 0);
}

/* What the grader computes from the memmap: whole frames inside usable ranges. */
static uint64_t
usable_frames(void)
{
	uint64_t f = 0;

	for (int i = 0; i < map.count; i++) {
		uint64_t first = (map.range[i].base + PAGE_SIZE - 1) / PAGE_SIZE;
		uint64_t end = map.range[i].end / PAGE_SIZE;
		if (map.range[i].type == E820_USABLE && end > first)
			f += end - first;
	}
	return f;
}

static void
stats(uint64_t blocks[MAX_ORDER + 1])
{
	uint64_t owned[NOWNERS];
	buddy_stats(blocks, owned);
}

static void
expect_same_blocks(const uint64_t a[MAX_ORDER + 1], const uint64_t b[MAX_ORDER + 1])
{
	for (int k = 0; k <= MAX_ORDER; k++)
		cr_expect_eq(a[k], b[k], "order %d: %lu free blocks, expected %lu", k, b[k], a[k]);
}

/*
 * The free lists as the page array shows them: every free head naturally aligned, its frames
 * free and not heads, per-order counts matching buddy_stats, no two free buddies of one order
 * left unmerged, and the free frame count right.
 */
static void
check_structure(void)
{
	uint64_t blocks[MAX_ORDER + 1] = { 0 }, want[MAX_ORDER + 1], nfree = 0;

	stats(want);
	for (uint64_t pfn = 0; pfn < nframes; pfn++) {
		struct page *pg = &array[pfn];
		if (pg->owner != OWNER_FREE || !(pg->flags & PAGE_HEAD))
			continue;
		unsigned k = pg->order;
		cr_assert_leq(k, MAX_ORDER);
		cr_assert_eq(pfn % (1ul << k), 0, "free block at frame %lu of order %u unaligned",
			     pfn, k);
		cr_assert_leq(pfn + (1ul << k), nframes);
		for (uint64_t i = 1; i < (1ul << k); i++)
			cr_assert(pg[i].owner == OWNER_FREE && !(pg[i].flags & PAGE_HEAD),
				  "frame %lu inside free block %lu is not a free tail", pfn + i,
				  pfn);
		uint64_t buddy = pfn ^ (1ul << k);
		if (k < MAX_ORDER && buddy < nframes)
			cr_assert(!(array[buddy].owner == OWNER_FREE &&
				    (array[buddy].flags & PAGE_HEAD) && array[buddy].order == k),
				  "free buddies %lu and %lu of order %u not merged", pfn, buddy, k);
		blocks[k]++;
		nfree += 1ul << k;
	}
	expect_same_blocks(want, blocks);
	cr_assert_eq(nfree, buddy_free_frames());
}

static uint64_t rng = 88172645463325252ull;

static uint64_t
xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

TestSuite(buddy, .fini = teardown);

Test(buddy, qemu_map_counts_and_reservations)
{
	struct e820_entry e[] = {
		{ 0, 0x9fc00, E820_USABLE, 0 },           { 0x9fc00, 0x400, E820_RESERVED, 0 },
		{ 0xf0000, 0x10000, E820_RESERVED, 0 },   { MiB, 0x7fe0000 - MiB, E820_USABLE, 0 },
		{ 0x7fe0000, 0x20000, E820_RESERVED, 0 }, { 0xfffc0000, 0x40000, E820_RESERVED, 0 },
	};
	struct memrange res[] = {
		{ 0, MiB, E820_RESERVED },
		{ MiB, 0x2a7000, E820_RESERVED },      /* a kernel image */
		{ 0x2a7000, 0x2e6000, E820_RESERVED }, /* its page array */
	};

	boot(e, 6, res, 3);
	cr_assert_eq(buddy_total_frames(), 159 + (0x7fe0000 - MiB) / PAGE_SIZE);
	cr_assert_eq(buddy_total_frames(), usable_frames());
	cr_assert_eq(buddy_free_frames(), (0x7fe0000 - 0x2e6000) / PAGE_SIZE);

	uint64_t blocks[MAX_ORDER + 1], owned[NOWNERS];
	buddy_stats(blocks, owned);
	cr_assert_eq(owned[OWNER_FREE], buddy_free_frames());
	cr_assert_eq(owned[OWNER_RESERVED], buddy_total_frames() - buddy_free_frames());
	check_structure();

	cr_assert_null(pa_page(0x9f000 + PAGE_SIZE), "a reserved-type frame is not RAM");
	cr_assert_not_null(pa_page(0x9e000), "low memory is RAM, only reserved");
	cr_assert_eq(pa_page(0x9e000)->owner, OWNER_RESERVED);
	cr_assert_eq(pa_page(0x200000)->owner, OWNER_RESERVED, "kernel image");
	cr_assert_eq(pa_page(0x2e5000)->owner, OWNER_RESERVED, "page array");
	cr_assert_eq(pa_page(0x2e6000)->owner, OWNER_FREE);
	cr_assert_null(pa_page(0x7fe0000));
	cr_assert_null(pa_page(4 * GiB));
	for (uint64_t pa = 0; pa < 0x7fe0000; pa += 0x1000 * 37)
		if (pa_page(pa))
			cr_assert_eq(page_pa(pa_page(pa)), pa);
	check_structure();
}

Test(buddy, split_then_merge_restores_one_block)
{
	boot_range(8 * MiB, 4 * MiB); /* exactly one block of MAX_ORDER */
	uint64_t start[MAX_ORDER + 1], now[MAX_ORDER + 1];
	stats(start);
	cr_assert_eq(start[MAX_ORDER], 1);

	struct page *pg = page_alloc(0, OWNER_TEST);
	cr_assert_not_null(pg);
	cr_assert_eq(page_pa(pg), 8 * MiB);
	cr_assert_eq(pg->owner, OWNER_TEST);
	cr_assert_eq(pg->refcount, 1);
	cr_assert_eq(pg->order, 0);
	cr_assert(pg->flags & PAGE_HEAD);
	stats(now);
	for (int k = 0; k < MAX_ORDER; k++)
		cr_expect_eq(now[k], 1, "one free block of order %d after the split", k);
	cr_expect_eq(now[MAX_ORDER], 0);
	check_structure();

	page_free(pg);
	stats(now);
	expect_same_blocks(start, now);
	cr_assert_eq(buddy_free_frames(), 1024);
	check_structure();
}

Test(buddy, coalescing_at_every_order)
{
	boot_range(16 * MiB, 16 * MiB);
	uint64_t start[MAX_ORDER + 1], now[MAX_ORDER + 1];
	stats(start);
	static struct page *held[4096];

	for (unsigned k = 0; k <= MAX_ORDER; k++) {
		uint64_t n = 0;
		struct page *pg;
		while ((pg = page_alloc(k, OWNER_TEST)) != NULL) {
			cr_assert_lt(n, 4096);
			held[n++] = pg;
		}
		cr_assert_eq(n, 4096u >> k, "order %u: %lu blocks", k, n);
		cr_assert_eq(buddy_free_frames(), 0);
		/* Free in a scrambled order: each merge must wait for its buddy. */
		for (uint64_t i = n; i > 1; i--) {
			uint64_t j = xorshift() % i;
			struct page *t = held[i - 1];
			held[i - 1] = held[j];
			held[j] = t;
		}
		for (uint64_t i = 0; i < n; i++)
			page_free(held[i]);
		stats(now);
		for (int o = 0; o <= MAX_ORDER; o++)
			cr_assert_eq(now[o], start[o], "after order %u: order %d has %lu blocks", k,
				     o, now[o]);
		check_structure();
	}
	cr_assert_eq(nbad, 0);
}

Test(buddy, exhaustion_returns_null)
{
	boot_range(MiB, 3 * MiB); /* 768 frames: blocks of 256 + 512 */
	cr_assert_eq(buddy_free_frames(), 768);
	cr_assert_null(page_alloc(MAX_ORDER, OWNER_TEST), "no 4 MiB block in 3 MiB");
	cr_assert_null(page_alloc(MAX_ORDER + 1, OWNER_TEST), "no such order");
	cr_assert_null(page_alloc(0, OWNER_FREE), "not an owner");
	cr_assert_null(page_alloc(0, OWNER_RESERVED), "not an owner");
	cr_assert_null(page_alloc(0, NOWNERS), "not an owner");
	struct page *big = page_alloc(9, OWNER_TEST);
	cr_assert_not_null(big);
	cr_assert_null(page_alloc(9, OWNER_TEST));

	uint64_t n = 0;
	while (page_alloc(0, OWNER_TEST))
		n++;
	cr_assert_eq(n, 256);
	cr_assert_eq(buddy_free_frames(), 0);
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		cr_assert_null(page_alloc(k, OWNER_TEST));
	page_free(big);
	cr_assert_eq(buddy_free_frames(), 512);
	cr_assert_not_null(page_alloc(9, OWNER_TEST));
}

Test(buddy, blocks_are_naturally_aligned)
{
	/* Start at an odd frame so the range's own alignment cannot hide mistakes. */
	boot_range(MiB + 3 * PAGE_SIZE, 64 * MiB);
	for (int i = 0; i < 2000; i++) {
		unsigned k = (unsigned)(xorshift() % (MAX_ORDER + 1));
		struct page *pg = page_alloc(k, OWNER_TEST);
		if (!pg)
			continue;
		cr_assert_eq(page_pa(pg) % BLOCK_BYTES(k), 0, "order %u block at %#lx", k,
			     page_pa(pg));
		cr_assert_geq(page_pa(pg), MiB + 3 * PAGE_SIZE);
		cr_assert_leq(page_pa(pg) + BLOCK_BYTES(k), 65 * MiB + 3 * PAGE_SIZE);
		cr_assert_eq(pg->order, k);
		if (xorshift() % 3 == 0)
			page_free(pg);
	}
	check_structure();
}

/* A random mix of allocations and frees against a reference: a bitmap of allocated frames. */
Test(buddy, random_stress_matches_reference_model)
{
	struct e820_entry e[] = {
		{ 0, 0x9fc00, E820_USABLE, 0 },
		{ MiB, 31 * MiB + 0x800, E820_USABLE, 0 },
		{ 40 * MiB + 0x123, 7 * MiB, E820_USABLE, 0 },
		{ 4 * GiB, 5 * MiB, E820_USABLE, 0 },
	};
	struct memrange res[] = { { 0, MiB, E820_RESERVED }, { 3 * MiB, 5 * MiB, E820_RESERVED } };
	boot(e, 4, res, 2);

	uint8_t *used = calloc(nframes, 1);
	static struct {
		struct page *pg;
		unsigned order;
	} held[3000];
	int nheld = 0;
	uint64_t held_frames = 0, start_free = buddy_free_frames();
	uint64_t start[MAX_ORDER + 1], now[MAX_ORDER + 1];
	stats(start);

	for (int op = 0; op < 200000; op++) {
		bool alloc = nheld == 0 || (nheld < 3000 && xorshift() % 100 < 55);
		if (alloc) {
			unsigned k = (unsigned)(xorshift() % 6);
			struct page *pg = page_alloc(k, OWNER_TEST);
			if (!pg) {
				cr_assert_lt(buddy_free_frames(), 1ul << MAX_ORDER);
				continue;
			}
			uint64_t pfn = page_pa(pg) / PAGE_SIZE;
			cr_assert_eq(pfn % (1ul << k), 0);
			for (uint64_t i = pfn; i < pfn + (1ul << k); i++) {
				cr_assert_not(used[i], "frame %#lx handed out twice",
					      i * PAGE_SIZE);
				cr_assert(pa_page(i * PAGE_SIZE) != NULL, "frame %#lx is not RAM",
					  i * PAGE_SIZE);
				cr_assert(i * PAGE_SIZE >= 5 * MiB ||
						  (i * PAGE_SIZE >= MiB && i * PAGE_SIZE < 3 * MiB),
					  "frame %#lx is reserved", i * PAGE_SIZE);
				used[i] = 1;
			}
			held[nheld].pg = pg;
			held[nheld++].order = k;
			held_frames += 1ul << k;
		} else {
			int j = (int)(xorshift() % (uint64_t)nheld);
			uint64_t pfn = page_pa(held[j].pg) / PAGE_SIZE;
			for (uint64_t i = pfn; i < pfn + (1ul << held[j].order); i++) {
				cr_assert(used[i]);
				used[i] = 0;
			}
			page_free(held[j].pg);
			held_frames -= 1ul << held[j].order;
			held[j] = held[--nheld];
		}
		cr_assert_eq(buddy_free_frames() + held_frames, start_free);
		if (op % 20000 == 0)
			check_structure();
	}
	while (nheld > 0)
		page_free(held[--nheld].pg);
	cr_assert_eq(buddy_free_frames(), start_free);
	stats(now);
	expect_same_blocks(start, now);
	check_structure();
	cr_assert_eq(nbad, 0);
	free(used);
}

Test(buddy, bad_frees_are_reported_and_ignored)
{
	struct e820_entry e[] = { { 0, 0x9fc00, E820_USABLE, 0 },
				  { MiB, 15 * MiB, E820_USABLE, 0 } };
	struct memrange res[] = { { 0, 2 * MiB, E820_RESERVED } };
	boot(e, 2, res, 1);
	struct page *a = page_alloc(2, OWNER_TEST);
	struct page *b = page_alloc(0, OWNER_TEST);
	uint64_t start[MAX_ORDER + 1], now[MAX_ORDER + 1], nfree = buddy_free_frames();
	stats(start);

	page_free(a + 1);
	cr_assert_eq(nbad, 1);
	cr_assert_eq(bad_pa, page_pa(a) + PAGE_SIZE);
	cr_assert_str_eq(bad_why, "not the first frame of its block");

	page_free(pa_page(MiB)); /* kernel image */
	cr_assert_eq(nbad, 2);
	cr_assert_eq(bad_pa, MiB);
	cr_assert_str_eq(bad_why, "reserved frame");

	page_free(&array[0xa0]); /* the hole at 640 KiB .. 1 MiB */
	cr_assert_eq(nbad, 3);
	cr_assert_eq(bad_pa, 0xa0000);
	cr_assert_str_eq(bad_why, "not usable RAM");

	page_free(NULL);
	cr_assert_eq(nbad, 4);
	cr_assert_str_eq(bad_why, "not a frame's struct page");
	page_free((struct page *)((char *)a + 1));
	cr_assert_eq(nbad, 5);
	page_free(array + nframes);
	cr_assert_eq(nbad, 6);

	stats(now);
	expect_same_blocks(start, now);
	cr_assert_eq(buddy_free_frames(), nfree);

	page_free(b);
	cr_assert_eq(nbad, 6);
	stats(start);
	nfree = buddy_free_frames();
	page_free(b);
	cr_assert_eq(nbad, 7);
	cr_assert_eq(bad_pa, page_pa(b));
	cr_assert_str_eq(bad_why, "already free");
	page_free(a);
	page_free(a);
	cr_assert_eq(nbad, 8, "double free of a merged block");
	cr_assert_str_eq(bad_why, "already free");
	stats(now);
	cr_assert_eq(buddy_free_frames(), nfree + 4);
	check_structure();
}

Test(buddy, unaligned_tiny_and_high_ranges)
{
	struct e820_entry e[] = {
		{ 0x1800, 0x4000, E820_USABLE, 0 },           /* frames 2, 3, 4 only */
		{ 0x10000, 0xfff, E820_USABLE, 0 },           /* less than a frame */
		{ 0x20800, 0x1000, E820_USABLE, 0 },          /* straddles two frames: none */
		{ 0x30000, 0x1000, E820_USABLE, 0 },          /* exactly one frame */
		{ 6 * GiB + 0x10, 2 * MiB, E820_USABLE, 0 },  /* above 4 GiB, unaligned */
		{ 5 * GiB, 0x3000, E820_ACPI_RECLAIM, 0 },    /* not usable */
		{ 7 * GiB - 0x1000, 0x1000, E820_USABLE, 0 }, /* the last frame */
	};
	boot(e, 7, NULL, 0);
	cr_assert_eq(nframes, 7 * GiB / PAGE_SIZE);
	cr_assert_eq(buddy_total_frames(), usable_frames());
	cr_assert_eq(buddy_total_frames(), 3 + 1 + 511 + 1);
	cr_assert_eq(buddy_free_frames(), buddy_total_frames());
	check_structure();

	cr_assert_null(pa_page(0x1000));
	cr_assert_not_null(pa_page(0x2000));
	cr_assert_null(pa_page(0x10000));
	cr_assert_null(pa_page(0x20000));
	cr_assert_null(pa_page(0x21000));
	cr_assert_null(pa_page(5 * GiB));
	cr_assert_null(pa_page(6 * GiB));
	cr_assert_not_null(pa_page(6 * GiB + PAGE_SIZE));
	cr_assert_null(pa_page(6 * GiB + 2 * MiB));

	uint64_t n = 0, high = 0;
	struct page *pg;
	while ((pg = page_alloc(0, OWNER_TEST)) != NULL) {
		n++;
		high += page_pa(pg) >= 4 * GiB;
	}
	cr_assert_eq(n, buddy_total_frames());
	cr_assert_eq(high, 512);
}

Test(buddy, an_empty_map_manages_nothing)
{
	struct e820_entry e[] = { { 0, 0x800, E820_USABLE, 0 }, { MiB, GiB, E820_RESERVED, 0 } };
	boot(e, 2, NULL, 0);
	cr_assert_eq(nframes, 0);
	cr_assert_eq(buddy_total_frames(), 0);
	cr_assert_null(page_alloc(0, OWNER_TEST));
	cr_assert_null(pa_page(0));
}

Test(buddy, owners_are_counted)
{
	boot_range(4 * MiB, 8 * MiB);
	uint64_t blocks[MAX_ORDER + 1], owned[NOWNERS];
	struct page *t = page_alloc(3, OWNER_PAGETABLE);
	struct page *s = page_alloc(0, OWNER_SLAB);
	struct page *k = page_alloc(MAX_ORDER, OWNER_KMALLOC);
	buddy_stats(blocks, owned);
	cr_assert_eq(owned[OWNER_PAGETABLE], 8);
	cr_assert_eq(owned[OWNER_SLAB], 1);
	cr_assert_eq(owned[OWNER_KMALLOC], 1024);
	cr_assert_eq(owned[OWNER_FREE], 2048 - 8 - 1 - 1024);
	cr_assert_eq(owned[OWNER_RESERVED], 0);
	for (int i = 0; i < 8; i++)
		cr_assert_eq(t[i].owner, OWNER_PAGETABLE, "every frame of a block has its owner");
	page_free(t);
	page_free(s);
	page_free(k);
	buddy_stats(blocks, owned);
	cr_assert_eq(owned[OWNER_FREE], 2048);
	cr_assert_eq(owned[OWNER_SLAB] + owned[OWNER_PAGETABLE] + owned[OWNER_KMALLOC], 0);
	cr_assert_str_eq(page_owner_name(OWNER_PAGETABLE), "page table");
	cr_assert_str_eq(page_owner_name(OWNER_FREE), "free");
	cr_assert_str_eq(page_owner_name(NOWNERS), "?");
}

Test(buddy, page_array_goes_above_the_kernel_below_4g)
{
	/* QEMU -m 8G: 3 GiB below the PCI hole, the rest above 4 GiB. */
	struct e820_entry e[] = {
		{ 0, 0x9fc00, E820_USABLE, 0 },
		{ MiB, 0xbffe0000 - MiB, E820_USABLE, 0 },
		{ 0xfffc0000, 0x40000, E820_RESERVED, 0 },
		{ 4 * GiB, 5 * GiB, E820_USABLE, 0 },
	};
	memmap_from_e820(&map, e, 4);
	uint64_t n = buddy_frames_spanned(&map);
	cr_assert_eq(n, 9 * GiB / PAGE_SIZE);
	uint64_t pa = buddy_place_array(&map, 0x2a7123, 4 * GiB, &n);
	cr_assert_eq(pa, 0x2a8000);
	cr_assert_eq(n, 9 * GiB / PAGE_SIZE, "the whole array fits");

	/* Only 1 MiB above the kernel: the array is cut to what fits there. */
	struct e820_entry small[] = { { MiB, 3 * MiB, E820_USABLE, 0 },
				      { 4 * GiB, GiB, E820_USABLE, 0 } };
	memmap_from_e820(&map, small, 2);
	n = buddy_frames_spanned(&map);
	pa = buddy_place_array(&map, 3 * MiB, 4 * GiB, &n);
	cr_assert_eq(pa, 3 * MiB);
	cr_assert_eq(n, MiB / sizeof(struct page));

	/* Nothing above the kernel below 4 GiB. */
	n = buddy_frames_spanned(&map);
	cr_assert_eq(buddy_place_array(&map, 4 * MiB, 4 * GiB, &n), 0);
	cr_assert_eq(n, 0);
}

/* A page array cut short: frames past it are unmanaged (not allocatable), not lost track of. */
Test(buddy, frames_past_a_short_array_are_not_managed)
{
	struct e820_entry e[] = { { MiB, 3 * MiB, E820_USABLE, 0 },
				  { 4 * GiB, GiB, E820_USABLE, 0 } };
	memmap_from_e820(&map, e, 2);
	nframes = 4 * MiB / PAGE_SIZE;
	array = calloc(nframes, sizeof(struct page));
	buddy_init_with(&map, array, nframes, NULL, 0, record_bad_free);
	cr_assert_eq(buddy_total_frames(), usable_frames());
	cr_assert_eq(buddy_free_frames(), 768);
	cr_assert_null(pa_page(4 * GiB));
	uint64_t blocks[MAX_ORDER + 1], owned[NOWNERS];
	buddy_stats(blocks, owned);
	cr_assert_eq(owned[OWNER_RESERVED], GiB / PAGE_SIZE);
}
#endif
