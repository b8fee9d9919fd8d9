#if LAB >= 6
/*
 * User address spaces: one page table per process whose upper half is the
 * kernel's (the same PML4 entries, so the kernel is mapped everywhere) and
 * whose lower half holds that process's pages only. User virtual
 * addresses are [USER_MIN, USER_TOP); everything else is refused.
 */
#ifndef MM_UVM_H
#define MM_UVM_H

#include <stddef.h>
#include <stdint.h>

#define USER_MIN 0x10000ULL            /* page 0 .. 64 KiB stay unmapped: NULL faults */
#define USER_TOP 0x0000800000000000ULL /* the first non-user (non-canonical) address */
#define USER_STACK_TOP 0x00007fffff000000ULL
#define USER_STACK_SIZE (64 * 1024)  /* mapped at exec; the page below is a guard, never mapped */
#define USER_IMAGE_MAX (64ULL << 20) /* the most a program's segments may span */

#define UVM_WRITE 0x1
#define UVM_EXEC 0x2

struct addrspace {
	uint64_t *pml4;  /* kernel virtual address of the top table */
	uint64_t cr3;    /* its physical address */
	uint64_t npages; /* user frames mapped */
};

/* A new address space with the kernel half mapped and nothing below; NULL when out of
 * memory. */
struct addrspace *as_create(void);

/* Free every user frame and page table of as, then as. It must not be the loaded one. */
void as_destroy(struct addrspace *as);

/* Map [va, va+len) (page-aligned by the caller's rounding) to new zeroed frames, user-
 * accessible, read-only unless UVM_WRITE, no-execute unless UVM_EXEC. 0, -EINVAL for a range
 * outside [USER_MIN, USER_TOP) or already mapped, -ENOMEM. */
int as_map(struct addrspace *as, uint64_t va, uint64_t len, int flags);

/* Copy n bytes from kernel memory src to user address va of as (mapped by as_map), through
 * the direct map, so as need not be loaded: how exec fills a new image. 0 or -EFAULT. */
int as_write(struct addrspace *as, uint64_t va, const void *src, size_t n);

/* Load as's page table on this CPU; NULL loads the kernel's own. */
void as_load(struct addrspace *as);

#endif
#endif
