#if LAB >= 6
/*
 * printf and snprintf over one formatter. printf collects output in a buffer
 * that goes to fd 1 at each newline, when full, and at exit (printf_flush),
 * so a line usually reaches the console in one write and lines of two
 * programs interleave whole.
 */
#include "ulib.h"

#define OUTBUF 256

struct sink {
	char *buf;   /* snprintf's buffer, or NULL for printf's */
	size_t size; /* its size */
	size_t len;  /* characters produced so far */
	long err;    /* printf: the first negative errno from write */
};

static char outbuf[OUTBUF];
static size_t outlen;

static long
flush(void)
{
	long r = 0;

	for (size_t done = 0; done < outlen;) {
		r = write(1, outbuf + done, outlen - done);
		if (r <= 0)
			break;
		done += (size_t)r;
	}
	outlen = 0;
	return r < 0 ? r : 0;
}

/* Write out what printf has buffered. */
void
printf_flush(void)
{
	flush();
}

static void
put(struct sink *s, char c)
{
	if (s->buf) {
		if (s->len + 1 < s->size)
			s->buf[s->len] = c;
	} else {
		outbuf[outlen++] = c;
		if ((c == '\n' || outlen == OUTBUF) && !s->err)
			s->err = flush();
	}
	s->len++;
}

static void
put_padded(struct sink *s, const char *str, size_t n, int width, int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left && pad == '0' && n > 0 && str[0] == '-') {
		put(s, '-');
		str++, n--;
	}
	if (!left)
		while (fill-- > 0)
			put(s, pad);
	while (n--)
		put(s, *str++);
	if (left)
		while (fill-- > 0)
			put(s, ' ');
}

static void
format(struct sink *s, const char *fmt, va_list ap)
{
	static const char digits[] = "0123456789abcdef";

	for (; *fmt; fmt++) {
		char num[24], *p = num + sizeof(num);
		int width = 0, left = 0, size = 0;
		char pad = ' ';
		unsigned long long v;

		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = 1) : (pad = '0');
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			size++;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long x = size ? va_arg(ap, long long) : va_arg(ap, int);
			v = x < 0 ? -(unsigned long long)x : (unsigned long long)x;
			do
				*--p = digits[v % 10];
			while (v /= 10);
			if (x < 0)
				*--p = '-';
			break;
		}
		case 'u':
		case 'x':
		case 'p': {
			unsigned base = *fmt == 'u' ? 10 : 16;
			if (*fmt == 'p')
				v = (uintptr_t)va_arg(ap, void *);
			else
				v = size ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
			do
				*--p = digits[v % base];
			while (v /= base);
			if (*fmt == 'p') {
				*--p = 'x';
				*--p = '0';
			}
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			put_padded(s, str, strlen(str), width, left, ' ');
			continue;
		}
		case 'c':
			*--p = (char)va_arg(ap, int);
			break;
		case '%':
			*--p = '%';
			break;
		default: /* an unknown conversion is printed as written */
			put(s, '%');
			if (!*fmt)
				return;
			*--p = *fmt;
			break;
		}
		put_padded(s, p, (size_t)(num + sizeof(num) - p), width, left, pad);
	}
}

int
vprintf(const char *fmt, va_list ap)
{
	struct sink s = { 0 };

	format(&s, fmt, ap);
	return s.err ? (int)s.err : (int)s.len;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* At most size - 1 characters and a NUL into buf; returns the length the whole output has. */
int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct sink s = { .buf = buf, .size = size };
	va_list ap;

	va_start(ap, fmt);
	format(&s, fmt, ap);
	va_end(ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}
#endif
