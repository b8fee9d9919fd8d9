/*
 * The kernel's virtual memory layout.
 *
 *   0x0000000000000000 ..          identity map of the first 1 GiB (boot only)
 *   DIRECT_MAP_BASE    ..          physical memory 0..4 GiB, mapped at a fixed offset
 *   KERNEL_VMA         ..          the kernel image (physical KERNEL_PHYS ..)
 *
 * Until lab 3 builds the real tables, the boot page tables (arch/x86/entry.S)
 * provide these maps; the direct map's top 32 MiB (the APICs) is uncached.
 */
#ifndef MM_MEMLAYOUT_H
#define MM_MEMLAYOUT_H

#define KERNEL_VMA 0xFFFFFFFF80000000
#define KERNEL_PHYS 0x100000
#define DIRECT_MAP_BASE 0xFFFF800000000000

#define KERNEL_STACK_SIZE 16384

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Physical address -> its address in the direct map. */
static inline void *
p2v(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}
#endif

#endif
