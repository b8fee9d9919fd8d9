#if LAB >= 3
/*
 * The slab allocator and kmalloc, on the host, over the real buddy
 * allocator: buddy_init_with manages a fake memory map [0, 8 MiB) through a
 * struct page array, and slab_init_with reaches frame memory in an aligned
 * host buffer (frame at "physical" address pa is at arena + pa). Reports are
 * read back from stdout. Criterion runs each test in its own process, so
 * each starts with a fresh heap.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test/host_names.h"
#include "debug/ksyms.h"
#include "mm/buddy.h"
#include "mm/slab.h"

#define ARENA_FRAMES 2048 /* 8 MiB */

static uint8_t arena[ARENA_FRAMES * PAGE_SIZE] __attribute__((aligned(1 << 22)));
static struct page frames[ARENA_FRAMES];

/* No symbols: callers print as bare addresses. */
const struct ksymtab kernel_symtab;

static void
buddy_complains(uint64_t pa, const char *why, uint64_t caller)
{
	cr_assert_fail("slab.c made a bad page_free: 0x%lx: %s (caller 0x%lx)", pa, why, caller);
}

/* A heap over the first nframes frames of the arena. */
static void
boot_heap(uint64_t nframes, bool debug)
{
	static struct memmap map;

	map.count = 1;
	map.range[0] = (struct memrange){ 0, nframes * PAGE_SIZE, E820_USABLE };
	buddy_init_with(&map, frames, nframes, NULL, 0, buddy_complains);
	kmem_set_debug(debug);
	slab_init_with(arena);
}

static uint64_t
free_frames(void)
{
	return buddy_free_frames();
}

static struct page *
frame_of(const void *p)
{
	return pa_page((uintptr_t)p - (uintptr_t)arena);
}

/* Everything slab.c prints between capture_start and capture_end. */
static char captured[1 << 19];
static FILE *capture_file;
static int saved_stdout;

static void
capture_start(void)
{
	fflush(stdout);
	capture_file = tmpfile();
	cr_assert(capture_file);
	saved_stdout = dup(1);
	dup2(fileno(capture_file), 1);
}

static const char *
capture_end(void)
{
	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
	rewind(capture_file);
	size_t n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

/* "kmem: <what> 0x<addr> (cache <cache>)", as a report begins. */
static void
expect_report(const char *out, const char *what, const void *p, const char *cache)
{
	char want[256];

	snprintf(want, sizeof(want), "kmem: %s 0x%lx (cache %s)", what, (unsigned long)p, cache);
	cr_assert(strstr(out, want), "expected a line starting '%s', got:\n%s", want, out);
}

static void
setup(void)
{
	boot_heap(ARENA_FRAMES, false);
}

static void
setup_debug(void)
{
	boot_heap(ARENA_FRAMES, true);
}

static uint64_t
alignment_for(size_t size)
{
	return size >= 16 ? 16 : 8;
}

TestSuite(slab, .init = setup);

Test(slab, every_size_class_is_aligned_writable_and_given_back)
{
	uint64_t start = free_frames();

	for (size_t size = 1; size <= 2048; size++) {
		uint8_t *p = kmalloc(size);
		cr_assert(p, "kmalloc(%zu) failed", size);
		cr_assert_eq((uintptr_t)p % alignment_for(size), 0, "kmalloc(%zu) = %p", size, p);
		if ((size & (size - 1)) == 0)
			cr_assert_eq((uintptr_t)p % size, 0,
				     "kmalloc(%zu) = %p not aligned to its size", size, p);
		memset(p, 0xa5, size);
		kfree(p);
	}
	kmem_trim();
	cr_assert_eq(free_frames(), start);
}

Test(slab, zero_and_absurd_sizes_are_null)
{
	cr_assert_null(kmalloc(0));
	cr_assert_null(kmalloc(1ULL << 40));
	cr_assert_null(kmalloc(SIZE_MAX));
	cr_assert_null(kmalloc((PAGE_SIZE << MAX_ORDER) + 1));
	kfree(NULL);
}

Test(slab, large_requests_are_whole_buddy_blocks)
{
	uint64_t start = free_frames();
	size_t sizes[] = { 2049, 4096, 4097, 12288, 1 << 20, PAGE_SIZE << MAX_ORDER };
	uint64_t want[] = { 1, 1, 2, 4, 256, 1024 };

	for (int i = 0; i < 6; i++) {
		uint8_t *p = kmalloc(sizes[i]);
		cr_assert(p, "kmalloc(%zu) failed", sizes[i]);
		cr_assert_eq((uintptr_t)p % PAGE_SIZE, 0);
		struct page *pg = frame_of(p);
		cr_assert_eq(pg->owner, OWNER_KMALLOC);
		cr_assert_eq(free_frames(), start - want[i], "kmalloc(%zu) took %lu frames",
			     sizes[i], start - free_frames());
		memset(p, 0x5a, sizes[i]);
		kfree(p);
		cr_assert_eq(free_frames(), start);
	}
}

static int
by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (uint8_t *const *)a, y = (uintptr_t) * (uint8_t *const *)b;
	return x < y ? -1 : x > y;
}

/* Objects of random sizes, live together, never overlap and keep what was written. */
Test(slab, objects_never_overlap)
{
	enum { N = 3000 };
	static uint8_t *obj[N];
	static size_t len[N];
	uint64_t start = free_frames();

	srand(1);
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < N; i++) {
			if (obj[i] && rand() % 2 == 0)
				continue;
			kfree(obj[i]);
			len[i] = 1 + rand() % (rand() % 8 == 0 ? 6000 : 300);
			obj[i] = kmalloc(len[i]);
			cr_assert(obj[i], "kmalloc(%zu) failed", len[i]);
			memset(obj[i], i & 0xff, len[i]);
		}
		for (int i = 0; i < N; i++)
			for (size_t b = 0; b < len[i]; b++)
				cr_assert_eq(obj[i][b], i & 0xff,
					     "object %d (%zu bytes) byte %zu changed", i, len[i],
					     b);
		/* Sorted by address, each object ends before the next begins. */
		static struct {
			uint8_t *p;
			size_t len;
		} sorted[N];
		for (int i = 0; i < N; i++) {
			sorted[i].p = obj[i];
			sorted[i].len = len[i];
		}
		qsort(sorted, N, sizeof(sorted[0]), by_address);
		for (int i = 0; i + 1 < N; i++)
			cr_assert_leq(sorted[i].p + sorted[i].len, sorted[i + 1].p,
				      "%p+%zu overlaps %p", sorted[i].p, sorted[i].len,
				      sorted[i + 1].p);
	}
	for (int i = 0; i < N; i++)
		kfree(obj[i]);
	kmem_trim();
	cr_assert_eq(free_frames(), start);
}

/* Fill several slabs, free every other object, refill, free all: slabs move between lists. */
Test(slab, alloc_free_patterns_across_slabs)
{
	enum { N = 1000 };
	static void *p[N];
	uint64_t start = free_frames();

	for (int i = 0; i < N; i++)
		cr_assert(p[i] = kmalloc(64));
	uint64_t used = start - free_frames();
	cr_assert_geq(used, N * 64 / PAGE_SIZE);
	for (int i = 0; i < N; i += 2)
		kfree(p[i]);
	for (int i = 0; i < N; i += 2)
		cr_assert(p[i] = kmalloc(64));
	cr_assert_eq(start - free_frames(), used, "refilling the holes took new frames");
	for (int i = N - 1; i >= 0; i--)
		kfree(p[i]);
	/* One spare slab stays until kmem_trim. */
	cr_assert_leq(start - free_frames(), 1);
	kmem_trim();
	cr_assert_eq(free_frames(), start);
}

Test(slab, out_of_memory_is_null_and_recoverable)
{
	boot_heap(64, false);
	uint64_t start = free_frames();
	void *head = NULL;
	int n = 0;

	for (void *p; (p = kmalloc(64)); n++) {
		*(void **)p = head;
		head = p;
	}
	cr_assert_gt(n, 60 * 4096 / 64 - 100, "only %d objects from 64 frames", n);
	cr_assert_eq(free_frames(), 0);
	cr_assert_null(kmalloc(8));
	cr_assert_null(kmalloc(5000));
	while (head) {
		void *next = *(void **)head;
		kfree(head);
		head = next;
	}
	kmem_trim();
	cr_assert_eq(free_frames(), start);
	void *p = kmalloc(5000);
	cr_assert(p, "no recovery after out of memory");
	kfree(p);
}

Test(slab, cache_create_checks_sizes)
{
	cr_assert_null(kmem_cache_create("zero", 0));
	cr_assert_null(kmem_cache_create("huge", KMEM_CACHE_MAX_SIZE + 1));
	cr_assert(kmem_cache_create("biggest", KMEM_CACHE_MAX_SIZE));
}

Test(slab, named_caches_serve_their_size)
{
	uint64_t start = free_frames();
	size_t sizes[] = { 1, 8, 12, 24, 40, 100, 200, 1000, 3000, 5000, KMEM_CACHE_MAX_SIZE };

	for (int k = 0; k < 11; k++) {
		struct kmem_cache *c = kmem_cache_create("test", sizes[k]);
		cr_assert(c);
		uint8_t *p[50];
		for (int i = 0; i < 50; i++) {
			cr_assert(p[i] = kmem_cache_alloc(c));
			cr_assert_eq((uintptr_t)p[i] % alignment_for(sizes[k]), 0);
			memset(p[i], i, sizes[k]);
		}
		for (int i = 0; i < 50; i++) {
			for (size_t b = 0; b < sizes[k]; b++)
				cr_assert_eq(p[i][b], i);
			kmem_cache_free(c, p[i]);
		}
	}
	kmem_trim();
	/* The struct kmem_caches themselves stay allocated: a slab of cache_cache. */
	cr_assert_leq(start - free_frames(), 1);
}

Test(slab, double_free_is_reported_and_ignored)
{
	char *p = kmalloc(20);

	capture_start();
	kfree(p);
	kfree(p);
	const char *out = capture_end();
	expect_report(out, "double free of", p, "kmalloc-32");
	cr_assert(strstr(out, ") by 0x"), "no caller in: %s", out);
	/* The free list was not corrupted: two allocations are two objects. */
	char *a = kmalloc(20), *b = kmalloc(20);
	cr_assert_neq(a, b);
	cr_assert(a == p || b == p);
}

Test(slab, double_free_through_a_cache_is_reported)
{
	struct kmem_cache *c = kmem_cache_create("things", 48);
	void *p = kmem_cache_alloc(c);

	kmem_cache_free(c, p);
	capture_start();
	kmem_cache_free(c, p);
	expect_report(capture_end(), "double free of", p, "things");
	void *a = kmem_cache_alloc(c), *b = kmem_cache_alloc(c);
	cr_assert_neq(a, b);
}

Test(slab, bad_frees_are_reported_and_ignored)
{
	struct kmem_cache *c = kmem_cache_create("things", 48);
	char *p = kmalloc(64), *big = kmalloc(10000), local;

	capture_start();
	kfree(p + 8);
	kfree(&local);
	kmem_cache_free(c, p);
	kfree(big + PAGE_SIZE);
	kfree(big);
	kfree(big);
	const char *out = capture_end();
	expect_report(out, "free of a pointer into an object:", p + 8, "kmalloc-64");
	expect_report(out, "free of a pointer that is not a heap object:", &local, "none");
	expect_report(out, "kmem_cache_free to the wrong cache of", p, "kmalloc-64");
	expect_report(out, "free of a pointer that is not a heap object:", big + PAGE_SIZE, "none");
	expect_report(out, "double free of", big, "none, its frame is free");
	/* p is still allocated: freeing it once is fine. */
	capture_start();
	kfree(p);
	cr_assert_str_empty(capture_end());
}

/* Every offset inside every kmalloc class's objects is told apart from an object's start. */
Test(slab, pointers_into_objects_are_refused)
{
	for (size_t size = 8; size <= 2048; size *= 2) {
		char *p = kmalloc(size);
		capture_start();
		for (size_t off = 1; off < size; off++)
			kfree(p + off);
		const char *out = capture_end();
		size_t lines = 0;
		for (const char *s = out; (s = strstr(s, "free of a pointer into an object:")); s++)
			lines++;
		cr_assert_eq(lines, size - 1, "class %zu: %zu reports", size, lines);
		cr_assert_null(strstr(out, "double free"));
		capture_start();
		kfree(p);
		cr_assert_str_empty(capture_end(), "class %zu", size);
	}
}

TestSuite(slab_debug, .init = setup_debug);

Test(slab_debug, one_byte_past_the_asked_size_is_caught)
{
	char *p = kmalloc(24);

	p[24] = 1;
	capture_start();
	kfree(p);
	const char *out = capture_end();
	char want[128];
	snprintf(want, sizeof(want),
		 "kmem: redzone overwritten past 0x%lx (cache kmalloc-32), freed by ",
		 (unsigned long)p);
	cr_assert(strstr(out, want), "got: %s", out);
	cr_assert(strstr(out, ", allocated by 0x"), "got: %s", out);
}

Test(slab_debug, writes_within_the_object_are_fine)
{
	for (size_t size = 1; size <= 2048; size++) {
		char *p = kmalloc(size);
		memset(p, 0, size);
		capture_start();
		kfree(p);
		cr_assert_str_empty(capture_end(), "kmalloc(%zu)", size);
	}
}

Test(slab_debug, every_byte_up_to_the_redzone_end_is_checked)
{
	for (size_t off = 24; off < 40; off++) {
		char *p = kmalloc(24);
		p[off] ^= 0x10;
		capture_start();
		kfree(p);
		cr_assert(strstr(capture_end(), "redzone overwritten"), "byte %zu not checked",
			  off);
	}
}

Test(slab_debug, a_cache_object_has_a_redzone_too)
{
	struct kmem_cache *c = kmem_cache_create("odd", 13);
	char *p = kmem_cache_alloc(c);

	p[13] = 0;
	capture_start();
	kmem_cache_free(c, p);
	cr_assert(strstr(capture_end(), "redzone overwritten past"));
}

Test(slab_debug, freed_objects_are_poisoned_and_checked)
{
	uint8_t *p = kmalloc(64);

	for (int i = 0; i < 64; i++)
		cr_assert_eq(p[i], 0x6b, "a new object is not poisoned at byte %d", i);
	memset(p, 0, 64);
	kfree(p);
	for (int i = 0; i < 64; i++)
		cr_assert_eq(p[i], 0x6b, "a freed object is not poisoned at byte %d", i);
	p[10] = 0;
	capture_start();
	uint8_t *q = kmalloc(64);
	const char *out = capture_end();
	cr_assert_eq(q, p);
	char want[160];
	snprintf(want, sizeof(want),
		 "kmem: use after free: 0x%lx (cache kmalloc-64) was written after it was freed by "
		 "0x",
		 (unsigned long)p);
	cr_assert(strstr(out, want), "got: %s", out);
}

Test(slab_debug, double_free_is_still_caught)
{
	char *p = kmalloc(100);

	kfree(p);
	capture_start();
	kfree(p);
	expect_report(capture_end(), "double free of", p, "kmalloc-128");
}

Test(slab_debug, everything_is_given_back)
{
	enum { N = 2000 };
	static void *p[N];
	uint64_t start = free_frames();

	for (int i = 0; i < N; i++)
		cr_assert(p[i] = kmalloc(1 + (i * 37) % 2048));
	for (int i = 0; i < N; i++)
		kfree(p[i]);
	kmem_trim();
	cr_assert_eq(free_frames(), start);
}
#endif
