#if LAB >= 3
/*
 * The x86-64 MMU as the kernel sees it: the layout of a page-table entry,
 * how a virtual address splits into the four table indexes, and the few
 * instructions that load or invalidate translations. mm/vm.c walks tables
 * with these; only this header knows the bit positions and the asm.
 */
#ifndef ARCH_X86_MMU_H
#define ARCH_X86_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/cpu.h"

/* Bits of a page-table entry at any level (Intel SDM vol. 3, 4.5). */
#define PTE_P (1ul << 0)   /* present */
#define PTE_W (1ul << 1)   /* writable */
#define PTE_U (1ul << 2)   /* user-accessible */
#define PTE_PWT (1ul << 3) /* write-through */
#define PTE_PCD (1ul << 4) /* cache disabled */
#define PTE_A (1ul << 5)   /* accessed (set by the CPU) */
#define PTE_D (1ul << 6)   /* dirty (set by the CPU; leaves only) */
#define PTE_PS (1ul << 7)  /* in a PDPT or PD entry: a 1 GiB or 2 MiB page, not a table */
#define PTE_G (1ul << 8)   /* global: survives CR3 loads if CR4.PGE (Clan OS leaves it off) */
#define PTE_NX (1ul << 63) /* no-execute (EFER.NXE is on) */
#define PTE_ADDR 0x000ffffffffff000ul /* the frame or table address, bits 51..12 */

/* Four levels of 512 entries; level 0 is the page table, level 3 the PML4. */
#define PT_LEVELS 4
#define PT_ENTRIES 512
#define PT_SHIFT(level) (12 + 9 * (level))
#define PT_INDEX(va, level) (((va) >> PT_SHIFT(level)) & (PT_ENTRIES - 1))
#define PT_LEVEL_SIZE(level) (1ul << PT_SHIFT(level)) /* what one entry of that level maps */

#define PAGE_SIZE_2M (1ul << 21)
#define PAGE_SIZE_1G (1ul << 30)
#define PHYS_LIMIT (1ul << 52) /* the architecture's largest physical address, exclusive */

/* Drop this CPU's cached translation of va, and its cached paging-structure entries. */
static inline void
invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* Switch to the page tables at physical address pml4; flushes every non-global translation. */
static inline void
load_cr3(uint64_t pml4)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(pml4) : "memory");
}

/* True if the CPU maps 1 GiB pages (CPUID leaf 0x80000001, EDX bit 26: Page1GB). */
static inline bool
cpu_has_1g_pages(void)
{
	uint32_t r[4];

	cpuid(0x80000000, r);
	if (r[0] < 0x80000001)
		return false;
	cpuid(0x80000001, r);
	return r[3] & (1u << 26);
}

#endif
#endif
