#if LAB >= 6
/* The string functions user space has and the kernel does not; memset, memcpy, strlen and
 * the rest are the kernel's own (kernel/lib/string.c, linked into libu.a). */
#include "ulib.h"

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

unsigned long
atoul(const char *s)
{
	unsigned long v = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return v;
}
#endif
