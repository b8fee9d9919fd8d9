#if LAB >= 6
/*
 * test=ring3: ring 3 and back without the ELF loader. A few bytes of
 * machine code (ring3_code below, assembled into the kernel's .rodata and
 * copied into a user page) run in a fresh page table that shares the
 * kernel half: system calls through `syscall` and `int $0x80`, a write,
 * bad buffers, an unknown number, then exit. The code leaves what it saw
 * in its stack page, which the test reads through the direct map. Further
 * runs fault on purpose (kernel read, NULL read, hlt, and a `syscall` at
 * the top of user space, the sysret pitfall): each must kill only the
 * program. bench_syscall times 100,000 getpid calls by each entry.
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
#include "sys/syscall_nr.h"

#define CODE_VA 0x400000ULL
#define STACK_VA (USER_STACK_TOP - PAGE_SIZE)
#define TOP_VA (USER_TOP - PAGE_SIZE) /* the last user page: a `syscall` in its last 2 bytes */
#define BENCH_CALLS 100000
#define REGV(i) (0x7e57000000000000ULL + (i)) /* what the code puts in register i */
#define NREGS 11                              /* rbx rbp rdx rsi rdi r8 r9 r10 r12 r13 r14 */
#define EXIT_OK 7

/* What the code stores at the bottom of its stack page, in words (#defines: the assembly
 * below uses them too). */
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

#define STR_(x) #x
#define STR(x) STR_(x)

extern const char ring3_code[], ring3_code_end[];

/* Position-independent: everything it names is inside it (rip-relative) or absolute. */
__asm__(".pushsection .rodata\n"
	".globl ring3_code, ring3_code_end\n"
	".macro setregs\n"
	"  movabsq $0x7e57000000000000, %rax\n"
	"  leaq 1(%rax), %rbx\n"
	"  leaq 2(%rax), %rbp\n"
	"  leaq 3(%rax), %rdx\n"
	"  leaq 4(%rax), %rsi\n"
	"  leaq 5(%rax), %rdi\n"
	"  leaq 6(%rax), %r8\n"
	"  leaq 7(%rax), %r9\n"
	"  leaq 8(%rax), %r10\n"
	"  leaq 9(%rax), %r12\n"
	"  leaq 10(%rax), %r13\n"
	"  leaq 11(%rax), %r14\n"
	"  movl $" STR(
		SYS_getpid) ", %eax\n"
			    ".endm\n"
			    ".macro saveregs at\n"
			    "  movq %rbx, \\at * 8 + 0(%r15)\n"
			    "  movq %rbp, \\at * 8 + 8(%r15)\n"
			    "  movq %rdx, \\at * 8 + 16(%r15)\n"
			    "  movq %rsi, \\at * 8 + 24(%r15)\n"
			    "  movq %rdi, \\at * 8 + 32(%r15)\n"
			    "  movq %r8, \\at * 8 + 40(%r15)\n"
			    "  movq %r9, \\at * 8 + 48(%r15)\n"
			    "  movq %r10, \\at * 8 + 56(%r15)\n"
			    "  movq %r12, \\at * 8 + 64(%r15)\n"
			    "  movq %r13, \\at * 8 + 72(%r15)\n"
			    "  movq %r14, \\at * 8 + 80(%r15)\n"
			    ".endm\n"
			    ".macro call3 nr, a1, a2, a3\n"
			    "  movl $\\nr, %eax\n"
			    "  movq \\a1, %rdi\n"
			    "  movq \\a2, %rsi\n"
			    "  movq \\a3, %rdx\n"
			    "  syscall\n"
			    ".endm\n"
			    "ring3_code:\n"
			    "  movq %rsi, %r15\n"
			    "  cmpq $" STR(
				    MODE_BENCH_SYSCALL) ", %rdi\n"
							"  je 20f\n"
							"  cmpq $" STR(
								MODE_BENCH_INT80) ", %rdi\n"
										  "  je 30f\n"
										  "  cmpq $" STR(
											  MODE_KERNEL_READ) ", %rdi\n"
													    "  je 40f\n"
													    "  cmpq $" STR(
														    MODE_NULL_READ) ", %rdi\n"
																    "  je 50f\n"
																    "  cmpq $" STR(
																	    MODE_PRIVILEGED) ", %rdi\n"
																			     "  je 60f\n"
																			     "  cmpq $" STR(
																				     MODE_TOP_OF_SPACE) ", %rdi\n"
																							"  je 70f\n"
																							/* MODE_CHECK */
																							"  movl $" STR(
																								SYS_getpid) ", %eax\n"
																									    "  syscall\n"
																									    "  movq %rax, " STR(R_PID_SYSCALL) " * 8(%r15)\n"
																													       "  movl $" STR(
																														       SYS_getpid) ", %eax\n"
																																   "  int $0x80\n"
																																   "  movq %rax, " STR(R_PID_INT80) " * 8(%r15)\n"
																																				    "  setregs\n"
																																				    "  syscall\n"
																																				    "1:\n"
																																				    "  movq %rcx, " STR(R_RCX) " * 8(%r15)\n"
																																							       "  saveregs " STR(
																																								       R_REGS_SYSCALL) "\n"
																																										       "  leaq 1b(%rip), %rax\n"
																																										       "  movq %rax, " STR(R_RCX_WANT) " * 8(%r15)\n"
																																														       "  setregs\n"
																																														       "  int $0x80\n"
																																														       "  saveregs " STR(
																																															       R_REGS_INT80) "\n"
																																																	     "  leaq 9f(%rip), %rsi\n"
																																																	     "  call3 " STR(SYS_write) ", $1, %rsi, $(10f-9f)\n"
																																																				       "  movq %rax, " STR(R_WRITE) " * 8(%r15)\n"
																																																								    "  movabsq $0xffff800000000000, %rsi\n"
																																																								    "  call3 " STR(SYS_write) ", $1, %rsi, $8\n"
																																																											      "  movq %rax, " STR(
																																																												      R_WRITE_KERNEL_BUF) " * 8(%r15)\n"
																																																															  "  call3 " STR(SYS_write) ", $1, $0x10000, $8\n"
																																																																		    "  movq %rax, " STR(
																																																																			    R_WRITE_UNMAPPED_BUF) " * 8(%r15)\n"
																																																																						  "  call3 999, $0, $0, $0\n"
																																																																						  "  movq %rax, " STR(R_UNKNOWN_CALL) " * 8(%r15)\n"
																																																																										      "  call3 " STR(
																																																																											      SYS_exit) ", $" STR(EXIT_OK) ", $0, $0\n"
																																																																															   "  ud2\n"
																																																																															   /* MODE_BENCH_SYSCALL, MODE_BENCH_INT80 */
																																																																															   "20:\n"
																																																																															   "  movl $" STR(BENCH_CALLS) ", %r12d\n"
																																																																																		       "21:\n"
																																																																																		       "  movl $" STR(SYS_getpid) ", %eax\n"
																																																																																						  "  syscall\n"
																																																																																						  "  decl %r12d\n"
																																																																																						  "  jnz 21b\n"
																																																																																						  "  jmp 80f\n"
																																																																																						  "30:\n"
																																																																																						  "  movl $" STR(
																																																																																							  BENCH_CALLS) ", %r12d\n"
																																																																																								       "31:\n"
																																																																																								       "  movl $" STR(
																																																																																									       SYS_getpid) ", %eax\n"
																																																																																											   "  int $0x80\n"
																																																																																											   "  decl %r12d\n"
																																																																																											   "  jnz 31b\n"
																																																																																											   "  jmp 80f\n"
																																																																																											   /* The faults: each is followed by the mark that must never be written. */
																																																																																											   "40:\n"
																																																																																											   "  movabsq $0xffff800000000000, %rax\n"
																																																																																											   "  movq (%rax), %rax\n"
																																																																																											   "  jmp 90f\n"
																																																																																											   "50:\n"
																																																																																											   "  movq 0, %rax\n"
																																																																																											   "  jmp 90f\n"
																																																																																											   "60:\n"
																																																																																											   "  hlt\n"
																																																																																											   "  jmp 90f\n"
																																																																																											   "70:\n"
																																																																																											   "  movl $" STR(SYS_getpid) ", %eax\n"
																																																																																														      "  movabsq $0x7ffffffffffe, %rcx\n" /* USER_TOP - 2 */
																																																																																														      "  jmp *%rcx\n"
																																																																																														      "80:\n"
																																																																																														      "  call3 " STR(
																																																																																															      SYS_exit) ", $0, $0, $0\n"
																																																																																																	"90:\n"
																																																																																																	"  movq $1, " STR(
																																																																																																		R_SURVIVED) " * 8(%r15)\n"
																																																																																																			    "  jmp 80b\n"
																																																																																																			    "9:\n"
																																																																																																			    "  .ascii \"ring3: hello from ring 3\\n\"\n"
																																																																																																			    "10:\n"
																																																																																																			    "ring3_code_end:\n"
																																																																																																			    ".popsection");

/* The program's world: its process, address space and the frames behind its three pages. */
struct ring3 {
	struct proc proc;
	struct addrspace as;
	struct page *code, *stack, *top;
	int mode;
	bool failed;
};

static struct ring3 world;

static struct page *
user_frame(void)
{
	struct page *pg = page_alloc(0, OWNER_TEST);

	if (pg)
		memset(page_va(pg), 0, PAGE_SIZE);
	return pg;
}

static void
fail(const char *what)
{
	printf("ring3: FAILED: %s\n", what);
	world.failed = true;
}

/* A page table with the kernel half and the code, stack and top pages; false if out of
 * memory. */
static bool
world_build(struct ring3 *w)
{
	uint64_t pml4 = pt_alloc();
	w->code = user_frame();
	w->stack = user_frame();
	w->top = user_frame();
	if (!pml4 || !w->code || !w->stack || !w->top)
		return false;
	pte_t *pt = pt_va(pml4);
	for (int i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		pt[i] = kernel_pml4[i];
	w->as.pml4 = pt;
	w->as.cr3 = pml4;
	memcpy(page_va(w->code), ring3_code, (size_t)(ring3_code_end - ring3_code));
	/* syscall (0f 05) in the last two bytes of user space. */
	((uint8_t *)page_va(w->top))[PAGE_SIZE - 2] = 0x0f;
	((uint8_t *)page_va(w->top))[PAGE_SIZE - 1] = 0x05;
	if (vm_map(pt, CODE_VA, page_pa(w->code), VM_USER | VM_EXEC) < 0 ||
	    vm_map(pt, STACK_VA, page_pa(w->stack), VM_USER | VM_WRITE) < 0 ||
	    vm_map(pt, TOP_VA, page_pa(w->top), VM_USER | VM_EXEC) < 0)
		return false;
	w->as.npages = 3;

	w->proc.pid = pid_alloc();
	strlcpy(w->proc.name, "ring3", sizeof(w->proc.name));
	w->proc.parent = &kernel_proc;
	w->proc.as = &w->as;
	return w->proc.pid > 0;
}

/* Free what world_build made: unmap the pages (vm_unmap frees emptied tables below the
 * PML4's entries), the user half's remaining tables, the PML4, the frames. */
static void
world_free(struct ring3 *w)
{
	as_load(NULL); /* the program's table is still loaded: the scheduler loads lazily */
	vm_unmap(w->as.pml4, CODE_VA);
	vm_unmap(w->as.pml4, STACK_VA);
	vm_unmap(w->as.pml4, TOP_VA);
	for (int i = 0; i < PT_ENTRIES / 2; i++)
		if (w->as.pml4[i] & PTE_P)
			pt_free(w->as.pml4[i] & PTE_ADDR);
	pt_free(w->as.cr3);
	page_free(w->code);
	page_free(w->stack);
	page_free(w->top);
	pid_free(w->proc.pid);
}

/* The program's thread: join the test process, load its table, leave for ring 3. */
static void
ring3_thread(void *arg)
{
	struct ring3 *w = arg;
	struct thread *t = thread_current();

	spin_lock(&sched_lock);
	t->proc->nthreads--;
	t->proc = &w->proc;
	w->proc.nthreads++;
	spin_unlock(&sched_lock);
	as_load(&w->as);
	usermode_enter(CODE_VA, USER_STACK_TOP, (uint64_t)w->mode, STACK_VA);
}

/* Run the program in mode to its end: its exit code; *ns how long it took. */
static int
run(struct ring3 *w, int mode, uint64_t *ns)
{
	int code = 0;

	memset(page_va(w->stack), 0, PAGE_SIZE);
	w->mode = mode;
	uint64_t t0 = clock_ns();
	struct thread *t = thread_create("ring3", ring3_thread, w, SCHED_NORMAL);
	if (!t) {
		fail("no memory for the program's thread");
		return -ENOMEM;
	}
	int err = thread_join(t->tid, &code);
	*ns = clock_ns() - t0;
	if (err < 0)
		fail("thread_join refused the program's thread");
	return code;
}

static uint64_t *
results(struct ring3 *w)
{
	return page_va(w->stack);
}

static void
check_calls(struct ring3 *w)
{
	uint64_t ns, *r = results(w);
	int code = run(w, MODE_CHECK, &ns);
	int pid = w->proc.pid;

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
	printf("ClanOS-Bench: name=getpid_syscall_per_s value=%lu unit=1/s\n",
	       (uint64_t)BENCH_CALLS * 1000000000 / (ns_syscall ? ns_syscall : 1));
	printf("ClanOS-Bench: name=getpid_int80_per_s value=%lu unit=1/s\n",
	       (uint64_t)BENCH_CALLS * 1000000000 / (ns_int80 ? ns_int80 : 1));
}

static bool
world_start(void)
{
	memset(&world, 0, sizeof(world));
	if (!world_build(&world)) {
		printf("ring3: FAILED: no memory or pid for the program\n");
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
	world_free(&world);
	if (!world.failed)
		printf("ring3: ok\n");
}

void
bench_syscall(void)
{
	if (!world_start())
		return;
	bench(&world);
	world_free(&world);
}
#endif
