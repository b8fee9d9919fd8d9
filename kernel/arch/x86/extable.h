#if LAB >= 2
/*
 * Recovery points for faults the kernel expects. An instruction that may
 * fault on purpose (reading memory that may not be there; in lab 6, a user
 * pointer in copyin) is listed in the exception table with the address to
 * resume at. trap() looks a kernel-mode fault up here before panicking.
 */
#ifndef ARCH_X86_EXTABLE_H
#define ARCH_X86_EXTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/trap.h"

struct extable_entry {
	uint64_t fault_rip; /* the instruction allowed to fault */
	uint64_t fixup_rip; /* where execution resumes if it does */
};

/* If tf faulted at a listed instruction, point it at the fixup and return true. */
bool extable_fixup(struct trapframe *tf);

/*
 * Read the 64-bit word at addr into *value. Returns false, instead of
 * faulting, if the read raises #GP or #PF (a non-canonical or unmapped addr).
 */
static inline bool
probe_read64(const volatile uint64_t *addr, uint64_t *value)
{
	uint64_t v = 0;
	int faulted = 1;

	/* If the load at 1 faults, trap() resumes at 2 with faulted still 1. */
	__asm__ volatile("1: movq (%2), %0\n\t"
			 "movl $0, %1\n"
			 "2:\n\t"
			 ".pushsection .extable, \"a\"\n\t"
			 ".quad 1b, 2b\n\t"
			 ".popsection"
			 : "+r"(v), "+r"(faulted)
			 : "r"(addr)
			 : "memory");
	*value = v;
	return !faulted;
}

#endif
#endif
