/*
 * Backtraces. The kernel is compiled with frame pointers, so each frame
 * starts with the caller's saved %rbp, and the return address sits just
 * above it:
 *
 *        rbp + 8 -> return address into the caller
 *        rbp     -> caller's rbp  (0 in the first frame: entry.S clears it)
 *
 * Each return address is named with the in-kernel symbol table. The walker
 * reads only inside the boot stack, so a corrupt chain cannot fault.
 */
#include <stdbool.h>

#include "debug/backtrace.h"
#if LAB >= 2
#include "arch/x86/gdt.h"
#endif
#include "debug/ksyms.h"
#include "dev/console.h"
#if LAB >= 4
#include "proc/thread.h"
#endif

extern char boot_stack[], boot_stack_top[];
#if LAB >= 2
extern char trap_return[]; /* in alltraps, just after its call to trap() */
#endif

/* True if a frame record (saved rbp + return address) at rbp lies in a kernel stack. */
static bool
frame_on_stack(uint64_t rbp)
{
	if (rbp % 8 != 0)
		return false;
	if (rbp >= (uint64_t)boot_stack && rbp + 16 <= (uint64_t)boot_stack_top)
		return true;
#if LAB >= 4
	/* A thread's frames are on its own kernel stack. */
	struct thread *t = thread_current();
	if (t && rbp >= t->kstack_base && rbp + 16 <= t->kstack_top)
		return true;
#endif
#if LAB >= 2
	return gdt_on_ist_stack(rbp, 16); /* a double-fault report runs on its own stack */
#else
	return false;
#endif
}

void
backtrace_print_frame(int depth, uint64_t ret)
{
	/* ret - 1 is inside the call instruction, so it names the caller and
	   the call's line even when the call is the last thing in a function. */
	bool is_return = true;
#if LAB >= 2
	/* Except just after a trap: alltraps (arch/x86/trapentry.S) records the
	   interrupted instruction's own address, which needs no adjusting. */
	static bool after_trap;
	if (depth == 0)
		after_trap = false;
	if (after_trap)
		is_return = false;
	after_trap = ret == (uint64_t)trap_return;
#endif
	char where[KSYM_DESC_MAX];

	printf("#%d 0x%016lx %s\n", depth, ret,
	       ksym_describe(&kernel_symtab, ret, is_return, where, sizeof(where)));
}

void
backtrace_print(uint64_t rbp)
{
#if SOL >= 1 /* exercise backtrace */
	for (int depth = 0; rbp != 0; depth++) {
		if (depth == BACKTRACE_MAX_FRAMES) {
			printf("(backtrace stops after %d frames)\n", depth);
			return;
		}
		if (!frame_on_stack(rbp)) {
			printf("(frame pointer 0x%lx is outside the stack)\n", rbp);
			return;
		}
		const uint64_t *frame = (const uint64_t *)rbp;
		backtrace_print_frame(depth, frame[1]);
		rbp = frame[0];
	}
#else
	/*
	 * LAB 1: your code here (exercise backtrace).
	 * Follow the chain of saved frame pointers from rbp until it reaches 0,
	 * printing each frame's return address with backtrace_print_frame().
	 * Stop early if a frame pointer is not inside the stack (frame_on_stack).
	 */
	(void)rbp, (void)frame_on_stack;
	printf("(backtrace not implemented)\n");
#endif
}
