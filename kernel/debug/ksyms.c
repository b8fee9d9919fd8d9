/*
 * Lookups in the kernel's symbol and line tables: binary search over arrays
 * sorted by address. The tables, and kernel_symtab itself, are generated
 * data: build/.../ksyms.S on the second link, ksyms_empty.S on the first.
 */
#include "debug/ksyms.h"
#include "lib/printf.h"
#include "lib/string.h"

/* Index of the last entry whose address is <= addr, or -1. stride: entry size. */
static int64_t
last_at_or_below(const void *base, uint64_t n, uint64_t stride, uint64_t addr)
{
	int64_t lo = 0, hi = (int64_t)n - 1, found = -1;

	while (lo <= hi) {
		int64_t mid = lo + (hi - lo) / 2;
		uint64_t a = *(const uint64_t *)((const char *)base + mid * stride);
		if (a <= addr) {
			found = mid;
			lo = mid + 1;
		} else
			hi = mid - 1;
	}
	return found;
}

const char *
ksym_lookup(const struct ksymtab *t, uint64_t addr, uint64_t *offset)
{
	int64_t i = last_at_or_below(t->syms, t->nsyms, sizeof(struct ksym), addr);

	if (i < 0 || addr - t->syms[i].addr >= t->syms[i].size)
		return 0;
	*offset = addr - t->syms[i].addr;
	return t->strings + t->syms[i].name;
}

const char *
ksym_line(const struct ksymtab *t, uint64_t addr, uint32_t *line)
{
	int64_t i = last_at_or_below(t->lines, t->nlines, sizeof(struct kline), addr);

	if (i < 0 || t->lines[i].line == 0)
		return 0;
	*line = t->lines[i].line;
	return t->strings + t->lines[i].file;
}

uint64_t
ksym_address(const struct ksymtab *t, const char *name)
{
	for (uint64_t i = 0; i < t->nsyms; i++)
		if (strcmp(t->strings + t->syms[i].name, name) == 0)
			return t->syms[i].addr;
	return 0;
}

char *
ksym_describe(const struct ksymtab *t, uint64_t addr, bool is_return, char *buf, size_t size)
{
	uint64_t back = is_return ? 1 : 0, offset = 0;
	uint32_t line = 0;
	const char *fn = ksym_lookup(t, addr - back, &offset);
	const char *file = ksym_line(t, addr - back, &line);
	int n = fn ? snprintf(buf, size, "%s+0x%lx", fn, offset + back)
		   : snprintf(buf, size, "0x%lx", addr);

	if ((size_t)n < size) {
		if (file)
			snprintf(buf + n, size - n, " (%s:%u)", file, line);
		else
			snprintf(buf + n, size - n, " (no line information)");
	}
	return buf;
}
