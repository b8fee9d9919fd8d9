#if LAB >= 6
/* The one system-call dispatcher both entries (syscall, int $0x80) call. */
#ifndef SYS_SYSCALL_H
#define SYS_SYSCALL_H

#include "sys/syscall_nr.h"

struct trapframe;

/* Run the call tf->rax with the arguments in tf->rdi, rsi, rdx, r10, r8, r9 and put the
 * result in tf->rax: -ENOSYS for an unknown number, -EPERM (and a log line) for one the
 * process's trust level does not allow. Interrupts are on; may sleep. */
void syscall_dispatch(struct trapframe *tf);

#endif
#endif
