#if LAB >= 6
/*
 * Between exec and the process table (proc/uproc.c): making a user process
 * and starting its thread. The rest of the process interface is proc.h.
 */
#ifndef PROC_UPROC_H
#define PROC_UPROC_H

#include "proc/proc.h"

/* A new process named name with credential c and trust t, a pid, no address space, no thread,
 * not yet anyone's child: NULL when memory or pids run out. */
struct proc *uproc_new(const char *name, const struct cred *c, enum trust t);

/* Make p a child of parent and start fn(arg) as its thread. 0, or -ENOMEM (p is then
 * nobody's child again and the caller frees it). */
int uproc_start(struct proc *p, struct proc *parent, void (*fn)(void *), void *arg);

/* Free a process that never started: its address space (if any), its pid, itself. */
void uproc_free(struct proc *p);

#endif
#endif
