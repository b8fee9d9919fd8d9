#if LAB >= 6
/*
 * test=ring3: ring 3 and back without the ELF loader. A few bytes of
 * machine code (ktest/ring3_code.S, assembled into the kernel's .rodata
 * and copied into a user page) run as a process of its own: system calls through `syscall` and `int
 * $0x80`, a write, bad buffers, an unknown number, then exit. The code leaves what it saw in its
 * stack page, a frame of the test's mapped in, which the test reads after the process is gone.
 * Further runs fault on purpose (kernel read, NULL read, hlt, and a `syscall` at the top of user
 * space, the sysret pitfall): each must kill only the program. Last it times 100,000 getpid calls
 * by each entry, from the kernel's side (make bench takes user space's own figures: ubench).
 */
#include <stddef.h>

#include "ktest/ktest.h"
#include "arch/x86/mmu.h"
#include "arch/x86/usermode.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/page.h"
#include "mm/uvm.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/thread.h"
#include "proc/uproc.h"
#include "ktest/ring3.h"
#include "sys/syscall_nr.h"

#define CODE_VA 0x400000ULL
#define STACK_VA (USER_STACK_TOP - PAGE_SIZE)
#define TOP_VA (USER_TOP - PAGE_SIZE) /* the last user page: a `syscall` in its last 2 bytes */

extern const char ring3_code[], ring3_code_end[]; /* ktest/ring3_code.S */

/* The program's world. Each run is a real process (uproc_new, as_create) whose code and top
 * pages its address space owns; the stack page, where the code leaves its results, is the
 * test's own frame mapped in, so it outlives the process for the test to read. */
struct ring3 {
	struct proc *proc;
	struct page *results;
	int mode;
	int pid; /* the last run's */
	bool failed;
};

static struct ring3 world;

static void
fail(const char *what)
{
	printf("ring3: FAILED: %s\n", what);
	world.failed = true;
}

/* A process with the code at CODE_VA, `syscall` in the last two bytes of user space and the
 * results page as its stack; NULL if out of memory. */
static struct proc *
program_build(struct ring3 *w)
{
	static const uint8_t syscall_insn[2] = { 0x0f, 0x05 };
	struct proc *p = uproc_new("ring3", &cred_root, TRUST_USER);

	if (!p)
		return NULL;
	p->as = as_create();
	if (!p->as || as_map(p->as, CODE_VA, PAGE_SIZE, UVM_EXEC) < 0 ||
	    as_write(p->as, CODE_VA, ring3_code, (size_t)(ring3_code_end - ring3_code)) < 0 ||
	    as_map(p->as, TOP_VA, PAGE_SIZE, UVM_EXEC) < 0 ||
	    as_write(p->as, USER_TOP - 2, syscall_insn, 2) < 0 ||
	    vm_map(p->as->pml4, STACK_VA, page_pa(w->results), VM_USER | VM_WRITE) < 0) {
		uproc_free(p);
		return NULL;
	}
	return p;
}

/* The program's thread, in its process: load its table, leave for ring 3. */
static void
ring3_thread(void *arg)
{
	struct ring3 *w = arg;

	as_load(w->proc->as);
	usermode_enter(CODE_VA, USER_STACK_TOP, (uint64_t)w->mode, STACK_VA);
}

/* Run the program in mode to its end: its exit status; *ns how long it took. */
static int
run(struct ring3 *w, int mode, uint64_t *ns)
{
	int status = 0;

	memset(page_va(w->results), 0, PAGE_SIZE);
	w->mode = mode;
	uint64_t t0 = clock_ns();
	w->proc = program_build(w);
	if (!w->proc || uproc_start(w->proc, &kernel_proc, ring3_thread, w) < 0) {
		fail("no memory for the program");
		return -ENOMEM;
	}
	int pid = w->pid = w->proc->pid;
	if (proc_wait(pid, &status) != pid)
		fail("proc_wait did not return the program");
	*ns = clock_ns() - t0;
	return status;
}

static uint64_t *
results(struct ring3 *w)
{
	return page_va(w->results);
}

static void
check_calls(struct ring3 *w)
{
	uint64_t ns, *r = results(w);
	int code = run(w, MODE_CHECK, &ns);
	int pid = w->pid;

	printf("ring3: exit %d; getpid %ld by syscall, %ld by int $0x80 (pid %d); write %ld\n",
	       code, (int64_t)r[R_PID_SYSCALL], (int64_t)r[R_PID_INT80], pid, (int64_t)r[R_WRITE]);
	if (code != EXIT_OK)
		fail("the program did not exit with status 7");
	if (r[R_PID_SYSCALL] != (uint64_t)pid || r[R_PID_INT80] != (uint64_t)pid)
		fail("getpid did not return the pid by both entries");
	if (r[R_WRITE] != sizeof("ring3: hello from ring 3\n") - 1)
		fail("write did not return its length");
	if ((int64_t)r[R_WRITE_KERNEL_BUF] != -EFAULT ||
	    (int64_t)r[R_WRITE_UNMAPPED_BUF] != -EFAULT)
		fail("write from a kernel or an unmapped buffer did not return -EFAULT");
	if ((int64_t)r[R_UNKNOWN_CALL] != -ENOSYS)
		fail("an unknown system call did not return -ENOSYS");
	if (r[R_RCX] != r[R_RCX_WANT] || r[R_RCX] < CODE_VA || r[R_RCX] >= CODE_VA + PAGE_SIZE)
		fail("rcx after syscall is not the return address");
	for (int i = 0; i < NREGS; i++) {
		if (r[R_REGS_SYSCALL + i] != REGV(i + 1))
			fail("a register changed across syscall");
		if (r[R_REGS_INT80 + i] != REGV(i + 1))
			fail("a register changed across int $0x80");
	}
}

/* A program that faults in mode must be ended there (the kernel printed why) and nothing
 * else. */
static void
check_fault(struct ring3 *w, int mode, const char *what)
{
	uint64_t ns;
	int code = run(w, mode, &ns);

	printf("ring3: %s: exit %d\n", what, code);
	if (code == 0 || results(w)[R_SURVIVED])
		fail("a faulting program went on");
}

static void
bench(struct ring3 *w)
{
	uint64_t ns_syscall, ns_int80;

	if (run(w, MODE_BENCH_SYSCALL, &ns_syscall) != 0 ||
	    run(w, MODE_BENCH_INT80, &ns_int80) != 0) {
		fail("a benchmark run did not exit with 0");
		return;
	}
	printf("ClanOS-Bench: name=ring3_getpid_syscall_per_s value=%lu unit=1/s\n",
	       (uint64_t)BENCH_CALLS * 1000000000 / (ns_syscall ? ns_syscall : 1));
	printf("ClanOS-Bench: name=ring3_getpid_int80_per_s value=%lu unit=1/s\n",
	       (uint64_t)BENCH_CALLS * 1000000000 / (ns_int80 ? ns_int80 : 1));
}

static bool
world_start(void)
{
	memset(&world, 0, sizeof(world));
	world.results = page_alloc(0, OWNER_TEST);
	if (!world.results) {
		printf("ring3: FAILED: no memory for the results page\n");
		return false;
	}
	return true;
}

void
ktest_ring3(void)
{
	if (!world_start())
		return;
	check_calls(&world);
	check_fault(&world, MODE_KERNEL_READ, "read of a kernel address");
	check_fault(&world, MODE_NULL_READ, "read of NULL");
	check_fault(&world, MODE_PRIVILEGED, "hlt");
	check_fault(&world, MODE_TOP_OF_SPACE, "syscall at the top of user space");
	bench(&world);
	page_free(world.results);
	if (!world.failed)
		printf("ring3: ok\n");
}
#endif
