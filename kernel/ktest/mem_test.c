#if LAB >= 3
/*
 * The buddy allocator on the machine's real memory map. test=mem-all takes
 * every free frame and gives them all back: the count must come back, and
 * with it every free block of every order, which only happens if freed
 * blocks merge again. test=mem-stress runs a fixed pseudo-random mix of
 * allocations and frees and checks against its own bitmap that no frame is
 * ever handed out twice. bench_buddy times the allocator's fast path.
 */
#include "ktest/ktest.h"
#include "kernel.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "lib/string.h"
#include "mm/buddy.h"

#define STRESS_OPS 100000
#define STRESS_MAX_HELD 1000
#define STRESS_MAX_ORDER 4
#define BENCH_PAIRS 100000

/* A free-list order whose count differs between before and after, or -1 if none. */
static int
differing_order(const uint64_t before[MAX_ORDER + 1], const uint64_t after[MAX_ORDER + 1])
{
	for (int k = 0; k <= MAX_ORDER; k++)
		if (before[k] != after[k])
			return k;
	return -1;
}

static void
free_blocks_now(uint64_t blocks[MAX_ORDER + 1])
{
	uint64_t owned[NOWNERS];

	buddy_stats(blocks, owned);
}

void
ktest_mem_all(void)
{
	uint64_t before[MAX_ORDER + 1], after[MAX_ORDER + 1];
	uint64_t nfree = buddy_free_frames(), n = 0;
	struct page *held = NULL, *pg;

	free_blocks_now(before);
	/* The test owns these frames, so it may chain them through their private field. */
	while ((pg = page_alloc(0, OWNER_TEST)) != NULL) {
		pg->private = (uint64_t)(uintptr_t)held;
		held = pg;
		n++;
	}
	while (held) {
		pg = held;
		held = (struct page *)(uintptr_t)pg->private;
		page_free(pg);
	}
	uint64_t nfree2 = buddy_free_frames();
	free_blocks_now(after);

	printf("ktest: mem-all: %lu frames free; allocated %lu until out of memory; ", nfree, n);
	printf("%lu frames free after freeing\n", nfree2);
	int k = differing_order(before, after);
	if (n != nfree)
		printf("ktest: mem-all: FAILED: allocated %lu frames but %lu were free\n", n,
		       nfree);
	else if (nfree2 != nfree)
		printf("ktest: mem-all: FAILED: %lu frames free after freeing, %lu before\n",
		       nfree2, nfree);
	else if (k >= 0)
		printf("ktest: mem-all: FAILED: order %d has %lu free blocks after freeing, %lu "
		       "before (freed blocks not merged)\n",
		       k, after[k], before[k]);
	else
		printf("ktest: mem-all: ok\n");
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

/* Marsaglia's xorshift64: the same sequence on every boot. */
static uint64_t
xorshift(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Frames handed out to mem-stress, one bit each, kept in frames of its own. */
static uint8_t *handed_out;

static bool
bit_test(uint64_t pfn)
{
	return handed_out[pfn / 8] & (1u << (pfn % 8));
}

static void
bit_flip(uint64_t pfn)
{
	handed_out[pfn / 8] ^= (uint8_t)(1u << (pfn % 8));
}

static struct {
	struct page *pg;
	unsigned order;
} held[STRESS_MAX_HELD];
static int nheld;

/* Take a block of 2^order frames and mark its frames; false (having said why) if broken. */
static bool
stress_alloc(unsigned order)
{
	struct page *pg = page_alloc(order, OWNER_TEST);
	if (!pg) {
		uint64_t blocks[MAX_ORDER + 1];
		free_blocks_now(blocks);
		for (unsigned k = order; k <= MAX_ORDER; k++)
			if (blocks[k]) {
				printf("ktest: mem-stress: FAILED: no block of order %u, but %lu "
				       "of order %u\n",
				       order, blocks[k], k);
				return false;
			}
		return true; /* really out of memory: a fine answer */
	}
	uint64_t pa = page_pa(pg), pfn = pa / PAGE_SIZE;
	if (pa_page(pa) != pg || !(pg->flags & PAGE_HEAD) || pg->order != order ||
	    pg->owner != OWNER_TEST || pg->refcount != 1 || pfn % (1ul << order) != 0) {
		printf("ktest: mem-stress: FAILED: block of order %u at 0x%lx is not a proper "
		       "block of that order\n",
		       order, pa);
		return false;
	}
	for (uint64_t i = pfn; i < pfn + (1ul << order); i++) {
		if (bit_test(i)) {
			printf("ktest: mem-stress: FAILED: frame 0x%lx handed out twice\n",
			       i * PAGE_SIZE);
			return false;
		}
		bit_flip(i);
	}
	held[nheld].pg = pg;
	held[nheld++].order = order;
	return true;
}

/* Give back held block j, checking it is still whole and ours; false if not. */
static bool
stress_free(int j)
{
	struct page *pg = held[j].pg;
	uint64_t pfn = page_pa(pg) / PAGE_SIZE;

	if (!(pg->flags & PAGE_HEAD) || pg->order != held[j].order || pg->owner != OWNER_TEST) {
		printf("ktest: mem-stress: FAILED: held block at 0x%lx changed: order %u, "
		       "owner %s\n",
		       pfn * PAGE_SIZE, pg->order, page_owner_name(pg->owner));
		return false;
	}
	for (uint64_t i = pfn; i < pfn + (1ul << held[j].order); i++) {
		if (!bit_test(i) || pg[i - pfn].owner != OWNER_TEST) {
			printf("ktest: mem-stress: FAILED: frame 0x%lx of a held block "
			       "is not ours\n",
			       i * PAGE_SIZE);
			return false;
		}
		bit_flip(i);
	}
	page_free(pg);
	held[j] = held[--nheld];
	return true;
}

/* The random mix; false if a check failed (it said which). */
static bool
stress_run(uint64_t nfree, int *max_held)
{
	uint64_t held_frames = 0;

	for (int op = 0; op < STRESS_OPS; op++) {
		/* Allocate a little more often than free, so the pool fills up to its limit. */
		if (nheld == 0 || (nheld < STRESS_MAX_HELD && xorshift() % 100 < 55)) {
			unsigned order = (unsigned)(xorshift() % (STRESS_MAX_ORDER + 1));
			int was = nheld;
			if (!stress_alloc(order))
				return false;
			if (nheld > was)
				held_frames += 1ul << order;
		} else {
			int j = (int)(xorshift() % (uint64_t)nheld);
			held_frames -= 1ul << held[j].order;
			if (!stress_free(j))
				return false;
		}
		*max_held = nheld > *max_held ? nheld : *max_held;
		if (buddy_free_frames() + held_frames != nfree) {
			printf("ktest: mem-stress: FAILED: %lu frames free and %lu held, "
			       "not %lu\n",
			       buddy_free_frames(), held_frames, nfree);
			return false;
		}
	}
	while (nheld > 0)
		if (!stress_free(nheld - 1))
			return false;
	return true;
}

void
ktest_mem_stress(void)
{
	uint64_t before[MAX_ORDER + 1], after[MAX_ORDER + 1];
	uint64_t nfree = buddy_free_frames();

	free_blocks_now(before);
	uint64_t bytes = (buddy_frames_spanned(&boot_memmap) + 7) / 8;
	unsigned order = 0;
	while ((PAGE_SIZE << order) < bytes)
		order++;
	struct page *bitmap = order <= MAX_ORDER ? page_alloc(order, OWNER_TEST) : NULL;
	if (!bitmap) {
		printf("ktest: mem-stress: FAILED: no %lu bytes for the bitmap\n", bytes);
		return;
	}
	handed_out = page_va(bitmap);
	memset(handed_out, 0, PAGE_SIZE << order);

	int max_held = 0;
	bool ok = stress_run(buddy_free_frames(), &max_held);
	page_free(bitmap);
	if (!ok)
		return;

	uint64_t nfree2 = buddy_free_frames();
	free_blocks_now(after);
	printf("ktest: mem-stress: %d operations, %d blocks held at most, no frame handed out "
	       "twice; free count back to %lu\n",
	       STRESS_OPS, max_held, nfree2);
	int k = differing_order(before, after);
	if (nfree2 != nfree)
		printf("ktest: mem-stress: FAILED: %lu frames free at the end, %lu at the start\n",
		       nfree2, nfree);
	else if (k >= 0)
		printf("ktest: mem-stress: FAILED: order %d has %lu free blocks at the end, %lu at "
		       "the start (freed blocks not merged)\n",
		       k, after[k], before[k]);
	else
		printf("ktest: mem-stress: ok\n");
}

void
bench_buddy(void)
{
	uint64_t best = UINT64_MAX;

	/* The best of three batches; the first also warms the caches. */
	for (int batch = 0; batch < 3; batch++) {
		uint64_t t0 = clock_ns();
		for (int i = 0; i < BENCH_PAIRS; i++) {
			struct page *pg = page_alloc(0, OWNER_TEST);
			if (!pg) {
				printf("bench: buddy: no free frame\n");
				return;
			}
			page_free(pg);
		}
		uint64_t ns = clock_ns() - t0;
		best = ns < best ? ns : best;
	}
	printf("ClanOS-Bench: name=buddy_pairs_per_s value=%lu unit=1/s\n",
	       BENCH_PAIRS * 1000000000ul / (best ? best : 1));
}
#endif
