#if LAB >= 6
/*
 * The `syscall` instruction's way into the kernel (LSTAR points here, see
 * usermode.c) and its way back. `syscall` leaves the user's rsp in place,
 * the return address in rcx and the user's rflags in r11, and masks IF, DF,
 * TF, AC and NT (SFMASK): this code finds the thread's kernel stack through the
 * per-CPU struct (swapgs), builds the same struct trapframe as alltraps
 * (arch/x86/trap.h), and calls syscall_dispatch(tf) with interrupts on.
 * The return is sysret, which is much cheaper than iretq, whenever sysret
 * can return to where the frame says; otherwise iretq.
 */
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"
#include "proc/percpu.h"
#include "sys/syscall_nr.h"

/* Offsets in struct trapframe. */
#define TF_RIP (17 * 8)
#define TF_CS (18 * 8)
#define TF_RFLAGS (19 * 8)
#define TF_RSP (20 * 8)
#define TF_SS (21 * 8)

/* The first address past user space: every canonical user address is below it. */
#define USER_TOP_ADDR 0x0000800000000000

	.text
	.globl syscall_entry
	.type syscall_entry, @function
	.p2align 4
syscall_entry:
	/* Interrupts are off (SFMASK). GS holds the user's base; KERNEL_GS_BASE this
	   CPU's struct cpu. Swap just long enough to switch stacks, so that the rest
	   of the kernel never depends on which of the two GS holds. */
	swapgs
	movq %rsp, %gs:CPU_USER_RSP
	movq %gs:CPU_SYSCALL_RSP, %rsp
	pushq $SEG_UDATA                /* ss */
	pushq %gs:CPU_USER_RSP          /* rsp */
	swapgs
	pushq %r11                      /* rflags */
	pushq $SEG_UCODE                /* cs */
	pushq %rcx                      /* rip */
	pushq $0                        /* error */
	pushq $T_SYSCALL                /* vector */
	PUSH_GPRS
	mov %rsp, %rdi
	/* A frame record as alltraps makes, ending the chain: a backtrace from the
	   dispatcher shows the user's rip and stops (user rbp means nothing here). */
	pushq %rcx
	pushq $0
	mov %rsp, %rbp
	sti
	call syscall_dispatch
	cli
	add $16, %rsp

	/*
	 * sysret or iretq. sysret loads rip from rcx and rflags from r11 and sets CS
	 * and SS to the fixed user selectors (STAR) without checking anything else;
	 * and on Intel CPUs, a non-canonical rcx makes sysret raise #GP while still in
	 * ring 0 -- after this code has put the user's rsp in place and the user's GS
	 * back, so the fault handler would run in ring 0 on a stack the user chose
	 * (CVE-2012-0217). A program gets such an rcx simply by putting a 2-byte
	 * `syscall` at the very top of user space (0x7ffffffffffe). So sysret only
	 * when the frame says exactly what sysret would do: a user-half rip and the
	 * user selectors (the dispatcher may have changed the frame). Anything else
	 * takes iretq, which checks the frame before leaving ring 0 and faults, if it
	 * does, on this kernel stack with the frame intact: trap.c turns that fault
	 * at syscall_iret into a fault of the process.
	 */
	movq TF_RIP(%rsp), %rcx
	movabsq $USER_TOP_ADDR, %r11
	cmpq %r11, %rcx
	jae 1f
	cmpq $SEG_UCODE, TF_CS(%rsp)
	jne 1f
	cmpq $SEG_UDATA, TF_SS(%rsp)
	jne 1f

	movq TF_RFLAGS(%rsp), %r11
	movq 0 * 8(%rsp), %rax
	movq 1 * 8(%rsp), %rbx
	movq 3 * 8(%rsp), %rdx
	movq 4 * 8(%rsp), %rsi
	movq 5 * 8(%rsp), %rdi
	movq 6 * 8(%rsp), %rbp
	movq 7 * 8(%rsp), %r8
	movq 8 * 8(%rsp), %r9
	movq 9 * 8(%rsp), %r10
	movq 11 * 8(%rsp), %r12
	movq 12 * 8(%rsp), %r13
	movq 13 * 8(%rsp), %r14
	movq 14 * 8(%rsp), %r15
	movq TF_RSP(%rsp), %rsp         /* interrupts are off: nothing uses this stack now */
	sysretq

1:	POP_GPRS
	add $16, %rsp                   /* vector and error code */
	.globl syscall_iret
syscall_iret:
	iretq
	.size syscall_entry, . - syscall_entry

	.section .note.GNU-stack, "", @progbits
#endif
