#if LAB >= 6
/*
 * System call numbers and the register ABI, shared by the kernel and user/
 * (user/lib includes this file). A call puts its number in rax and its
 * arguments in rdi, rsi, rdx, r10, r8, r9, then executes `syscall` (or
 * `int $0x80`: the same calls, the same registers); the result comes back in
 * rax, a negative errno on failure. rcx and r11 are clobbered by `syscall`.
 */
#ifndef SYS_SYSCALL_NR_H
#define SYS_SYSCALL_NR_H

#define T_SYSCALL 0x80 /* the int $0x80 vector, callable from ring 3 */

#define SYS_read 0     /* read(fd 0, buf, n): bytes from the console, blocking for at least one */
#define SYS_write 1    /* write(fd 1 or 2, buf, n): bytes written to the console */
#define SYS_exit 2     /* exit(status): never returns */
#define SYS_wait 3     /* wait(pid or -1, int *status): the pid of an exited child */
#define SYS_getpid 4   /* getpid() */
#define SYS_uptime 5   /* uptime(): nanoseconds since boot */
#define SYS_yield 6    /* yield(): 0 */
#define SYS_sleep 7    /* sleep(ms): 0 */
#define SYS_spawn 8    /* spawn(path, argv): the child's pid; argv NULL-terminated, at most 16 */
#define SYS_shutdown 9 /* shutdown(): power off; system trust only */
#define NSYSCALLS 10

#define SPAWN_ARGS_MAX 16 /* argv entries, the program name included */
#define SPAWN_ARG_LEN 128 /* bytes of one argument, NUL included */

#endif
#endif
