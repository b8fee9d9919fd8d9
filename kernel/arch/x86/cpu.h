/* Reading control registers and flags (for panic's register dump); the Bochs breakpoint. */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

#include <stdint.h>

#define READ_REG(name, insn)                      \
	static inline uint64_t name(void)         \
	{                                         \
		uint64_t v;                       \
		__asm__ volatile(insn : "=r"(v)); \
		return v;                         \
	}

READ_REG(read_cr0, "mov %%cr0, %0")
READ_REG(read_cr2, "mov %%cr2, %0")
READ_REG(read_cr3, "mov %%cr3, %0")
READ_REG(read_cr4, "mov %%cr4, %0")
READ_REG(read_rsp, "mov %%rsp, %0")
READ_REG(read_rflags, "pushfq; popq %0")

#undef READ_REG

/* Stop in the Bochs debugger here (bochsrc enables magic_break); a no-op on QEMU. */
#define BOCHS_BREAK() __asm__ volatile("xchg %bx, %bx")

#endif
