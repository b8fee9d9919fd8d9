#if LAB >= 3
/*
 * The buddy allocator: all usable RAM in blocks of 2^order frames. A block
 * is split to serve a smaller request and merged with its buddy (the block
 * it was split from) when both are free, so free memory stays in the
 * largest blocks possible.
 */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/memmap.h"
#include "mm/page.h"

/*
 * Take over the usable RAM of m, except the low 1 MiB, the kernel image and the page array,
 * which goes in usable RAM just above the kernel (below 4 GiB: the boot direct map). Prints
 * the "pmem:" line. In mm/pmem.c: the kernel's wrapper around buddy_init_with.
 */
void buddy_init(const struct memmap *m);

/* Told about a bad page_free: the frame's physical address (the pointer itself if it is no
 * struct page), what is wrong, and the return address in page_free's caller. */
typedef void buddy_report_fn(uint64_t pa, const char *why, uint64_t caller);

/*
 * buddy_init's core, with what it depends on passed in (host tests call it): manage frames
 * 0 .. nframes-1 with the struct page array pages[nframes] (any contents), giving every whole
 * frame of m's usable ranges except those overlapping reserved[0 .. nreserved-1] to the free
 * lists. Touches no memory but pages[]. Bad frees go to report.
 */
void buddy_init_with(const struct memmap *m, struct page *pages, uint64_t nframes,
		     const struct memrange *reserved, int nreserved, buddy_report_fn *report);

/* Frames a page array must describe to cover all usable RAM of m (0 .. its highest end). */
uint64_t buddy_frames_spanned(const struct memmap *m);

/*
 * Where a page array for *nframes frames can go: the lowest page-aligned address >= above in
 * a usable range of m, the whole array below limit. If no range has room, *nframes shrinks to
 * what the roomiest one holds (higher frames stay unmanaged). 0 (and *nframes 0) if none has any.
 */
uint64_t buddy_place_array(const struct memmap *m, uint64_t above, uint64_t limit,
			   uint64_t *nframes);

/* A block of 2^order frames for owner, or NULL when there is none. Not zeroed. Right after
 * buddy_init the lowest addresses go first (early callers get RAM the boot direct map reaches). */
struct page *page_alloc(unsigned order, enum page_owner owner);

/* Give back a block page_alloc returned (the head frame). */
void page_free(struct page *pg);

/* Physical address of a frame, and the frame at a physical address (NULL if not managed RAM). */
uint64_t page_pa(const struct page *pg);
struct page *pa_page(uint64_t pa);

/* The frame's contents, through the direct map. */
void *page_va(const struct page *pg);

/* Whole frames of usable RAM in all (reserved ones too), and free now. */
uint64_t buddy_total_frames(void);
uint64_t buddy_free_frames(void);

/* Counts for the monitor's mem command: free blocks per order, allocated frames per owner. */
void buddy_stats(uint64_t free_blocks[MAX_ORDER + 1], uint64_t owned_frames[NOWNERS]);

/* "free", "reserved", "page table", ... */
const char *page_owner_name(enum page_owner owner);

#endif
#endif
