#if LAB >= 6
/*
 * Moving bytes between the kernel and the current process's memory. Every
 * user address is checked against [USER_MIN, USER_TOP) first; a page that
 * is not mapped (or not writable, for copyout) makes the access fault, and
 * the lab 2 exception table turns the fault into -EFAULT instead of a
 * panic. With SMAP the kernel opens user access (stac) only inside these.
 */
#ifndef MM_USERCOPY_H
#define MM_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

/* 0, or -EFAULT: nothing is promised about how much was copied. */
int copyin(void *dst, uint64_t usrc, size_t n);
int copyout(uint64_t udst, const void *src, size_t n);

/* Copy a NUL-terminated string of at most max bytes (NUL included) into dst: its length, or
 * -EFAULT, or -ENAMETOOLONG when no NUL comes within max bytes. */
int64_t copyinstr(char *dst, uint64_t usrc, size_t max);

#endif
#endif
