#if LAB >= 3
/*
 * Physical memory at boot: what the buddy allocator must never hand out and
 * where its page array goes. This is the kernel-only half of buddy_init (it
 * reads the link map and prints); mm/buddy.c is the half host tests run.
 *
 * The page array describes every frame from address 0 to the end of the
 * highest usable range, gaps included: one array, so a frame's struct page
 * is one index away (32 bytes per 4 KiB, 72 MiB for QEMU's -m 8G). It must
 * be reachable now, through the boot direct map of 0..4 GiB, so it goes in
 * the first usable range above the kernel with room for it below 4 GiB.
 */
#include "mm/buddy.h"
#include "debug/ksyms.h"
#include "debug/panic.h"
#include "dev/console.h"
#include "mm/memlayout.h"

#define LOW_MEMORY 0x100000UL      /* BIOS data, the loader, the ACPI RSDP area */
#define BOOT_MAP_END 0x100000000UL /* the boot direct map ends at 4 GiB */

extern char _end[]; /* kernel.ld: the end of the kernel image (virtual) */

/* Print a bad page_free with its caller, named from the kernel's symbol table. */
static void
report_bad_free(uint64_t pa, const char *why, uint64_t caller)
{
	char where[KSYM_DESC_MAX];

	printf("pmem: bad free of 0x%lx (%s) from %s\n", pa, why,
	       ksym_describe(&kernel_symtab, caller, true, where, sizeof(where)));
}

void
buddy_init(const struct memmap *m)
{
	uint64_t kernel_end = (uint64_t)(uintptr_t)_end - KERNEL_VMA;
	uint64_t nframes = buddy_frames_spanned(m);
	uint64_t spanned = nframes;
	uint64_t array = buddy_place_array(m, kernel_end, BOOT_MAP_END, &nframes);

	if (array == 0)
		panic("pmem: no usable RAM above the kernel for the page array");
	if (nframes < spanned)
		printf("pmem: warning: room for the page array of %lu frames only; RAM above "
		       "0x%lx is not used\n",
		       nframes, nframes * PAGE_SIZE);

	const struct memrange reserved[] = {
		{ 0, LOW_MEMORY, E820_RESERVED },
		{ KERNEL_PHYS, kernel_end, E820_RESERVED },
		{ array, array + nframes * sizeof(struct page), E820_RESERVED },
	};
	buddy_init_with(m, p2v(array), nframes, reserved, sizeof(reserved) / sizeof(reserved[0]),
			report_bad_free);

	uint64_t total = buddy_total_frames(), nfree = buddy_free_frames();
	printf("pmem: %lu frames (%lu KiB) of usable RAM; %lu frames reserved; %lu frames free\n",
	       total, total * (PAGE_SIZE / 1024), total - nfree, nfree);
}
#endif
