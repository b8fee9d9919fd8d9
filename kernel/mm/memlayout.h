/*
 * The kernel's virtual memory layout, by PML4 slot (each of the 512 entries
 * of the top-level table maps 512 GiB):
 *
 *   0x0000000000000000 slot 0    identity map of the first 1 GiB (boot tables only)
 *   DIRECT_MAP_BASE    slot 256  physical memory from 0, at a fixed offset (p2v)
 *   0xFFFF9000deadb000 slot 288  never mapped: test=fault:pf writes there
 *   KERNEL_VMA         slot 511  the kernel image (physical KERNEL_PHYS ..), last 2 GiB
 *
 * The boot page tables (arch/x86/entry.S) map physical 0..4 GiB in the
 * direct map, its top 32 MiB (the APICs) uncached, and the image's first GiB.
 */
#ifndef MM_MEMLAYOUT_H
#define MM_MEMLAYOUT_H

#define KERNEL_VMA 0xFFFFFFFF80000000
#define KERNEL_PHYS 0x100000
#define DIRECT_MAP_BASE 0xFFFF800000000000

#define KERNEL_STACK_SIZE 16384

#if LAB >= 3
/*
 * From lab 3 on, mm/kvm.c replaces the boot tables: the direct map covers
 * all RAM (at least 4 GiB, at most DIRECT_MAP_SIZE: one PML4 slot), the
 * image is mapped page by page with text read-only and data no-execute, and
 * the identity map is gone. Slot 384 holds kernel tests' scratch mappings.
 */
#define DIRECT_MAP_SIZE 0x8000000000    /* 512 GiB; RAM above it is not mapped */
#define VM_TEST_BASE 0xFFFFC00000000000 /* slot 384: 1 GiB for bench_vm_map */
#endif

#if LAB >= 4
/*
 * Slot 385 holds the threads' kernel stacks (proc/kstack.c): slot i of
 * KSTACK_SLOT_SIZE bytes at KSTACK_BASE + i * KSTACK_SLOT_SIZE is an unmapped
 * guard page followed by the KSTACK_SIZE bytes of the stack, so an overflow
 * faults at once instead of running into the stack below.
 */
#define KSTACK_BASE 0xFFFFC08000000000 /* slot 385 */
#define KSTACK_SIZE 16384
#define KSTACK_GUARD_SIZE 4096
#define KSTACK_SLOT_SIZE (KSTACK_GUARD_SIZE + KSTACK_SIZE)
#define KSTACK_SLOTS 4096 /* at most this many threads at once: 80 MiB of the slot */
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Physical address -> its address in the direct map. */
static inline void *
p2v(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}

#if LAB >= 5
/* Kernel virtual address in the direct map or the kernel image -> physical address (for
 * DMA). Anything else (a kernel stack, a test mapping) has no fixed physical address. */
static inline uint64_t
v2p(const void *va)
{
	uint64_t a = (uint64_t)(uintptr_t)va;

	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - DIRECT_MAP_BASE;
}
#endif
#endif

#endif
