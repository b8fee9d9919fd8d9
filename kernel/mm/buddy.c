#if LAB >= 3
/*
 * The buddy allocator. Free memory is kept as blocks of 2^order frames,
 * each naturally aligned (its first frame number is a multiple of 2^order),
 * on one free list per order. A request takes a block of its order, or
 * splits a larger one in halves until it has one; a freed block merges with
 * its buddy (the other half of the block it was split from, at frame
 * number pfn ^ 2^order) for as long as that buddy is free and whole.
 *
 * Everything the allocator knows lives in the struct page array, one entry
 * per frame from address 0 to the end of usable RAM: the free lists are
 * linked through it, never through the free frames themselves, so the
 * allocator works before any of that memory is mapped. A free block has
 * owner OWNER_FREE on all its frames and PAGE_HEAD on the first; an
 * allocated block has its owner on all its frames, PAGE_HEAD, the order and
 * refcount 1 on the first.
 */
#include <stddef.h>

#include "mm/buddy.h"
#include "mm/memlayout.h"
#if LAB >= 4
#include "sync/spinlock.h"

/* From lab 4 on, threads allocate concurrently (never interrupt handlers: docs/LOCKING.md). */
static struct spinlock buddy_lock = SPINLOCK_INIT("buddy");
#define BUDDY_LOCK() spin_lock_preempt(&buddy_lock)
#define BUDDY_UNLOCK() spin_unlock_preempt(&buddy_lock)
#else
#define BUDDY_LOCK() ((void)0)
#define BUDDY_UNLOCK() ((void)0)
#endif

static struct page *pages; /* one per frame, 0 .. npages-1 */
static uint64_t npages;
static uint64_t ram_frames;                  /* whole frames in the usable ranges */
static uint64_t nfree;                       /* frames on the free lists */
static struct page free_list[MAX_ORDER + 1]; /* sentinels of circular lists */
static uint64_t free_blocks[MAX_ORDER + 1];
static uint64_t owner_frames[NOWNERS];
static buddy_report_fn *report_bad_free;

static void
list_push(struct page *pg, unsigned order)
{
	struct page *head = &free_list[order];

	pg->next = head->next;
	pg->prev = head;
	head->next->prev = pg;
	head->next = pg;
	free_blocks[order]++;
}

/* At the tail: buddy_init adds blocks in address order, so the lowest are handed out first. */
static void
list_append(struct page *pg, unsigned order)
{
	struct page *head = &free_list[order];

	pg->next = head;
	pg->prev = head->prev;
	head->prev->next = pg;
	head->prev = pg;
	free_blocks[order]++;
}

static void
list_remove(struct page *pg, unsigned order)
{
	pg->prev->next = pg->next;
	pg->next->prev = pg->prev;
	free_blocks[order]--;
}

/* Make frame pfn the head of a free block; its frames are already tagged OWNER_FREE. */
static struct page *
free_head(uint64_t pfn, unsigned order)
{
	pages[pfn].flags = PAGE_HEAD;
	pages[pfn].order = (uint8_t)order;
	return &pages[pfn];
}

static inline bool
is_free_block(uint64_t pfn, unsigned order)
{
	return pfn < npages && pages[pfn].owner == OWNER_FREE && (pages[pfn].flags & PAGE_HEAD) &&
	       pages[pfn].order == order;
}

/* Free frames [pfn, end) as the largest naturally aligned blocks that fit. */
static void
free_run(uint64_t pfn, uint64_t end)
{
	while (pfn < end) {
		unsigned order = 0;
		while (order < MAX_ORDER && (pfn & (1ul << order)) == 0 &&
		       pfn + (2ul << order) <= end)
			order++;
		list_append(free_head(pfn, order), order);
		pfn += 1ul << order;
	}
}

/* First whole frame at or after address a, and the frame after the last whole one before b. */
static uint64_t
frame_up(uint64_t a)
{
	return a / PAGE_SIZE + (a % PAGE_SIZE != 0);
}

static uint64_t
frame_down(uint64_t b)
{
	return b / PAGE_SIZE;
}

static uint64_t
min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

uint64_t
buddy_frames_spanned(const struct memmap *m)
{
	uint64_t end = 0;

	for (int i = 0; i < m->count; i++)
		if (m->range[i].type == E820_USABLE && frame_down(m->range[i].end) > end)
			end = frame_down(m->range[i].end);
	return end;
}

uint64_t
buddy_place_array(const struct memmap *m, uint64_t above, uint64_t limit, uint64_t *nframes)
{
	uint64_t bytes = frame_up(*nframes * sizeof(struct page)) * PAGE_SIZE;
	uint64_t best = 0, best_room = 0;

	for (int i = 0; i < m->count; i++) {
		const struct memrange *r = &m->range[i];
		uint64_t start = frame_up(r->base > above ? r->base : above);
		uint64_t end = frame_down(min_u64(r->end, limit));
		if (r->type != E820_USABLE || end <= start)
			continue;
		uint64_t room = (end - start) * PAGE_SIZE;
		if (room >= bytes)
			return start * PAGE_SIZE;
		if (room > best_room) {
			best = start * PAGE_SIZE;
			best_room = room;
		}
	}
	*nframes = best_room / sizeof(struct page);
	return best;
}

void
buddy_init_with(const struct memmap *m, struct page *array, uint64_t nframes,
		const struct memrange *reserved, int nreserved, buddy_report_fn *report)
{
	pages = array;
	npages = nframes;
	report_bad_free = report;
	ram_frames = 0;
	for (unsigned k = 0; k <= MAX_ORDER; k++) {
		free_list[k].next = free_list[k].prev = &free_list[k];
		free_blocks[k] = 0;
	}
	for (int o = 0; o < NOWNERS; o++)
		owner_frames[o] = 0;

	/* Everything is a reserved hole, until the map says it is usable RAM ... */
	for (uint64_t pfn = 0; pfn < npages; pfn++)
		pages[pfn] = (struct page){ .flags = PAGE_HOLE, .owner = OWNER_RESERVED };
	for (int i = 0; i < m->count; i++) {
		const struct memrange *r = &m->range[i];
		uint64_t first = frame_up(r->base), end = frame_down(r->end);
		if (r->type != E820_USABLE || end <= first)
			continue;
		ram_frames += end - first;
		for (uint64_t pfn = first; pfn < min_u64(end, npages); pfn++)
			pages[pfn] = (struct page){ .owner = OWNER_FREE };
	}
	/* ... and free, unless a reservation touches it. */
	for (int i = 0; i < nreserved; i++) {
		uint64_t first = reserved[i].base / PAGE_SIZE;
		uint64_t end = min_u64(frame_up(reserved[i].end), npages);
		for (uint64_t pfn = first; pfn < end; pfn++)
			pages[pfn].owner = OWNER_RESERVED;
	}

	nfree = 0;
	for (uint64_t pfn = 0; pfn < npages;) {
		uint64_t end = pfn;
		while (end < npages && pages[end].owner == OWNER_FREE)
			end++;
		free_run(pfn, end);
		nfree += end - pfn;
		pfn = end + 1;
	}
	owner_frames[OWNER_FREE] = nfree;
	owner_frames[OWNER_RESERVED] = ram_frames - nfree;
}

/* page_alloc's work, with the allocator's lock held from lab 4 on. */
static struct page *
alloc_block(unsigned order, enum page_owner owner)
{
	if (order > MAX_ORDER || owner <= OWNER_RESERVED || owner >= NOWNERS)
		return NULL;
	unsigned k = order;
	while (free_blocks[k] == 0)
		if (++k > MAX_ORDER)
			return NULL;

	struct page *pg = free_list[k].next;
	list_remove(pg, k);
	/* Split: keep the lower half, put the upper half on the free list one order down. */
	while (k > order) {
		k--;
		list_push(free_head((uint64_t)(pg - pages) + (1ul << k), k), k);
	}

	uint64_t n = 1ul << order;
	pg->flags = PAGE_HEAD;
	pg->order = (uint8_t)order;
	pg->refcount = 1;
	pg->private = 0;
	for (uint64_t i = 0; i < n; i++)
		pg[i].owner = (uint8_t)owner;
	nfree -= n;
	owner_frames[OWNER_FREE] -= n;
	owner_frames[owner] += n;
	return pg;
}

/* True if pg points at an entry of the page array. */
static bool
in_array(const struct page *pg)
{
	uintptr_t off = (uintptr_t)pg - (uintptr_t)pages;

	return off < npages * sizeof(struct page) && off % sizeof(struct page) == 0;
}

/* What is wrong with freeing pg, or NULL if nothing. */
static const char *
bad_free_reason(const struct page *pg)
{
	if (!in_array(pg))
		return "not a frame's struct page";
	if (pg->flags & PAGE_HOLE)
		return "not usable RAM";
	if (pg->owner == OWNER_RESERVED)
		return "reserved frame";
	if (pg->owner == OWNER_FREE)
		return "already free";
	if (!(pg->flags & PAGE_HEAD))
		return "not the first frame of its block";
	return NULL;
}

/* page_free's work, with the allocator's lock held from lab 4 on; caller: for reports. */
static void
free_block(struct page *pg, uint64_t caller)
{
	const char *why = bad_free_reason(pg);
	if (why) {
		report_bad_free(in_array(pg) ? page_pa(pg) : (uint64_t)(uintptr_t)pg, why, caller);
		return;
	}

	uint64_t pfn = (uint64_t)(pg - pages);
	unsigned order = pg->order;
	uint64_t n = 1ul << order;
	owner_frames[pg->owner] -= n;
	owner_frames[OWNER_FREE] += n;
	nfree += n;
	pg->refcount = 0;
	pg->flags = 0; /* free_head marks the head of the merged block */
	for (uint64_t i = 0; i < n; i++)
		pg[i].owner = OWNER_FREE;

#if SOL >= 3 /* exercise buddy-merge */
	while (order < MAX_ORDER) {
		uint64_t buddy = pfn ^ (1ul << order);
		if (!is_free_block(buddy, order))
			break;
		list_remove(&pages[buddy], order);
		pages[buddy].flags = 0;
		pfn &= ~(1ul << order);
		order++;
	}
#else
		/* LAB 3: your code here (exercise buddy-merge). While the block's buddy is a whole
		   free block of the same order, take the buddy off its free list and make the two
		   one block of the next order (only the lower half's first frame stays a
		   PAGE_HEAD). */
#endif
	list_push(free_head(pfn, order), order);
}

struct page *
page_alloc(unsigned order, enum page_owner owner)
{
	BUDDY_LOCK();
	struct page *pg = alloc_block(order, owner);
	BUDDY_UNLOCK();
	return pg;
}

void
page_free(struct page *pg)
{
	BUDDY_LOCK();
	free_block(pg, (uint64_t)(uintptr_t)__builtin_return_address(0));
	BUDDY_UNLOCK();
}

uint64_t
page_pa(const struct page *pg)
{
	return (uint64_t)(pg - pages) * PAGE_SIZE;
}

struct page *
pa_page(uint64_t pa)
{
	uint64_t pfn = pa / PAGE_SIZE;

	if (pfn >= npages || (pages[pfn].flags & PAGE_HOLE))
		return NULL;
	return &pages[pfn];
}

void *
page_va(const struct page *pg)
{
	return p2v(page_pa(pg));
}

uint64_t
buddy_total_frames(void)
{
	return ram_frames;
}

uint64_t
buddy_free_frames(void)
{
	return nfree;
}

void
buddy_stats(uint64_t blocks[MAX_ORDER + 1], uint64_t owned[NOWNERS])
{
	BUDDY_LOCK(); /* one consistent picture */
	for (unsigned k = 0; k <= MAX_ORDER; k++)
		blocks[k] = free_blocks[k];
	for (int o = 0; o < NOWNERS; o++)
		owned[o] = owner_frames[o];
	BUDDY_UNLOCK();
}

const char *
page_owner_name(enum page_owner owner)
{
	static const char *const names[NOWNERS] = {
		[OWNER_FREE] = "free",
		[OWNER_RESERVED] = "reserved",
		[OWNER_PAGETABLE] = "page table",
		[OWNER_SLAB] = "slab",
		[OWNER_KMALLOC] = "kmalloc",
		[OWNER_KSTACK] = "kernel stack",
		[OWNER_TEST] = "test",
#if LAB >= 5
		[OWNER_BCACHE] = "bcache",
		[OWNER_DMA] = "dma",
#endif
#if LAB >= 6
		[OWNER_USER] = "user",
#endif
	};

	return (unsigned)owner < NOWNERS ? names[owner] : "?";
}
#endif
