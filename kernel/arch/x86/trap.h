#if LAB >= 2
/*
 * Traps: exceptions, interrupts and the int3 breakpoint all arrive through
 * the IDT at one assembly entry (trapentry.S), which saves a struct
 * trapframe and calls trap(). Vector numbers are fixed here for the whole
 * kernel.
 */
#ifndef ARCH_X86_TRAP_H
#define ARCH_X86_TRAP_H

/* CPU exceptions (Intel SDM vol. 3, table 6-1). */
#define T_DIVIDE 0
#define T_DEBUG 1
#define T_NMI 2
#define T_BRKPT 3
#define T_OFLOW 4
#define T_BOUND 5
#define T_ILLOP 6
#define T_DEVICE 7
#define T_DBLFLT 8
#define T_TSS 10
#define T_SEGNP 11
#define T_STACK 12
#define T_GPFLT 13
#define T_PGFLT 14
#define T_FPERR 16
#define T_ALIGN 17
#define T_MCHK 18
#define T_SIMDERR 19

/* Interrupts. ISA IRQ n arrives on vector T_IRQ0 + n, whichever controller routes it. */
#define T_IRQ0 32
#define IRQ_TIMER 0 /* the PIT, used only when there is no local APIC timer */
#define IRQ_KBD 1
#define IRQ_COM1 4
#define T_LAPIC_TIMER 64 /* the periodic tick */
#define T_SELFTEST 65    /* self-IPIs and int $65 of the trap check and benchmark; no handler */
#define T_LAPIC_ERROR 254
#define T_SPURIOUS 255
#define NVECTORS 256

#ifdef __ASSEMBLER__
/* clang-format off */
/* Push and pop the general registers in struct trapframe's order (below): every entry path
 * (trapentry.S, and syscall.S from lab 6) builds the same frame with these. */
.macro PUSH_GPRS
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %r11
	pushq %r10
	pushq %r9
	pushq %r8
	pushq %rbp
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rbx
	pushq %rax
.endm

.macro POP_GPRS
	popq %rax
	popq %rbx
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
	popq %rbp
	popq %r8
	popq %r9
	popq %r10
	popq %r11
	popq %r12
	popq %r13
	popq %r14
	popq %r15
.endm
/* clang-format on */
#else
#include <stdbool.h>
#include <stdint.h>

/* What trapentry.S saves, lowest address first: the layout is shared with it. */
struct trapframe {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t vector;
	uint64_t error; /* the CPU's error code, or 0 */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Called with the trapframe for an interrupt vector; EOI is sent after it returns. */
typedef void trap_handler_fn(struct trapframe *tf);

/* Load the IDT on this CPU (the GDT and TSS must be loaded). */
void idt_init(void);

/* Make fn handle vector (T_IRQ0 + irq, T_LAPIC_TIMER, ...); one handler per vector. */
void trap_set_handler(int vector, trap_handler_fn *fn);

/* How many times vector has arrived since boot (the monitor's intr command). */
uint64_t trap_count(int vector);

/* A one-line name for an exception vector ("page fault"), or "interrupt". */
const char *trap_name(int vector);

/* Print a readable report of tf: vector, decoded error code, CR2, RIP symbolized, registers. */
void trap_print(const struct trapframe *tf);

void trap(struct trapframe *tf); /* trapentry.S */

/* Raise a breakpoint exception: trap() reports it and execution resumes. */
static inline void
breakpoint(void)
{
	__asm__ volatile("int3");
}

/* Raise T_SELFTEST with an int instruction: a trap round trip with no device involved. */
static inline void
trap_raise_selftest(void)
{
	__asm__ volatile("int %0" : : "i"(T_SELFTEST) : "memory");
}
#endif /* !__ASSEMBLER__ */

#endif
#endif
