#if LAB >= 3
/*
 * Kernel tests of the kernel's page table (test=fault:rodata, fault:text,
 * fault:nx), and the cost of mapping (bench_vm_map, part of test=bench).
 * Each fault test says what it is about to do, then does an access the
 * mapping forbids: the lab 2 trap report must name the address and the
 * access, and panic. The faulting lines carry the marker the grader finds.
 */
#include <stdint.h>

#include "ktest/ktest.h"
#include "kernel.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/vm.h"

#define BENCH_PAGES (0x40000000ul / PAGE_SIZE) /* 1 GiB of 4 KiB pages */

static const uint64_t read_only_word = 0x6e616c43; /* const: in .rodata */
static uint8_t ret_in_data[16] = { 0xc3 };         /* a ret instruction, in writable .data */

void
ktest_fault_rodata(void)
{
	volatile uint64_t *p = (volatile uint64_t *)&read_only_word;

	printf("ktest: fault:rodata: write to read-only 0x%lx\n", (uint64_t)(uintptr_t)p);
	*p = 1; /* fault: rodata */
	printf("ktest: fault:rodata: not reached: .rodata is writable\n");
}

void
ktest_fault_text(void)
{
	volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)kmain;

	printf("ktest: fault:text: write to kernel text 0x%lx (kmain)\n", (uint64_t)(uintptr_t)p);
	*p = *p; /* fault: text */
	printf("ktest: fault:text: not reached: kernel text is writable\n");
}

void
ktest_fault_nx(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)ret_in_data;

	printf("ktest: fault:nx: jump to data 0x%lx\n", (uint64_t)(uintptr_t)ret_in_data);
	fn(); /* fault: nx */
	printf("ktest: fault:nx: not reached: data is executable\n");
}

/*
 * Map 1 GiB at VM_TEST_BASE in 4 KiB pages, all to one frame, then unmap it (which frees the
 * page tables again, all but the PDPT slot 384's PML4 entry keeps). Prints both times in
 * milliseconds and the page-table pages used.
 */
void
bench_vm_map(void)
{
	struct page *frame = page_alloc(0, OWNER_TEST);
	uint64_t n = 0, free0 = buddy_free_frames();

	if (!frame) {
		printf("bench: vm_map: no frame to map\n");
		return;
	}
	uint64_t t0 = clock_ns();
	for (; n < BENCH_PAGES; n++) {
		int err =
			vm_map(kernel_pml4, VM_TEST_BASE + n * PAGE_SIZE, page_pa(frame), VM_WRITE);
		if (err) {
			printf("bench: vm_map: error %d at page %lu\n", err, n);
			break;
		}
	}
	uint64_t t1 = clock_ns();
	uint64_t used = free0 - buddy_free_frames();
	for (uint64_t i = 0; i < n; i++)
		vm_unmap(kernel_pml4, VM_TEST_BASE + i * PAGE_SIZE);
	uint64_t t2 = clock_ns();
	page_free(frame);

	printf("bench: vm_map: %lu pages mapped with %lu page-table pages; %lu still held after "
	       "unmapping\n",
	       n, used, free0 + 1 - buddy_free_frames());
	if (n == BENCH_PAGES) {
		printf("ClanOS-Bench: name=map_1gib_4k_ms value=%lu unit=ms\n",
		       (t1 - t0) / 1000000);
		printf("ClanOS-Bench: name=unmap_1gib_4k_ms value=%lu unit=ms\n",
		       (t2 - t1) / 1000000);
	}
}
#endif
