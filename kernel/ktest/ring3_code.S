#if LAB >= 6
/*
 * test=ring3's user program (see usermode_test.c): copied into a user page
 * and run in ring 3, so it must be position-independent: everything it
 * names is inside it (rip-relative) or an absolute number. rdi selects what
 * it does (MODE_*), rsi is the page where it leaves its results (R_*).
 */
#include "ktest/ring3.h"
#include "sys/syscall_nr.h"

.pushsection .rodata
.globl ring3_code, ring3_code_end
.macro setregs
	movabsq $0x7e57000000000000, %rax
	leaq 1(%rax), %rbx
	leaq 2(%rax), %rbp
	leaq 3(%rax), %rdx
	leaq 4(%rax), %rsi
	leaq 5(%rax), %rdi
	leaq 6(%rax), %r8
	leaq 7(%rax), %r9
	leaq 8(%rax), %r10
	leaq 9(%rax), %r12
	leaq 10(%rax), %r13
	leaq 11(%rax), %r14
	movl $SYS_getpid, %eax
.endm
.macro saveregs at
	movq %rbx, \at * 8 + 0(%r15)
	movq %rbp, \at * 8 + 8(%r15)
	movq %rdx, \at * 8 + 16(%r15)
	movq %rsi, \at * 8 + 24(%r15)
	movq %rdi, \at * 8 + 32(%r15)
	movq %r8, \at * 8 + 40(%r15)
	movq %r9, \at * 8 + 48(%r15)
	movq %r10, \at * 8 + 56(%r15)
	movq %r12, \at * 8 + 64(%r15)
	movq %r13, \at * 8 + 72(%r15)
	movq %r14, \at * 8 + 80(%r15)
.endm
.macro call3 nr, a1, a2, a3
	movl $\nr, %eax
	movq \a1, %rdi
	movq \a2, %rsi
	movq \a3, %rdx
	syscall
.endm
ring3_code:
	movq %rsi, %r15
	cmpq $MODE_BENCH_SYSCALL, %rdi
	je 20f
	cmpq $MODE_BENCH_INT80, %rdi
	je 30f
	cmpq $MODE_KERNEL_READ, %rdi
	je 40f
	cmpq $MODE_NULL_READ, %rdi
	je 50f
	cmpq $MODE_PRIVILEGED, %rdi
	je 60f
	cmpq $MODE_TOP_OF_SPACE, %rdi
	je 70f
	movl $SYS_getpid, %eax
	syscall
	movq %rax, R_PID_SYSCALL * 8(%r15)
	movl $SYS_getpid, %eax
	int $0x80
	movq %rax, R_PID_INT80 * 8(%r15)
	setregs
	syscall
1:
	movq %rcx, R_RCX * 8(%r15)
	saveregs R_REGS_SYSCALL
	leaq 1b(%rip), %rax
	movq %rax, R_RCX_WANT * 8(%r15)
	setregs
	int $0x80
	saveregs R_REGS_INT80
	leaq 9f(%rip), %rsi
	call3 SYS_write, $1, %rsi, $(10f-9f)
	movq %rax, R_WRITE * 8(%r15)
	movabsq $0xffff800000000000, %rsi
	call3 SYS_write, $1, %rsi, $8
	movq %rax, R_WRITE_KERNEL_BUF * 8(%r15)
	call3 SYS_write, $1, $0x10000, $8
	movq %rax, R_WRITE_UNMAPPED_BUF * 8(%r15)
	call3 999, $0, $0, $0
	movq %rax, R_UNKNOWN_CALL * 8(%r15)
	call3 SYS_exit, $EXIT_OK, $0, $0
	ud2
20:
	movl $BENCH_CALLS, %r12d
21:
	movl $SYS_getpid, %eax
	syscall
	decl %r12d
	jnz 21b
	jmp 80f
30:
	movl $BENCH_CALLS, %r12d
31:
	movl $SYS_getpid, %eax
	int $0x80
	decl %r12d
	jnz 31b
	jmp 80f
40:
	movabsq $0xffff800000000000, %rax
	movq (%rax), %rax
	jmp 90f
50:
	movq 0, %rax
	jmp 90f
60:
	hlt
	jmp 90f
70:
	movl $SYS_getpid, %eax
	movabsq $0x7ffffffffffe, %rcx
	jmp *%rcx
80:
	call3 SYS_exit, $0, $0, $0
90:
	movq $1, R_SURVIVED * 8(%r15)
	jmp 80b
9:
	.ascii "ring3: hello from ring 3\n"
10:
ring3_code_end:
.popsection
#endif
