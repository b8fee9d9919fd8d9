#if LAB >= 5
/*
 * Error texts, indexed by error number. Only the numbers the kernel returns
 * are here; errno.h and this table grow together.
 */
#include "lib/errstr.h"
#include "lib/errno.h"
#include "lib/printf.h"

static const char *const texts[] = {
	[EPERM] = "operation not permitted",
	[ENOENT] = "no such file or directory",
	[ESRCH] = "no such thread",
	[EIO] = "input/output error",
	[ENXIO] = "no such device or address",
	[E2BIG] = "argument list too long",
	[ENOEXEC] = "not an executable",
	[EBADF] = "bad file descriptor",
	[ECHILD] = "no child",
	[EAGAIN] = "try again",
	[ENOMEM] = "out of memory",
	[EACCES] = "permission denied",
	[EFAULT] = "bad address",
	[EBUSY] = "busy",
	[EEXIST] = "file exists",
	[ENODEV] = "no file system mounted",
	[ENOTDIR] = "not a directory",
	[EISDIR] = "is a directory",
	[EINVAL] = "invalid argument",
	[EFBIG] = "file too large",
	[ENOSPC] = "no space left on the disk",
	[EROFS] = "read-only file system",
	[ERANGE] = "result out of range",
	[EDEADLK] = "deadlock",
	[ENAMETOOLONG] = "name too long",
	[ENOTEMPTY] = "directory not empty",
	[ETIMEDOUT] = "timed out",
	[EUCLEAN] = "file system damaged",
#if LAB >= 6
	[ENOSYS] = "no such system call",
#endif
};

const char *
errno_text(int err)
{
	static char unknown[24];

	if (err < 0)
		err = -err;
	if (err < (int)(sizeof(texts) / sizeof(texts[0])) && texts[err])
		return texts[err];
	snprintf(unknown, sizeof(unknown), "error %d", err);
	return unknown;
}
#endif
