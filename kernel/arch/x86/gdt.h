#if LAB >= 2
/*
 * Segments. Long mode ignores most of segmentation, but the CPU still needs
 * a GDT for the code segments' privilege levels and a TSS for the stacks it
 * switches to: rsp0 on entry from user mode (lab 6) and the interrupt stack
 * table (IST), whose stacks let a double fault, NMI or machine check be
 * reported even when the kernel stack is gone.
 */
#ifndef ARCH_X86_GDT_H
#define ARCH_X86_GDT_H

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#endif

/* Selectors. User data sits just below user code, the order SYSRET (lab 6) needs. */
#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UDATA (0x18 | 3)
#define SEG_UCODE (0x20 | 3)
#define SEG_TSS 0x28

/* IST slots (1-based, as the IDT gate encodes them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3
#define IST_STACK_SIZE 8192

#ifndef __ASSEMBLER__
/* Load the GDT and TSS on the boot CPU and reload every segment register. */
void gdt_init(void);

/* True if [addr, addr + len) lies inside one of the IST stacks. */
bool gdt_on_ist_stack(uint64_t addr, uint64_t len);

#if LAB >= 6
/* The stack the CPU switches to on an interrupt or exception from ring 3 (TSS rsp0). */
void gdt_set_kernel_stack(uint64_t rsp0);
#endif
#endif /* __ASSEMBLER__ */

#endif
#endif
