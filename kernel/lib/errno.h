/*
 * Error numbers. A function that can fail returns one negated (-ENOMEM) or
 * NULL; the caller decides what to do. The values are Linux's, so user
 * programs (lab 6 on) can print them with the names they know.
 */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define EDEADLK 35
#define ETIMEDOUT 110
#if LAB >= 5
/* The file system's. EUCLEAN: the disk's metadata is damaged (a bad checksum, a block
 * number out of range); the call fails and says so, nothing panics. */
#define ENXIO 6
#define EACCES 13
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EFBIG 27
#define EROFS 30
#define ENAMETOOLONG 36
#define ENOTEMPTY 39
#define EUCLEAN 117
#endif
#if LAB >= 6
#define ENOSYS 38 /* no system call of that number */
#endif

#endif
