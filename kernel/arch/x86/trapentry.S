#if LAB >= 2
/*
 * The one way into the kernel from a trap. Each of the 256 vectors has a
 * stub that makes the stack look the same (the CPU pushes an error code for
 * some exceptions only, so the others push a 0), pushes its vector number
 * and jumps to alltraps, which saves the rest of struct trapframe
 * (arch/x86/trap.h) and calls trap(tf).
 */
#include "arch/x86/trap.h"

	.text
/* Vectors for which the CPU pushes an error code (Intel SDM vol. 3, table 6-1). */
.macro VECTOR n
	.p2align 4
vector\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	pushq $0
	.endif
	pushq $\n
	jmp alltraps
.endm

	.p2align 4
	.globl trap_stubs
trap_stubs:
	.altmacro
.set n, 0
.rept NVECTORS
	VECTOR %n
	.set n, n + 1
.endr

alltraps:
	PUSH_GPRS
	mov %rsp, %rdi
	/* A frame record for the interrupted code, so backtraces from inside
	   trap() go on through the function that was running (its rip) and
	   its callers (its rbp). */
	pushq 17 * 8(%rsp)              /* tf->rip */
	pushq %rbp
	mov %rsp, %rbp
	cld
	call trap
	.globl trap_return
trap_return:
	add $16, %rsp
	POP_GPRS
	add $16, %rsp                   /* vector and error code */
	iretq

/* The stubs are 16 bytes apart: vector n's stub is at trap_stubs + 16 * n. */
	.section .note.GNU-stack, "", @progbits
#endif
