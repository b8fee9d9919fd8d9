#if LAB >= 6
/*
 * The system calls themselves, one function each (sys/sys_io.c,
 * sys/sys_proc.c), called by syscall_dispatch with the six argument
 * registers. Each checks its own arguments and returns a result or a
 * negative errno; user pointers are only ever touched through copyin,
 * copyout and copyinstr.
 */
#ifndef SYS_SYS_H
#define SYS_SYS_H

#include <stdint.h>

typedef int64_t syscall_fn(const uint64_t arg[6]);

syscall_fn sys_read, sys_write;                           /* sys/sys_io.c */
syscall_fn sys_exit, sys_wait, sys_getpid, sys_uptime;    /* sys/sys_proc.c */
syscall_fn sys_yield, sys_sleep, sys_spawn, sys_shutdown; /* sys/sys_proc.c */

#define SYS_SLEEP_MAX_MS 10000 /* a longer sleep(ms) is -EINVAL: a stray number never hangs */

#endif
#endif
