#if LAB >= 2
/*
 * Trap dispatch. Every vector arrives here from trapentry.S. Interrupts go
 * to the handler a driver registered; exceptions in the kernel are bugs,
 * except a breakpoint (reported, then resumed) and faults at instructions
 * listed in the exception table (resumed at their fixup). Anything else gets
 * a full report and a panic. Nothing a device does can panic the kernel:
 * unexpected interrupts are counted and reported.
 */
#include "arch/x86/trap.h"
#include "arch/x86/cpu.h"
#include "arch/x86/extable.h"
#include "arch/x86/faultinfo.h"
#include "arch/x86/gdt.h"
#include "arch/x86/irq.h"
#include "debug/backtrace.h"
#include "debug/ksyms.h"
#include "debug/panic.h"
#include "dev/console.h"
#if LAB >= 4
#include "mm/memlayout.h"
#include "proc/sched.h"
#include "proc/thread.h"
#endif
#if LAB >= 6
#include "arch/x86/usermode.h"
#include "lib/printf.h"
#include "mm/page.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "sys/syscall.h"
#endif

extern char boot_stack_guard[], boot_stack[];

static trap_handler_fn *handlers[NVECTORS];
static uint64_t counts[NVECTORS];

void
trap_set_handler(int vector, trap_handler_fn *fn)
{
	if (vector < T_IRQ0 || vector >= NVECTORS)
		panic("trap_set_handler: vector %d is not an interrupt vector", vector);
	if (handlers[vector] && handlers[vector] != fn)
		panic("trap_set_handler: vector %d already has a handler", vector);
	handlers[vector] = fn;
}

uint64_t
trap_count(int vector)
{
	return vector >= 0 && vector < NVECTORS ? counts[vector] : 0;
}

static bool
has_selector_error(int vector)
{
	return vector == T_TSS || vector == T_SEGNP || vector == T_STACK || vector == T_GPFLT;
}

static void
print_rip(uint64_t rip)
{
	char where[KSYM_DESC_MAX];

	printf("trap: rip 0x%016lx %s\n", rip,
	       ksym_describe(&kernel_symtab, rip, false, where, sizeof(where)));
}

void
trap_print(const struct trapframe *tf)
{
	char why[96];
	int v = (int)tf->vector;

	printf("trap: vector %d (%s), error 0x%lx%s\n", v, trap_name(v), tf->error,
	       v == T_DBLFLT ? ", on IST stack 1" : "");
	if (v == T_PGFLT)
		printf("trap: page fault at 0x%lx: %s\n", read_cr2(),
		       pf_describe(tf->error, why, sizeof(why)));
	else if (has_selector_error(v) && tf->error)
		printf("trap: error code names %s\n",
		       selector_error_describe(tf->error, why, sizeof(why)));
	print_rip(tf->rip);
	printf("trap: rsp 0x%016lx rflags 0x%lx cs 0x%lx ss 0x%lx\n", tf->rsp, tf->rflags, tf->cs,
	       tf->ss);
	printf("  rax 0x%016lx rbx 0x%016lx rcx 0x%016lx rdx 0x%016lx\n", tf->rax, tf->rbx, tf->rcx,
	       tf->rdx);
	printf("  rsi 0x%016lx rdi 0x%016lx rbp 0x%016lx r8  0x%016lx\n", tf->rsi, tf->rdi, tf->rbp,
	       tf->r8);
	printf("  r9  0x%016lx r10 0x%016lx r11 0x%016lx r12 0x%016lx\n", tf->r9, tf->r10, tf->r11,
	       tf->r12);
	printf("  r13 0x%016lx r14 0x%016lx r15 0x%016lx\n", tf->r13, tf->r14, tf->r15);
}

/* A double fault with rsp at the boot stack's bottom is almost always an overflow. */
static void
explain_double_fault(const struct trapframe *tf)
{
	uint64_t guard = (uint64_t)boot_stack_guard, bottom = (uint64_t)boot_stack;

	if (tf->rsp >= guard && tf->rsp <= bottom + 64)
		printf("trap: kernel stack overflow: rsp 0x%lx is in the boot stack's guard page\n",
		       tf->rsp);
#if LAB >= 4
	/* So is one at the bottom of a thread's stack (main's is the boot stack). */
	struct thread *t = thread_current();
	if (t && t->kstack_base != bottom && tf->rsp >= t->kstack_base - KSTACK_GUARD_SIZE &&
	    tf->rsp <= t->kstack_base + 64)
		printf("trap: kernel stack overflow: rsp 0x%lx is in the guard page of thread %d "
		       "(%s)\n",
		       tf->rsp, t->tid, t->name);
#endif
}

/* An interrupt nobody asked for: count it, and say so at counts 1, 2, 4, 8, ... */
static void
unexpected_interrupt(int vector)
{
	uint64_t n = counts[vector];

	if ((n & (n - 1)) == 0)
		printf("trap: warning: unexpected interrupt on vector %d (%lu so far)\n", vector,
		       n);
}

#if LAB >= 6
extern char syscall_iret[]; /* arch/x86/syscall.S */

/* What a user page fault at addr touched, in words. */
static const char *
user_pf_kind(uint64_t addr, uint64_t error)
{
	if (addr >= USER_TOP)
		return "kernel address";
	if (addr < USER_STACK_TOP - USER_STACK_SIZE &&
	    addr >= USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE)
		return "unmapped address (the stack's guard page: stack overflow)";
	if (!(error & PF_PRESENT))
		return "unmapped address";
	if (error & PF_FETCH)
		return "non-executable address";
	if (error & PF_WRITE)
		return "read-only address";
	return "protected address";
}

/*
 * The current process faulted at user address rip (tf is the fault's frame): end it with a
 * one-line reason. A user rip is only a number: no kernel symbol describes it.
 */
static void
user_fault(const struct trapframe *tf, uint64_t rip)
{
	char what[160], why[96];
	int v = (int)tf->vector;

	if (v == T_PGFLT) {
		uint64_t addr = read_cr2();
		if (tf->error & PF_RSVD)
			snprintf(what, sizeof(what), "page fault at 0x%lx (%s)", addr,
				 pf_describe(tf->error, why, sizeof(why)));
		else
			snprintf(what, sizeof(what), "page fault at 0x%lx, user %s of %s", addr,
				 tf->error & PF_FETCH   ? "fetch"
				 : tf->error & PF_WRITE ? "write"
							: "read",
				 user_pf_kind(addr, tf->error));
	} else if (rip >= USER_TOP) {
		snprintf(what, sizeof(what), "%s at rip 0x%lx (non-canonical return address)",
			 v == T_GPFLT ? "general protection fault" : trap_name(v), rip);
	} else if (v == T_GPFLT) {
		snprintf(what, sizeof(what), "general protection fault at rip 0x%lx (%s)", rip,
			 tf->error
				 ? selector_error_describe(tf->error, why, sizeof(why))
				 : "privileged instruction, non-canonical address or bad segment");
	} else {
		snprintf(what, sizeof(what), "%s at rip 0x%lx", trap_name(v), rip);
	}
	sti(); /* the program ran with interrupts on; ending it may sleep */
	proc_fault_current(what);
}
#endif

static void
exception(struct trapframe *tf)
{
	int v = (int)tf->vector;

#if LAB >= 6
	/* NMIs and machine checks are the machine's, not the program's; a double fault is the
	   kernel's. Anything else from ring 3 is the program's fault. */
	if ((tf->cs & 3) && v != T_NMI && v != T_MCHK && v != T_DBLFLT)
		user_fault(tf, tf->rip);
	/* syscall.S's iretq refused the frame it was returning to ring 3 with (a non-canonical
	   rip, say): a fault of the program too, reported at the rip it would have gone to. */
	if (tf->rip == (uint64_t)syscall_iret)
		user_fault(tf, *(const uint64_t *)tf->rsp);
#endif

	if (v == T_BRKPT) {
		trap_print(tf);
		printf("trap: breakpoint: resuming\n");
		return;
	}
	if (extable_fixup(tf))
		return;
	if (v == T_NMI) {
		trap_print(tf);
		printf("trap: NMI: reported; resuming\n");
		return;
	}
#if LAB >= 4
	console_panic(); /* the fault may have hit inside printf, holding the console lock */
#endif
	trap_print(tf);
	if (v == T_DBLFLT)
		explain_double_fault(tf);
	panic("unhandled %s in kernel mode", trap_name(v));
}

void
trap(struct trapframe *tf)
{
	int v = (int)tf->vector;

	counts[v]++;
#if LAB >= 6
	/* Trap delivery keeps RFLAGS.AC: close user access in case the interrupted code (a copy
	   in usercopy.c, or ring 3) had it open. iretq restores it. */
	if (smap_enabled)
		clac();
	if (v == T_SYSCALL && (tf->cs & 3)) {
		sti();
		syscall_dispatch(tf);
		cli();
		return;
	}
#endif
	if (v < T_IRQ0) {
		exception(tf);
		return;
	}
#if LAB >= 4
	sched_irq_enter();
#endif
	if (handlers[v])
		handlers[v](tf);
	else if (v != T_SPURIOUS && v != T_SELFTEST)
		unexpected_interrupt(v);
	if (v != T_SPURIOUS)
		irq_eoi(v);
#if LAB >= 4
	sched_irq_exit();
	/* The handler may have woken a thread that outranks this one, or ended its quantum. */
	sched_preempt_if_needed();
#endif
}
#endif
