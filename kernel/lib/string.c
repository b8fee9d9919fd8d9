/*
 * Memory and string functions. The compiler also emits calls to
 * memset/memcpy for struct copies, so kernel, loader and user space all link
 * these. memset and memcpy move 8 bytes a step once aligned: zeroing page
 * tables and user pages, and copying program images, are most of what a
 * spawn costs, and under QEMU's TCG every loop iteration counts.
 */
#include "lib/string.h"

#include <stdint.h>

/* A 64-bit word that may alias anything, so the compiler keeps these stores. */
typedef uint64_t __attribute__((may_alias)) word_t;

void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	word_t fill = 0x0101010101010101ULL * (unsigned char)c;

	for (; n && (uintptr_t)d % 8; n--)
		*d++ = (unsigned char)c;
	for (; n >= 8; n -= 8, d += 8)
		*(word_t *)d = fill;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Words only when both can be aligned together; otherwise bytes all the way. */
	if ((uintptr_t)d % 8 == (uintptr_t)s % 8) {
		for (; n && (uintptr_t)d % 8; n--)
			*d++ = *s++;
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Like memcpy, but the areas may overlap: copy backwards when dst is above src. */
void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Length of s, but look at no more than max bytes. */
size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

/*
 * Copy src into dst of the given size, always NUL-terminating (if size > 0).
 * Returns strlen(src): a result >= size means src was cut short.
 */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
