#if LAB >= 3
/*
 * The gate's "memory" check: what lab 3 built really works. A block from the
 * buddy allocator is owned, writable and comes back; a page mapped at a
 * fresh virtual address shows the frame's contents and is gone once unmapped;
 * the kernel's own map has no identity map, read-only text and no-execute
 * data; kmalloc hands out distinct, usable objects.
 */
#include "gate/gate.h"
#include "dev/console.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/slab.h"
#include "mm/vm.h"

#define SCRATCH_VA (VM_TEST_BASE + (1UL << 30)) /* past bench_vm_map's gigabyte */

extern char __text_start[], __data_start[];

static bool
failed(const char *what)
{
	printf("gate: memory: %s\n", what);
	return false;
}

static bool
check_buddy(void)
{
	uint64_t before = buddy_free_frames();
	struct page *pg = page_alloc(2, OWNER_TEST);

	if (!pg)
		return failed("page_alloc(2) found no free block");
	bool ok = true;
	if (buddy_free_frames() != before - 4 || pg->owner != OWNER_TEST)
		ok = failed("an order-2 block did not take 4 frames owned by the caller");
	memset(page_va(pg), 0xa5, 4 * PAGE_SIZE);
	page_free(pg);
	if (buddy_free_frames() != before)
		ok = failed("freeing the block did not restore the free count");
	return ok;
}

/* Map a frame at SCRATCH_VA and see its contents there. break_it maps the wrong frame. */
static bool
check_mapping(bool break_it)
{
	struct page *frame = page_alloc(0, OWNER_TEST), *other = page_alloc(0, OWNER_TEST);
	bool ok = true;
	uint64_t pa;

	if (!frame || !other) {
		ok = failed("no frames to map");
		goto out;
	}
	memset(page_va(frame), 0x3c, PAGE_SIZE);
	memset(page_va(other), 0, PAGE_SIZE);
	if (vm_map(kernel_pml4, SCRATCH_VA, page_pa(break_it ? other : frame), VM_WRITE) != 0) {
		ok = failed("vm_map of a scratch page failed");
		goto out;
	}
	if (*(volatile uint8_t *)(SCRATCH_VA + 100) != 0x3c)
		ok = failed("a frame mapped at a new address does not show its contents there");
	if (!vm_lookup(kernel_pml4, SCRATCH_VA, &pa, 0) || pa != page_pa(frame))
		ok = failed("vm_lookup does not find the frame just mapped");
	if (vm_unmap(kernel_pml4, SCRATCH_VA) != 0 || vm_lookup(kernel_pml4, SCRATCH_VA, &pa, 0))
		ok = failed("the scratch page is still mapped after vm_unmap");
out:
	if (frame)
		page_free(frame);
	if (other)
		page_free(other);
	return ok;
}

static bool
check_kernel_map(void)
{
	bool ok = true;
	uint64_t pa, perm;

	if (kernel_pml4[0] != 0)
		ok = failed("the boot identity map is still there (PML4 slot 0)");
	if (!vm_lookup(kernel_pml4, (uint64_t)__text_start, &pa, &perm) || (perm & VM_WRITE) ||
	    !(perm & VM_EXEC))
		ok = failed("kernel text is not mapped read-only and executable");
	if (!vm_lookup(kernel_pml4, (uint64_t)__data_start, &pa, &perm) || (perm & VM_EXEC) ||
	    !(perm & VM_WRITE))
		ok = failed("kernel data is not mapped writable and no-execute");
	return ok;
}

static bool
check_kmalloc(void)
{
	char *a = kmalloc(64), *b = kmalloc(64);
	bool ok = true;

	if (!a || !b)
		ok = failed("kmalloc(64) returned NULL");
	else if (a == b || (a < b + 64 && b < a + 64))
		ok = failed("two kmalloc(64) objects overlap");
	else {
		memset(a, 'a', 64);
		memset(b, 'b', 64);
		if (a[63] != 'a' || b[0] != 'b')
			ok = failed("kmalloc objects do not keep what was written");
	}
	kfree(a);
	kfree(b);
	if (kmalloc(0) != 0)
		ok = failed("kmalloc(0) did not return NULL");
	return ok;
}

bool
gate_check_memory(bool break_it)
{
	bool ok = check_buddy();

	ok = check_mapping(break_it) && ok;
	ok = check_kernel_map() && ok;
	ok = check_kmalloc() && ok;
	return ok;
}
#endif
