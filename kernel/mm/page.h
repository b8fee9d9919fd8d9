#if LAB >= 3
/*
 * One struct page per physical frame, from address 0 to the end of usable
 * RAM (gaps included, flagged PAGE_HOLE): what the buddy allocator and its
 * users know about the frame. The owner tag records who holds
 * an allocated frame (the seed's frame-ownership registry): the monitor's
 * mem command counts frames per owner, and a frame is never handed out
 * while it has one.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <stdint.h>

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12
#define MAX_ORDER 10 /* blocks of 2^0 .. 2^10 frames (4 KiB .. 4 MiB) */

enum page_owner {
	OWNER_FREE,      /* in the buddy allocator */
	OWNER_RESERVED,  /* never allocatable: kernel image, low 1 MiB, boot data */
	OWNER_PAGETABLE, /* a page-table page (mm/vm.c) */
	OWNER_SLAB,      /* backing a slab cache (mm/slab.c) */
	OWNER_KMALLOC,   /* a large kmalloc, straight from the buddy allocator */
	OWNER_KSTACK,    /* a kernel stack (lab 4) */
	OWNER_TEST,      /* held by a kernel test or the gate */
#if LAB >= 5
	OWNER_BCACHE, /* a buffer of the block cache (fs/bcache.c) */
	OWNER_DMA,    /* shared with a device: virtqueue rings (dev/virtio.c) */
#endif
#if LAB >= 6
	OWNER_USER, /* a user process's page (mm/uvm.c) */
#endif
	NOWNERS
};

#define PAGE_HEAD 0x1 /* first frame of an allocated or free block; order is valid */
#define PAGE_HOLE 0x2 /* not usable RAM: a gap the page array spans (owner reserved) */

struct page {
	struct page *next, *prev; /* free-list links while free */
	uint32_t refcount;        /* 1 when allocated; lab 8's COW shares frames */
	uint8_t order;            /* block size 2^order frames, on the head frame */
	uint8_t flags;            /* PAGE_HEAD, PAGE_HOLE */
	uint8_t owner;            /* enum page_owner */
	uint8_t reserved;
	uint64_t private; /* the owner's: e.g. the slab that lives in this frame */
};

#endif
#endif
