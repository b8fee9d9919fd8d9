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

#if LAB >= 2
/* The time-stamp counter: cycles at a constant rate that clock.c measures. */
static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Model-specific registers (IA32_APIC_BASE, ...); a missing MSR faults. */
static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* CPUID leaf leaf, subleaf 0: out[] = eax, ebx, ecx, edx. */
static inline void
cpuid(uint32_t leaf, uint32_t out[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3])
			 : "a"(leaf), "c"(0));
}
#endif

#if LAB >= 6
/* CR4 bits the kernel sets for user mode (Intel SDM vol. 3, 2.5). */
#define CR4_SMEP (1ul << 20) /* no kernel execution of user pages */
#define CR4_SMAP (1ul << 21) /* no kernel access to user pages unless RFLAGS.AC */
#define RFLAGS_TF (1ul << 8)
#define RFLAGS_DF (1ul << 10)
#define RFLAGS_NT (1ul << 14)
#define RFLAGS_AC (1ul << 18)

static inline void
write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* Open and close the kernel's access to user pages under SMAP; both are #UD on a CPU without
 * SMAP, so callers check smap_enabled (arch/x86/usermode.h) first. */
static inline void
stac(void)
{
	__asm__ volatile("stac" : : : "memory");
}

static inline void
clac(void)
{
	__asm__ volatile("clac" : : : "memory");
}
#endif

/* Stop in the Bochs debugger here (bochsrc enables magic_break); a no-op on QEMU. */
#define BOCHS_BREAK() __asm__ volatile("xchg %bx, %bx")

#if LAB >= 2
#define RFLAGS_IF (1ul << 9) /* interrupts enabled */

/* Interrupt flag: the console waits for input with these. */
static inline void
cli(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void
sti(void)
{
	__asm__ volatile("sti" : : : "memory");
}

/* Enable interrupts and halt until one arrives, with no gap between the two: sti takes effect
 * only after the next instruction, so an interrupt pending at the sti wakes the hlt. */
static inline void
wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

/* The registers at one point of the code, for the monitor's regs command. */
struct cpu_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
	uint64_t cs, ss, ds, es;
};

/* Fill r with the registers as they are at this call (rip is the address of the capture). */
static inline void
read_cpu_regs(struct cpu_regs *r)
{
	uint64_t scratch;

	__asm__ volatile("movq %%rax, 0x00(%1)\n\t"
			 "movq %%rbx, 0x08(%1)\n\t"
			 "movq %%rcx, 0x10(%1)\n\t"
			 "movq %%rdx, 0x18(%1)\n\t"
			 "movq %%rsi, 0x20(%1)\n\t"
			 "movq %%rdi, 0x28(%1)\n\t"
			 "movq %%rbp, 0x30(%1)\n\t"
			 "movq %%rsp, 0x38(%1)\n\t"
			 "movq %%r8, 0x40(%1)\n\t"
			 "movq %%r9, 0x48(%1)\n\t"
			 "movq %%r10, 0x50(%1)\n\t"
			 "movq %%r11, 0x58(%1)\n\t"
			 "movq %%r12, 0x60(%1)\n\t"
			 "movq %%r13, 0x68(%1)\n\t"
			 "movq %%r14, 0x70(%1)\n\t"
			 "movq %%r15, 0x78(%1)\n\t"
			 "leaq 0(%%rip), %0\n\t"
			 "movq %0, 0x80(%1)\n\t"
			 "pushfq\n\t"
			 "popq 0x88(%1)\n\t"
			 "movq %%cs, %0\n\t"
			 "movq %0, 0x90(%1)\n\t"
			 "movq %%ss, %0\n\t"
			 "movq %0, 0x98(%1)\n\t"
			 "movq %%ds, %0\n\t"
			 "movq %0, 0xa0(%1)\n\t"
			 "movq %%es, %0\n\t"
			 "movq %0, 0xa8(%1)"
			 : "=&r"(scratch)
			 : "r"(r)
			 : "memory");
}
#endif

#endif
