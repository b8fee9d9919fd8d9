#if LAB >= 4
/*
 * Kernel stacks for threads: KSTACK_SIZE bytes each, mapped page by page in
 * the kernel-stack region (mm/memlayout.h) above an unmapped guard page, so
 * an overflow faults at once instead of overwriting the stack below.
 */
#ifndef PROC_KSTACK_H
#define PROC_KSTACK_H

#include <stdint.h>

/* Set up the slot allocator. Called by thread_init. */
void kstack_init(void);

/* Map a new stack: its lowest address, or 0 when memory or slots run out. May not sleep. */
uint64_t kstack_alloc(void);

/* Unmap the stack kstack_alloc returned at base and free its frames. Never the running stack. */
void kstack_free(uint64_t base);

#endif
#endif
