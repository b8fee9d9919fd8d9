#if LAB >= 3
/*
 * The kernel's own page table. vm_init replaces the boot page tables
 * (arch/x86/entry.S) with it: the direct map of all physical memory, the
 * kernel image page by page with the permissions each section needs, and
 * nothing else (no identity map, no .boot). This file also gives mm/vm.c
 * its page-table pages: frames from the buddy allocator, zeroed and reached
 * through the direct map.
 *
 * The boot direct map reaches physical 0..4 GiB only, and the buddy
 * allocator hands out its highest frames first. So vm_init first extends
 * the boot tables' direct map over all RAM, and only then builds the new
 * table: every frame it takes is reachable by then.
 */
#include "mm/vm.h"
#include "arch/x86/cpu.h"
#include "arch/x86/mmu.h"
#include "debug/panic.h"
#include "dev/console.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"

/* kernel.ld: the sections' bounds (virtual), and the boot stack's unmapped guard page. */
extern char __text_start[], __rodata_start[], __rodata_end[], __data_start[], _end[];
extern char boot_stack_guard[];

#define BOOT_MAP_END 0x100000000ul  /* the boot direct map: physical 0..4 GiB */
#define UNCACHED_START 0xfe000000ul /* up to 4 GiB: device registers (local and I/O APICs) */
#define DIRECT_SLOT PT_INDEX(DIRECT_MAP_BASE, PT_LEVELS - 1)

pte_t *kernel_pml4;

uint64_t
pt_alloc(void)
{
	struct page *pg = page_alloc(0, OWNER_PAGETABLE);

	if (!pg)
		return 0;
	memset(page_va(pg), 0, PAGE_SIZE);
	return page_pa(pg);
}

void
pt_free(uint64_t pa)
{
	page_free(pa_page(pa));
}

pte_t *
pt_va(uint64_t pa)
{
	return p2v(pa);
}

void
pt_flush(uint64_t va)
{
	invlpg(va);
}

/*
 * Where the direct map ends: 4 GiB (so the APICs are in it) or the end of the highest range
 * of RAM (usable or ACPI), in whole GiB, at most DIRECT_MAP_SIZE. Reserved ranges above
 * 4 GiB are device windows, not memory (QEMU reports one just below 1 TiB), and are left out.
 */
static uint64_t
direct_map_end(const struct memmap *m)
{
	uint64_t end = BOOT_MAP_END;

	for (int i = 0; i < m->count; i++) {
		const struct memrange *r = &m->range[i];
		bool ram = r->type == E820_USABLE || r->type == E820_ACPI_RECLAIM ||
			   r->type == E820_ACPI_NVS;
		if (ram && r->end > end)
			end = r->end;
	}
	if (end > DIRECT_MAP_SIZE)
		return DIRECT_MAP_SIZE;
	return (end + PAGE_SIZE_1G - 1) & ~(PAGE_SIZE_1G - 1);
}

/* True if GiB gib of the direct map is one 1 GiB page: the CPU has them, and no part of the
 * GiB must be uncached. */
static bool
one_gib_page(uint64_t gib, bool gib_pages)
{
	uint64_t base = gib * PAGE_SIZE_1G;

	return gib_pages && (base >= BOOT_MAP_END || base + PAGE_SIZE_1G <= UNCACHED_START);
}

/* Fill page directory pd with the 2 MiB pages of the GiB at physical base. */
static void
fill_direct_pd(pte_t *pd, uint64_t base)
{
	for (int i = 0; i < PT_ENTRIES; i++) {
		uint64_t pa = base + i * PAGE_SIZE_2M;
		bool device = pa >= UNCACHED_START && pa < BOOT_MAP_END;
		pd[i] = pa | PTE_P | PTE_W | PTE_PS | PTE_NX | (device ? PTE_PCD | PTE_PWT : 0);
	}
}

/*
 * Map GiB 4 .. end of the direct map in the boot tables (boot_pml4, whose direct map PDPT is
 * pdpt). A page directory's frame may lie beyond what is mapped so far, so it is filled
 * through a window: the boot stack's guard page, which the boot tables leave unmapped in a
 * page table they have, so mapping it needs no new table. (That page table also serves the
 * boot identity map and direct map; the CR3 load flushes those aliases.) The entries were
 * not present: no flush.
 */
static void
extend_boot_direct_map(pte_t *boot_pml4, pte_t *pdpt, uint64_t end, bool gib_pages)
{
	uint64_t window = (uint64_t)(uintptr_t)boot_stack_guard;

	for (uint64_t gib = BOOT_MAP_END / PAGE_SIZE_1G; gib < end / PAGE_SIZE_1G; gib++) {
		if (one_gib_page(gib, gib_pages)) {
			pdpt[gib] = gib * PAGE_SIZE_1G | PTE_P | PTE_W | PTE_PS | PTE_NX;
			continue;
		}
		struct page *pd = page_alloc(0, OWNER_PAGETABLE);
		if (!pd || vm_map(boot_pml4, window, page_pa(pd), VM_WRITE) < 0)
			panic("vm: cannot make the direct map's page directory for GiB %lu", gib);
		fill_direct_pd((pte_t *)window, gib * PAGE_SIZE_1G);
		vm_unmap(boot_pml4, window);
		pdpt[gib] = page_pa(pd) | PTE_P | PTE_W;
	}
}

/* A page-table page for the kernel's table; at boot, running out is fatal. */
static uint64_t
boot_table(void)
{
	uint64_t pa = pt_alloc();

	if (pa == 0)
		panic("vm: no memory for the kernel's page table");
	return pa;
}

/* The kernel's direct map PDPT: GiB 0..4 anew (the boot ones share their tables with the
 * identity map and allow execution), the GiBs above as the boot tables now map them. */
static uint64_t
direct_map(const pte_t *boot_pdpt, uint64_t end, bool gib_pages)
{
	uint64_t pdpt = boot_table();
	pte_t *e = pt_va(pdpt);

	for (uint64_t gib = 0; gib < end / PAGE_SIZE_1G; gib++) {
		if (gib >= BOOT_MAP_END / PAGE_SIZE_1G) {
			e[gib] = boot_pdpt[gib];
		} else if (one_gib_page(gib, gib_pages)) {
			e[gib] = gib * PAGE_SIZE_1G | PTE_P | PTE_W | PTE_PS | PTE_NX;
		} else {
			uint64_t pd = boot_table();
			fill_direct_pd(pt_va(pd), gib * PAGE_SIZE_1G);
			e[gib] = pd | PTE_P | PTE_W;
		}
	}
	return pdpt;
}

/* Map the image's pages in [start, end) at their link addresses, except the stack guard. */
static void
map_image(const char *start, const char *end, uint64_t perm)
{
	for (uint64_t va = (uint64_t)(uintptr_t)start; va < (uint64_t)(uintptr_t)end;
	     va += PAGE_SIZE) {
		if (va == (uint64_t)(uintptr_t)boot_stack_guard)
			continue; /* left unmapped: a stack overflow faults there */
		int err = vm_map(kernel_pml4, va, va - KERNEL_VMA, perm);
		if (err)
			panic("vm: cannot map the kernel image at 0x%lx: error %d", va, err);
	}
}

void
vm_init(const struct memmap *m)
{
	bool gib_pages = cpu_has_1g_pages();
	uint64_t end = direct_map_end(m);
	pte_t *boot_pml4 = pt_va(read_cr3() & PTE_ADDR);
	pte_t *boot_pdpt = pt_va(boot_pml4[DIRECT_SLOT] & PTE_ADDR);

	extend_boot_direct_map(boot_pml4, boot_pdpt, end, gib_pages);
	uint64_t pml4 = boot_table();
	kernel_pml4 = pt_va(pml4);
	kernel_pml4[DIRECT_SLOT] = direct_map(boot_pdpt, end, gib_pages) | PTE_P | PTE_W;
	map_image(__text_start, __rodata_start, VM_EXEC);
	map_image(__rodata_start, __rodata_end, 0);
	map_image(__data_start, _end, VM_WRITE);
	load_cr3(pml4); /* flushes every boot translation: none is global */

	printf("vm: direct map of %lu MiB with %s pages; kernel text read-only, data no-execute; "
	       "identity map removed\n",
	       end >> 20, gib_pages ? "1 GiB" : "2 MiB");
}
#endif
