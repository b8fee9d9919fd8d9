#if LAB >= 6
/*
 * copyin, copyout and copyinstr (mm/usercopy.h) for x86-64. The range
 * check keeps every access inside [USER_MIN, USER_TOP); what is inside but
 * not mapped (or not writable) faults, and the fault lands in the exception
 * table (arch/x86/extable.h), which resumes the copy at code that returns
 * -EFAULT. Under SMAP the kernel may touch user pages only with RFLAGS.AC
 * set, so each copy is bracketed by stac and clac.
 */
#include <stdbool.h>

#include "mm/usercopy.h"
#include "arch/x86/cpu.h"
#include "arch/x86/usermode.h"
#include "lib/errno.h"
#include "mm/uvm.h"

/* True if [va, va + n) lies in user space; written so that no sum can wrap around. */
static bool
user_range_ok(uint64_t va, size_t n)
{
	return va >= USER_MIN && va <= USER_TOP && n <= USER_TOP - va;
}

static void
user_access_begin(void)
{
	if (smap_enabled)
		stac();
}

static void
user_access_end(void)
{
	if (smap_enabled)
		clac();
}

#if SOL >= 6 /* exercise usercopy */
/* Copy n bytes from src to dst, either of which may be a user address: 0, or -EFAULT if a
 * byte faulted. One instruction does the whole copy, so one exception-table entry covers
 * it: a fault in the middle of rep movsb resumes at 2 with err still -EFAULT. */
static int
copy_guarded(void *dst, const void *src, size_t n)
{
	int err = -EFAULT;

	__asm__ volatile("1: rep movsb\n\t"
			 "xorl %0, %0\n"
			 "2:\n\t"
			 ".pushsection .extable, \"a\"\n\t"
			 ".quad 1b, 2b\n\t"
			 ".popsection"
			 : "+r"(err), "+D"(dst), "+S"(src), "+c"(n)
			 :
			 : "memory");
	return err;
}

/* Read the byte at user address usrc into *c: 0, or -EFAULT. */
static int
read_byte_guarded(uint64_t usrc, char *c)
{
	int err = -EFAULT;
	char v = 0;

	__asm__ volatile("1: movb (%2), %1\n\t"
			 "xorl %0, %0\n"
			 "2:\n\t"
			 ".pushsection .extable, \"a\"\n\t"
			 ".quad 1b, 2b\n\t"
			 ".popsection"
			 : "+r"(err), "+q"(v)
			 : "r"(usrc)
			 : "memory");
	*c = v;
	return err;
}
#else
static int
copy_guarded(void *dst, const void *src, size_t n)
{
	/* LAB 6: your code here (exercise usercopy).
	   Copy n bytes from src to dst with instructions listed in the exception table
	   (see probe_read64 in arch/x86/extable.h), so that a fault on a user page resumes
	   at code that returns -EFAULT instead of panicking; 0 when every byte was copied. */
	(void)dst, (void)src, (void)n;
	return -EFAULT;
}

static int
read_byte_guarded(uint64_t usrc, char *c)
{
	/* LAB 6: your code here (exercise usercopy).
	   Read the byte at usrc into *c as copy_guarded copies: 0, or -EFAULT if it faults. */
	(void)usrc, (void)c;
	return -EFAULT;
}
#endif

int
copyin(void *dst, uint64_t usrc, size_t n)
{
	if (!user_range_ok(usrc, n))
		return -EFAULT;
	user_access_begin();
	int err = copy_guarded(dst, (const void *)usrc, n);
	user_access_end();
	return err;
}

int
copyout(uint64_t udst, const void *src, size_t n)
{
	if (!user_range_ok(udst, n))
		return -EFAULT;
	user_access_begin();
	int err = copy_guarded((void *)udst, src, n);
	user_access_end();
	return err;
}

int64_t
copyinstr(char *dst, uint64_t usrc, size_t max)
{
	if (max == 0)
		return -ENAMETOOLONG;
	if (!user_range_ok(usrc, 1))
		return -EFAULT;
	/* The string may not run past the end of user space. */
	size_t limit = max < USER_TOP - usrc ? max : USER_TOP - usrc;
	int64_t len = -ENAMETOOLONG;
	user_access_begin();
	for (size_t i = 0; i < limit; i++) {
		if (read_byte_guarded(usrc + i, &dst[i]) < 0) {
			len = -EFAULT;
			break;
		}
		if (dst[i] == '\0') {
			len = (int64_t)i;
			break;
		}
	}
	user_access_end();
	if (len == -ENAMETOOLONG && limit < max)
		return -EFAULT; /* it reached the end of user space without a NUL */
	return len;
}
#endif
