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

/* Take over the usable RAM of m, except the kernel image, the low 1 MiB and boot data. */
void buddy_init(const struct memmap *m);

/* A block of 2^order frames for owner, or NULL when there is none. Not zeroed. */
struct page *page_alloc(unsigned order, enum page_owner owner);

/* Give back a block page_alloc returned (the head frame). */
void page_free(struct page *pg);

/* Physical address of a frame, and the frame at a physical address (NULL if not managed RAM). */
uint64_t page_pa(const struct page *pg);
struct page *pa_page(uint64_t pa);

/* The frame's contents, through the direct map. */
void *page_va(const struct page *pg);

/* Frames managed in all, and free now. */
uint64_t buddy_total_frames(void);
uint64_t buddy_free_frames(void);

/* Counts for the monitor's mem command: free blocks per order, allocated frames per owner. */
void buddy_stats(uint64_t free_blocks[MAX_ORDER + 1], uint64_t owned_frames[NOWNERS]);

/* "free", "reserved", "page table", ... */
const char *page_owner_name(enum page_owner owner);

#endif
#endif
