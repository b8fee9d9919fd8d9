#if LAB >= 3
/*
 * Page tables: the four-level x86-64 tables that translate virtual
 * addresses, with per-page permissions (write, execute, user, caching).
 * mm/vm.c maps, unmaps, looks up and re-protects single pages in any table;
 * mm/kvm.c builds the kernel's own table at start-up.
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/memmap.h"

typedef uint64_t pte_t; /* one page-table entry; the bits are in arch/x86/mmu.h */

/*
 * Permissions of a mapping, as callers give them to vm_map and vm_protect
 * and get them back from vm_lookup. Every mapping is readable by the kernel;
 * without VM_EXEC it is no-execute. VM_USER only below the canonical hole
 * (user space); VM_NOCACHE for device registers.
 */
#define VM_WRITE 0x1
#define VM_EXEC 0x2
#define VM_USER 0x4
#define VM_NOCACHE 0x8

/* The kernel's PML4 (virtual address), loaded in CR3 by vm_init; its upper half is every
 * address space's kernel half. */
extern pte_t *kernel_pml4;

/*
 * Map the 4 KiB page at va to the frame at pa with perm. Allocates missing tables (zeroed).
 * Returns 0; -EINVAL for an unaligned or non-canonical va, an unaligned pa, unknown perm bits
 * or VM_USER in the kernel half; -EEXIST if va is mapped (also by a large page); -ENOMEM if a
 * table could not be allocated (tables made so far stay, empty and valid). No TLB flush needed.
 */
int vm_map(pte_t *pml4, uint64_t va, uint64_t pa, uint64_t perm);

/*
 * Remove the mapping of the page at va: a 4 KiB page, or a large one if va is its first
 * byte. Frees page tables and page directories left empty (never a PML4 entry's table, which
 * other address spaces may share). Flushes va's translation. -ENOENT if va is not mapped,
 * -EINVAL if va is unaligned, non-canonical or inside a large page.
 */
int vm_unmap(pte_t *pml4, uint64_t va);

/* If va is mapped (4 KiB, 2 MiB or 1 GiB page), true with *pa the physical address of va
 * itself and *perm its permissions (either pointer may be NULL); else false. */
bool vm_lookup(pte_t *pml4, uint64_t va, uint64_t *pa, uint64_t *perm);

/* Give the page mapped at va (as for vm_unmap) the permissions perm, and flush it.
 * -ENOENT if va is not mapped; -EINVAL as for vm_map and vm_unmap. */
int vm_protect(pte_t *pml4, uint64_t va, uint64_t perm);

/*
 * Build the kernel's page table and load it: all physical memory in the direct map (1 GiB
 * pages where the CPU has them, else 2 MiB), the kernel image in 4 KiB pages with text
 * read-only and everything else no-execute, no identity map. Prints the "vm:" line.
 */
void vm_init(const struct memmap *m);

/*
 * What vm.c needs from its surroundings: mm/kvm.c in the kernel, the host test's fake
 * physical memory in kernel/test/vm_test.c.
 */
uint64_t pt_alloc(void);    /* a zeroed page-table page's physical address, or 0 if none */
void pt_free(uint64_t pa);  /* give back a page pt_alloc returned */
pte_t *pt_va(uint64_t pa);  /* where the page-table page at pa can be read and written */
void pt_flush(uint64_t va); /* drop this CPU's translation of va (invlpg) */

#endif
#endif
