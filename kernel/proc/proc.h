#if LAB >= 4
/*
 * Processes. A process is the container its threads share; lab 4 has only
 * the kernel's own, proc 1 "kernel", which holds every kernel thread. Later
 * labs add an address space and open files. Process ids come from 1 ..
 * PID_MAX and are reused as late as possible (proc/idalloc.h), so a stale
 * pid is unlikely to name a new process.
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#define PID_MAX 32768
#define PROC_NAME_MAX 16

#if LAB >= 6
#include <stdbool.h>

#include "fs/cred.h"
#include "sync/waitqueue.h"

struct addrspace;

/* How far a program is trusted, from its manifest: which system calls it may make. */
enum trust { TRUST_USER, TRUST_SYSTEM };
#endif

struct proc {
	int pid;
	char name[PROC_NAME_MAX];
	struct proc *parent; /* NULL for the kernel process */
	int nthreads;        /* live threads (not yet exited); sched_lock */
#if LAB >= 6
	struct addrspace *as; /* NULL for the kernel process */
	struct cred cred;     /* whose rights its file-system calls have */
	enum trust trust;
	int exit_status;               /* valid once exited */
	bool exited;                   /* a zombie until its parent waits for it (proc_lock) */
	struct waitqueue child_exited; /* the process waits here for a child to exit */
	struct proc *children;         /* its children, linked through sibling (proc_lock) */
	struct proc *sibling;
	int main_tid; /* its one thread (lab 6 processes have one) */
#endif
};

/* The kernel process, proc 1: every kernel thread belongs to it. */
extern struct proc kernel_proc;

/* Set up the pid allocator and make the kernel process (pid 1). Called by thread_init. */
void proc_init(void);

/* A free pid, now taken: the first after the last one handed out; -EAGAIN if all are taken. */
int pid_alloc(void);

/* Give back a pid pid_alloc returned; a pid that is not taken is a kernel bug (panic). */
void pid_free(int pid);

#if LAB >= 6
/* User processes (proc/uproc.c). */

/* The current thread's process. */
struct proc *proc_current(void);

/* End the current user process with status: free its address space, wake a parent in
 * proc_wait, and exit its thread. Never returns. */
void proc_exit(int status) __attribute__((noreturn));

/* Wait for the child pid (-1: any child) of the current process to exit and reap it:
 * its pid and *status, or -ECHILD when there is no such child. May sleep. */
int proc_wait(int pid, int *status);

/* The current process did something ring 3 may not (a fault, a privileged instruction):
 * print "pid <pid> (<name>) killed: <what>" and exit it with status -1. Never returns. */
void proc_fault_current(const char *what) __attribute__((noreturn));
#endif

#endif
#endif
