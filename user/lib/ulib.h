#if LAB >= 6
/*
 * The user library: what every program in user/bin links (libu.a, so a
 * program carries only the pieces it uses). System calls follow the kernel's
 * ABI (kernel/sys/syscall_nr.h) and return a negative errno on failure: there
 * is no errno variable. printf writes to fd 1 through a buffer flushed at each
 * newline and at exit.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/errno.h"
#include "sys/syscall_nr.h"

/* System calls, through the `syscall` instruction. */
long read(int fd, void *buf, size_t n);
long write(int fd, const void *buf, size_t n);
__attribute__((noreturn)) void exit(int status); /* flushes printf's buffer first */
int wait(int pid, int *status);                  /* pid -1: any child */
int getpid(void);
uint64_t uptime(void); /* nanoseconds since boot */
int yield(void);
int sleep(uint64_t ms);
int spawn(const char *path, char *const argv[]); /* argv NULL-terminated */
int shutdown(void);

/* Any call by number with six arguments, through `syscall` or through `int $0x80`. */
long syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
long int80_syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
int getpid_int80(void);

/* Formatted output: %d %i %u %x %p %s %c %% with l, ll, z sizes, a width and the 0 and -
 * flags. printf returns the characters written, or a negative errno from write. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void printf_flush(void);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
/* Decimal digits at s as an unsigned number (stops at the first non-digit). */
unsigned long atoul(const char *s);

/* From a static arena of MALLOC_ARENA bytes, 16-byte aligned; NULL when it is full. */
#define MALLOC_ARENA (64 * 1024)
void *malloc(size_t n);
void free(void *p);

#endif
#endif
