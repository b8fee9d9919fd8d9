#if LAB >= 2
/* Looking up a faulting instruction in the exception table the linker gathers (kernel.ld). */
#include "arch/x86/extable.h"

extern const struct extable_entry __extable_start[], __extable_end[];

bool
extable_fixup(struct trapframe *tf)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
		if (e->fault_rip == tf->rip) {
			tf->rip = e->fixup_rip;
			return true;
		}
	}
	return false;
}
#endif
