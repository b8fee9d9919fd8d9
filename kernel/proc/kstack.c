#if LAB >= 4
/*
 * Kernel stacks (proc/kstack.h). Slot i of the kernel-stack region is a
 * guard page and a stack; the stack's frames come from the buddy allocator
 * one by one (no need for contiguous memory) and are mapped writable,
 * no-execute. Slots are handed out like ids (proc/idalloc.h): a freed slot
 * is reused as late as possible, so a stale pointer into a dead thread's
 * stack faults rather than reading a new thread's.
 */
#include <stddef.h>

#include "proc/kstack.h"
#include "debug/panic.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "proc/idalloc.h"
#include "sync/spinlock.h"

/* Also held while a stack is mapped or unmapped: the kernel's page table has no lock of its own. */
static struct spinlock kstack_lock = SPINLOCK_INIT("kstack");
static uint64_t slot_bits[IDALLOC_WORDS(KSTACK_SLOTS)]; /* kstack_lock */
static struct idalloc slots;                            /* kstack_lock */

void
kstack_init(void)
{
	idalloc_init(&slots, slot_bits, 0, KSTACK_SLOTS - 1);
}

/* Unmap the first npages pages of the stack at base and free their frames (kstack_lock held). */
static void
unmap_pages(uint64_t base, int npages)
{
	for (int i = 0; i < npages; i++) {
		uint64_t va = base + (uint64_t)i * PAGE_SIZE, pa;
		if (!vm_lookup(kernel_pml4, va, &pa, NULL) || vm_unmap(kernel_pml4, va) < 0)
			panic("kstack: page 0x%lx of the stack at 0x%lx is not mapped", va, base);
		page_free(pa_page(pa));
	}
}

/* Map frames for the stack of slot (kstack_lock held): its base, or 0 if memory ran out. */
static uint64_t
map_stack(int slot)
{
	uint64_t base = KSTACK_BASE + (uint64_t)slot * KSTACK_SLOT_SIZE + KSTACK_GUARD_SIZE;

	for (int i = 0; i < (int)(KSTACK_SIZE / PAGE_SIZE); i++) {
		struct page *pg = page_alloc(0, OWNER_KSTACK);
		if (pg && vm_map(kernel_pml4, base + i * PAGE_SIZE, page_pa(pg), VM_WRITE) == 0)
			continue;
		if (pg)
			page_free(pg);
		unmap_pages(base, i);
		return 0;
	}
	return base;
}

uint64_t
kstack_alloc(void)
{
	uint64_t base = 0;

	spin_lock(&kstack_lock);
	int slot = idalloc_alloc(&slots);
	if (slot >= 0 && !(base = map_stack(slot)))
		idalloc_free(&slots, slot);
	spin_unlock(&kstack_lock);
	return base;
}

void
kstack_free(uint64_t base)
{
	uint64_t off = base - KSTACK_BASE - KSTACK_GUARD_SIZE;
	int slot = (int)(off / KSTACK_SLOT_SIZE);

	if (base < KSTACK_BASE + KSTACK_GUARD_SIZE || off % KSTACK_SLOT_SIZE != 0 ||
	    off / KSTACK_SLOT_SIZE >= KSTACK_SLOTS)
		panic("kstack_free: 0x%lx is not a kernel stack", base);
	spin_lock(&kstack_lock);
	if (!idalloc_taken(&slots, slot))
		panic("kstack_free: the stack at 0x%lx is not in use", base);
	unmap_pages(base, KSTACK_SIZE / PAGE_SIZE);
	idalloc_free(&slots, slot);
	spin_unlock(&kstack_lock);
}
#endif
