#if LAB >= 6
/* What test=ring3's C half (usermode_test.c) and its user code (ring3_code.S) agree on. */
#ifndef KTEST_RING3_H
#define KTEST_RING3_H

#define BENCH_CALLS 100000
#define REGV(i) (0x7e57000000000000ULL + (i)) /* what the code puts in register i */
#define NREGS 11                              /* rbx rbp rdx rsi rdi r8 r9 r10 r12 r13 r14 */
#define EXIT_OK 7

/* What the code stores at the bottom of its stack page, in words. */
#define R_PID_SYSCALL 0
#define R_PID_INT80 1
#define R_WRITE 2
#define R_WRITE_KERNEL_BUF 3
#define R_WRITE_UNMAPPED_BUF 4
#define R_UNKNOWN_CALL 5
#define R_REGS_SYSCALL 6 /* NREGS words */
#define R_REGS_INT80 17  /* NREGS words */
#define R_RCX 28         /* rcx after syscall: the return address */
#define R_RCX_WANT 29    /* that address, as the code computes it */
#define R_SURVIVED 30    /* written after a faulting instruction: must stay 0 */

/* Selected by the code's first argument (rdi); the second (rsi) is the results' address. */
#define MODE_CHECK 0
#define MODE_BENCH_SYSCALL 1
#define MODE_BENCH_INT80 2
#define MODE_KERNEL_READ 3
#define MODE_NULL_READ 4
#define MODE_PRIVILEGED 5
#define MODE_TOP_OF_SPACE 6

#endif
#endif
