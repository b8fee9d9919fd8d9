#if LAB >= 6
/*
 * Ring 3 on this CPU (arch/x86/usermode.h): the MSRs that make `syscall`
 * land in syscall.S, SMEP and SMAP, the first iretq into a program, and
 * the per-switch work that keeps traps and system calls on the running
 * thread's kernel stack and its process's page table loaded.
 */
#include <stddef.h>

#include "arch/x86/usermode.h"
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "dev/console.h"
#include "mm/uvm.h"
#include "proc/percpu.h"
#include "proc/proc.h"
#include "proc/thread.h"

/* Model-specific registers of the syscall instruction (Intel SDM vol. 4, table 2-2). */
#define MSR_EFER 0xc0000080
#define EFER_SCE (1ul << 0) /* syscall/sysret enabled */
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SFMASK 0xc0000084
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

/* CPUID leaf 7, subleaf 0, EBX. */
#define CPUID7_SMEP (1u << 7)
#define CPUID7_SMAP (1u << 20)

/* STAR[63:48] = S: sysret loads CS = S + 16 and SS = S + 8, both with RPL 3. */
_Static_assert(((SEG_KDATA + 16) | 3) == SEG_UCODE, "sysret's CS must be SEG_UCODE");
_Static_assert(((SEG_KDATA + 8) | 3) == SEG_UDATA, "sysret's SS must be SEG_UDATA");
_Static_assert(offsetof(struct cpu, syscall_rsp) == CPU_SYSCALL_RSP, "syscall.S's offset");
_Static_assert(offsetof(struct cpu, user_rsp) == CPU_USER_RSP, "syscall.S's offset");

int smap_enabled;

extern char syscall_entry[];

void
usermode_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* syscall: CS = STAR[47:32], SS = that + 8 (0x08, 0x10); sysret as above. */
	wrmsr(MSR_STAR, (uint64_t)SEG_KDATA << 48 | (uint64_t)SEG_KCODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Cleared on entry: interrupts stay off until the entry is on the kernel stack; the
	   kernel's string code expects DF clear; no single-stepping the kernel; no user memory
	   access through an AC the user set; and no NT (which ring 3 may set with popf), with
	   which any iretq in the kernel faults, a switched-to thread's too (swtch keeps
	   rflags). */
	wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT);
	/* The kernel's GS base stays the user's: syscall_entry swaps to this CPU's struct
	   for two instructions only. (The int $0x80 gate, DPL 3, is set by idt_init.) */
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, (uint64_t)this_cpu());

	uint32_t r[4];
	uint32_t features = 0;
	cpuid(0, r);
	if (r[0] >= 7) {
		cpuid(7, r);
		features = r[1];
	}
	uint64_t cr4 = read_cr4();
	if (features & CPUID7_SMEP)
		cr4 |= CR4_SMEP;
	if (features & CPUID7_SMAP)
		cr4 |= CR4_SMAP;
	write_cr4(cr4);
	smap_enabled = (features & CPUID7_SMAP) != 0;
	printf("usermode: SMEP %s, SMAP %s\n", features & CPUID7_SMEP ? "on" : "absent",
	       smap_enabled ? "on" : "absent");
}

/* Traps from ring 3 (TSS rsp0) and system calls (syscall_entry) land at the top of this
 * stack. */
static void
set_kernel_stack(uint64_t top)
{
	gdt_set_kernel_stack(top);
	this_cpu()->syscall_rsp = top;
}

void
usermode_switch(struct thread *next)
{
	struct addrspace *as = next->proc ? next->proc->as : NULL;

	set_kernel_stack(next->kstack_top);
	/* A kernel thread runs on whichever table is loaded: the kernel half is the same in all
	   of them, so switching to one costs no CR3 load and no TLB flush (an address space is
	   unloaded, by as_load(NULL), before it is destroyed). */
	if (as && read_cr3() != as->cr3)
		as_load(as);
}

void
usermode_enter(uint64_t entry, uint64_t rsp, uint64_t arg0, uint64_t arg1)
{
	cli();
	set_kernel_stack(thread_current()->kstack_top);
	/* An iretq frame for ring 3, interrupts on; every register not an argument is zeroed so
	   that no kernel value reaches the program. This kernel stack is abandoned: the next
	   trap or system call starts again at its top. */
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "pushq %1\n\t"
			 "pushq %2\n\t"
			 "pushq %3\n\t"
			 "pushq %4\n\t"
			 "pushq %5\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "xorl %%ebx, %%ebx\n\t"
			 "xorl %%ecx, %%ecx\n\t"
			 "xorl %%edx, %%edx\n\t"
			 "xorl %%ebp, %%ebp\n\t"
			 "xorl %%r8d, %%r8d\n\t"
			 "xorl %%r9d, %%r9d\n\t"
			 "xorl %%r10d, %%r10d\n\t"
			 "xorl %%r11d, %%r11d\n\t"
			 "xorl %%r12d, %%r12d\n\t"
			 "xorl %%r13d, %%r13d\n\t"
			 "xorl %%r14d, %%r14d\n\t"
			 "xorl %%r15d, %%r15d\n\t"
			 "iretq"
			 :
			 : "r"(thread_current()->kstack_top), "i"(SEG_UDATA), "r"(rsp),
			   "i"(RFLAGS_IF | 0x2), "i"(SEG_UCODE), "r"(entry), "D"(arg0), "S"(arg1)
			 : "memory");
	__builtin_unreachable();
}
#endif
