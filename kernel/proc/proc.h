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

struct proc {
	int pid;
	char name[PROC_NAME_MAX];
	struct proc *parent; /* NULL for the kernel process */
	int nthreads;        /* live threads (not yet exited); sched_lock */
};

/* The kernel process, proc 1: every kernel thread belongs to it. */
extern struct proc kernel_proc;

/* Set up the pid allocator and make the kernel process (pid 1). Called by thread_init. */
void proc_init(void);

/* A free pid, now taken: the first after the last one handed out; -EAGAIN if all are taken. */
int pid_alloc(void);

/* Give back a pid pid_alloc returned; a pid that is not taken is a kernel bug (panic). */
void pid_free(int pid);

#endif
#endif
