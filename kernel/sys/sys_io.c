#if LAB >= 6
/*
 * The console system calls: read (fd 0) and write (fd 1 and 2). Bytes move
 * through a small kernel buffer, a chunk at a time, so a long write needs
 * no large allocation and a bad pointer part way is caught by copyin.
 */
#include <stdbool.h>

#include "sys/sys.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"

#define CHUNK 256

/* True if [u, u+n) can be a user range at all (copyin checks each page). */
static bool
user_span(uint64_t u, uint64_t n)
{
	return u < USER_TOP && n <= USER_TOP - u;
}

/* read(0, buf, n): wait for at least one console character, then take more up to n or the
 * end of a line ('\n' or '\r', included). The count, -EBADF, -EFAULT. */
int64_t
sys_read(const uint64_t arg[6])
{
	uint64_t ubuf = arg[1], n = arg[2], done = 0;
	char buf[CHUNK];

	if (arg[0] != 0)
		return -EBADF;
	if (n == 0)
		return 0;
	if (!user_span(ubuf, n))
		return -EFAULT;
	if (n > CHUNK)
		n = CHUNK;
	while (done < n) {
		char c = (char)console_getc();
		buf[done++] = c;
		if (c == '\n' || c == '\r')
			break;
	}
	return copyout(ubuf, buf, done) < 0 ? -EFAULT : (int64_t)done;
}

/* write(1 or 2, buf, n): print n bytes. n, -EBADF, or -EFAULT (the chunks before the bad
 * one are printed). */
int64_t
sys_write(const uint64_t arg[6])
{
	uint64_t ubuf = arg[1], n = arg[2];
	char buf[CHUNK];

	if (arg[0] != 1 && arg[0] != 2)
		return -EBADF;
	if (!user_span(ubuf, n))
		return -EFAULT;
	for (uint64_t done = 0; done < n;) {
		uint64_t k = n - done < CHUNK ? n - done : CHUNK;
		if (copyin(buf, ubuf + done, k) < 0)
			return -EFAULT;
		console_write(buf, k);
		done += k;
	}
	return (int64_t)n;
}
#endif
