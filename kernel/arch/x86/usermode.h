#if LAB >= 6
/*
 * Ring 3: entering it, and coming back by system call. Both ways in (the
 * `syscall` instruction and `int $0x80`) build the same struct trapframe
 * on the thread's kernel stack and call syscall_dispatch (kernel/sys/);
 * a fault in ring 3 goes to proc_fault_current instead of a kernel panic.
 */
#ifndef ARCH_X86_USERMODE_H
#define ARCH_X86_USERMODE_H

#include <stdint.h>

struct trapframe;
struct thread;

/* Program this CPU for system calls: EFER.SCE, STAR, LSTAR, SFMASK, and the int $0x80 gate;
 * turn on SMEP and SMAP when CPUID has them (printing which). Once, after the IDT. */
void usermode_init(void);

/* Leave for ring 3 at entry with user stack rsp, rdi = arg0 and rsi = arg1, interrupts on.
 * The current thread's process's address space must be loaded. Never returns. */
void usermode_enter(uint64_t entry, uint64_t rsp, uint64_t arg0, uint64_t arg1)
	__attribute__((noreturn));

/* Called by the scheduler before it switches to next: the kernel stack ring 3 traps and
 * system calls land on (TSS rsp0 and the syscall entry's), and next's address space. */
void usermode_switch(struct thread *next);

/* Whether user access is guarded by SMAP (copyin and copyout then bracket it with stac/clac). */
extern int smap_enabled;

#endif
#endif
