#if LAB >= 6
/*
 * User address spaces (mm/uvm.h). Each process has its own PML4: entries
 * 0..255 (user space) are its own tables, entries 256..511 are copies of
 * the kernel's, so the kernel is mapped the same in every address space.
 *
 * Sharing the kernel half by copying PML4 entries only works if the kernel
 * never adds a PML4 entry later: a table made after the copy would be
 * missing from the processes made before it. So the first as_create gives
 * every empty kernel-half slot of kernel_pml4 an empty PDPT (about 250
 * frames, once); from then on the kernel only adds entries below those
 * PDPTs, which every address space shares, and vm_unmap never frees a
 * table a PML4 entry points to. (The alternative, a fixed list of the
 * slots memlayout.h names, breaks silently when a slot is added there.)
 *
 * User frames are tagged OWNER_USER; the page tables under the user half
 * are OWNER_PAGETABLE, made by vm_map and freed by as_destroy, which walks
 * the user half and gives back every frame and table it finds.
 */
#include "mm/uvm.h"
#include "arch/x86/cpu.h"
#include "arch/x86/mmu.h"
#include "debug/panic.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "mm/vm.h"
#include "sync/spinlock.h"

#define KERNEL_HALF (PT_ENTRIES / 2) /* the first kernel-half PML4 slot (256) */

static struct spinlock uvm_lock = SPINLOCK_INIT("uvm");
static bool kernel_half_ready;      /* uvm_lock: every kernel-half slot of kernel_pml4 is present */
static struct kmem_cache *as_cache; /* uvm_lock (creation) */

/* Zero a frame 8 bytes at a time: the byte loop of memset made zeroing a new process's
 * pages most of a spawn's cost. */
static void
zero_frame(void *frame)
{
	uint64_t *w = frame;

	for (size_t i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		w[i] = 0;
}

/* Give every empty kernel-half slot of kernel_pml4 an empty PDPT (uvm_lock held).
 * False when memory runs out (the slots filled so far stay: they are valid and empty). */
static bool
fill_kernel_half(void)
{
	for (int i = KERNEL_HALF; i < PT_ENTRIES; i++) {
		if (kernel_pml4[i] & PTE_P)
			continue;
		uint64_t pdpt = pt_alloc();
		if (pdpt == 0)
			return false;
		kernel_pml4[i] = pdpt | PTE_P | PTE_W; /* was not present: no flush */
	}
	return true;
}

struct addrspace *
as_create(void)
{
	spin_lock(&uvm_lock);
	if (!kernel_half_ready)
		kernel_half_ready = fill_kernel_half();
	if (!as_cache)
		as_cache = kmem_cache_create("addrspace", sizeof(struct addrspace));
	bool ready = kernel_half_ready && as_cache;
	spin_unlock(&uvm_lock);
	if (!ready)
		return NULL;

	struct addrspace *as = kmem_cache_alloc(as_cache);
	if (!as)
		return NULL;
	as->cr3 = pt_alloc();
	if (as->cr3 == 0) {
		kmem_cache_free(as_cache, as);
		return NULL;
	}
	as->pml4 = pt_va(as->cr3);
	as->npages = 0;
	for (int i = KERNEL_HALF; i < PT_ENTRIES; i++)
		as->pml4[i] = kernel_pml4[i];
	return as;
}

/* Free the table at pa of level level (3: a PDPT .. 1: a page table) and everything under it;
 * count the user frames freed in *frames. */
static void
free_table(uint64_t pa, int level, uint64_t *frames)
{
	pte_t *t = pt_va(pa);

	for (int i = 0; i < PT_ENTRIES; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level == 1) {
			/* Only the frames the address space owns: one its owner mapped in (a test's
			 * results page) stays the owner's. */
			struct page *pg = pa_page(t[i] & PTE_ADDR);
			if (pg->owner == OWNER_USER) {
				page_free(pg);
				(*frames)++;
			}
		} else {
			free_table(t[i] & PTE_ADDR, level - 1, frames);
		}
	}
	pt_free(pa);
}

void
as_destroy(struct addrspace *as)
{
	uint64_t frames = 0;

	if ((read_cr3() & PTE_ADDR) == as->cr3)
		panic("as_destroy: the address space is loaded");
	for (int i = 0; i < KERNEL_HALF; i++)
		if (as->pml4[i] & PTE_P)
			free_table(as->pml4[i] & PTE_ADDR, PT_LEVELS - 1, &frames);
	if (frames != as->npages)
		panic("as_destroy: %lu user frames found, %lu mapped", frames, as->npages);
	pt_free(as->cr3);
	kmem_cache_free(as_cache, as);
}

/* True if [va, va+len) is a non-empty page-aligned range of user space. */
static bool
user_range(uint64_t va, uint64_t len)
{
	return va % PAGE_SIZE == 0 && len % PAGE_SIZE == 0 && len > 0 && va >= USER_MIN &&
	       va < USER_TOP && len <= USER_TOP - va;
}

/* Unmap and free the n pages from va that as_map mapped. */
static void
unmap_frames(struct addrspace *as, uint64_t va, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pa;
		if (!vm_lookup(as->pml4, va + i * PAGE_SIZE, &pa, NULL))
			panic("as_map: page 0x%lx vanished", va + i * PAGE_SIZE);
		vm_unmap(as->pml4, va + i * PAGE_SIZE);
		page_free(pa_page(pa));
		as->npages--;
	}
}

int
as_map(struct addrspace *as, uint64_t va, uint64_t len, int flags)
{
	uint64_t perm =
		VM_USER | (flags & UVM_WRITE ? VM_WRITE : 0) | (flags & UVM_EXEC ? VM_EXEC : 0);

	if (!user_range(va, len) || (flags & ~(UVM_WRITE | UVM_EXEC)))
		return -EINVAL;
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		struct page *pg = page_alloc(0, OWNER_USER);
		int err = pg ? 0 : -ENOMEM;
		if (pg) {
			zero_frame(page_va(pg));
			err = vm_map(as->pml4, va + off, page_pa(pg), perm);
		}
		if (err) {
			if (pg)
				page_free(pg);
			unmap_frames(as, va, off / PAGE_SIZE);
			return err == -EEXIST ? -EINVAL : err;
		}
		as->npages++;
	}
	return 0;
}

int
as_write(struct addrspace *as, uint64_t va, const void *src, size_t n)
{
	const uint8_t *s = src;

	while (n > 0) {
		uint64_t pa, perm;
		if (va < USER_MIN || va >= USER_TOP || !vm_lookup(as->pml4, va, &pa, &perm) ||
		    !(perm & VM_USER))
			return -EFAULT;
		size_t k = PAGE_SIZE - va % PAGE_SIZE;
		if (k > n)
			k = n;
		memcpy(p2v(pa), s, k);
		va += k, s += k, n -= k;
	}
	return 0;
}

void
as_load(struct addrspace *as)
{
	load_cr3(as ? as->cr3 : v2p(kernel_pml4));
}
#endif
