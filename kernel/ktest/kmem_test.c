#if LAB >= 3
/*
 * Kernel tests of the heap (mm/slab.c). kmem-double-free and kmem-redzone
 * make the mistake on purpose; the grader finds the lines marked "kmem:"
 * below and expects the heap's report to name them as the caller.
 * kmem-oom runs the heap out of memory twice and checks that every frame
 * comes back. bench_kmalloc times the fast path.
 */
#include <stdint.h>

#include "ktest/ktest.h"
#include "arch/x86/power.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "mm/buddy.h"
#include "mm/slab.h"

static void __attribute__((noreturn)) fail(const char *test, const char *why)
{
	printf("ktest: %s: FAILED: %s\n", test, why);
	power_off(POWER_FAILURE);
}

void
ktest_kmem_double_free(void)
{
	char *p = kmalloc(40);

	if (!p)
		fail("kmem-double-free", "kmalloc(40) returned NULL");
	printf("ktest: kmem-double-free: freeing 0x%lx twice\n", (uint64_t)(uintptr_t)p);
	kfree(p);
	kfree(p); /* kmem: double free */
	/* Had the second kfree put p on the free list again, both would be p. */
	char *a = kmalloc(40), *b = kmalloc(40);
	if (!a || !b || a == b)
		fail("kmem-double-free", "the double free broke the free list");
	kfree(a);
	kfree(b);
}

void
ktest_kmem_redzone(void)
{
	if (!kmem_get_debug()) {
		printf("ktest: kmem-redzone: needs kmemdebug=on\n");
		power_off(POWER_FAILURE);
	}
	char *p = kmalloc(24);
	if (!p)
		fail("kmem-redzone", "kmalloc(24) returned NULL");
	printf("ktest: kmem-redzone: writing one byte past a 24-byte object at 0x%lx\n",
	       (uint64_t)(uintptr_t)p);
	p[24] = 'x';
	kfree(p); /* kmem: redzone */
}

/* kmalloc(size) until it returns NULL, then free them all; how many there were. The objects
 * are chained through their first 8 bytes, so the test itself needs no memory. */
static uint64_t
fill_and_free(uint64_t size)
{
	void *head = NULL, *p;
	uint64_t n = 0;

	while ((p = kmalloc(size))) {
		*(void **)p = head;
		head = p;
		n++;
	}
	while (head) {
		p = *(void **)head;
		kfree(head);
		head = p;
	}
	return n;
}

void
ktest_kmem_oom(void)
{
	kmem_trim();
	uint64_t f0 = buddy_free_frames();
	if (kmalloc(1ULL << 40))
		fail("kmem-oom", "kmalloc(1 TiB) did not return NULL");
	uint64_t n = fill_and_free(2048);
	uint64_t m = fill_and_free(64);
	kmem_trim();
	uint64_t f1 = buddy_free_frames();
	printf("ktest: kmem-oom: kmalloc(1 TiB) returned NULL; %lu 2048-byte objects until NULL; "
	       "%lu 64-byte objects until NULL; all freed; %lu frames free before, %lu after\n",
	       n, m, f0, f1);
	if (f1 != f0)
		fail("kmem-oom", "freeing every object did not give every frame back");
	if (n == 0 || m == 0)
		fail("kmem-oom", "kmalloc returned NULL at once, with frames free");
	printf("ktest: kmem-oom: ok\n");
}

#define BENCH_PAIRS 200000

void
bench_kmalloc(void)
{
	uint64_t best = UINT64_MAX;

	for (int batch = 0; batch < 3; batch++) {
		uint64_t t0 = clock_ns();
		for (int i = 0; i < BENCH_PAIRS; i++)
			kfree(kmalloc(64));
		uint64_t ns = clock_ns() - t0;
		best = ns < best ? ns : best;
	}
	printf("ClanOS-Bench: name=kmalloc64_pairs_per_s value=%lu unit=1/s\n",
	       BENCH_PAIRS * 1000000000UL / (best ? best : 1));
}
#endif
