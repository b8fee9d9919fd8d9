#if LAB >= 6
/*
 * TEMP: stand-ins, until lab6-ukern lands, for its system-call dispatcher
 * (getpid, write, exit only), proc_fault_current and as_load, so that the
 * ring-3 entry and test=ring3 can run on lab6-uarch alone. Drop this file
 * (revert its commit) when merging lab6-ukern.
 */
#include "arch/x86/mmu.h"
#include "arch/x86/trap.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "mm/memlayout.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/thread.h"
#include "sys/syscall.h"

void
syscall_dispatch(struct trapframe *tf)
{
	struct proc *p = thread_current()->proc;
	char buf[128];

	switch (tf->rax) {
	case SYS_getpid:
		tf->rax = (uint64_t)p->pid;
		return;
	case SYS_write: {
		uint64_t n = tf->rdx, done = 0;
		while (done < n) {
			uint64_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);
			if (copyin(buf, tf->rsi + done, chunk) < 0) {
				tf->rax = (uint64_t)-EFAULT;
				return;
			}
			for (uint64_t i = 0; i < chunk; i++)
				console_putc(buf[i]);
			done += chunk;
		}
		tf->rax = n;
		return;
	}
	case SYS_exit:
		thread_exit((int)tf->rdi);
	default:
		tf->rax = (uint64_t)-ENOSYS;
	}
}

void
proc_fault_current(const char *what)
{
	struct proc *p = thread_current()->proc;

	printf("pid %d (%s) killed: %s\n", p->pid, p->name, what);
	thread_exit(-1);
}

void
as_load(struct addrspace *as)
{
	load_cr3(as ? as->cr3 : v2p(kernel_pml4));
}
#endif
