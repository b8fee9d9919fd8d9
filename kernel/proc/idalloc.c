#if LAB >= 4
/*
 * The id bitmap (proc/idalloc.h). Finding the next free id looks at 64 ids
 * per step, so even a nearly full map of 32768 ids costs at most 512 word
 * reads.
 */
#include "proc/idalloc.h"
#include "lib/errno.h"
#include "lib/string.h"

void
idalloc_init(struct idalloc *a, uint64_t *bits, int lo, int hi)
{
	a->bits = bits;
	a->lo = lo;
	a->hi = hi;
	a->last = lo - 1;
	a->nfree = hi - lo + 1;
	memset(bits, 0, IDALLOC_WORDS(hi - lo + 1) * sizeof(uint64_t));
}

/* The first free bit in from .. to (bit numbers, inclusive), or -1. */
static int
first_free(const struct idalloc *a, int from, int to)
{
	for (int i = from; i <= to; i = (i / 64 + 1) * 64) {
		/* Bits below i in its word count as taken. */
		uint64_t taken = a->bits[i / 64] | ((1ull << (i % 64)) - 1);
		if (taken != ~0ull) {
			int bit = i / 64 * 64 + __builtin_ctzll(~taken);
			return bit <= to ? bit : -1;
		}
	}
	return -1;
}

int
idalloc_alloc(struct idalloc *a)
{
	int n = a->hi - a->lo + 1, after = a->last - a->lo + 1;

	if (a->nfree == 0)
		return -EAGAIN;
	int bit = after < n ? first_free(a, after, n - 1) : -1;
	if (bit < 0)
		bit = first_free(a, 0, n - 1);
	a->bits[bit / 64] |= 1ull << (bit % 64);
	a->nfree--;
	a->last = a->lo + bit;
	return a->last;
}

bool
idalloc_taken(const struct idalloc *a, int id)
{
	if (id < a->lo || id > a->hi)
		return false;
	int bit = id - a->lo;
	return a->bits[bit / 64] & (1ull << (bit % 64));
}

int
idalloc_free(struct idalloc *a, int id)
{
	if (!idalloc_taken(a, id))
		return -EINVAL;
	int bit = id - a->lo;
	a->bits[bit / 64] &= ~(1ull << (bit % 64));
	a->nfree++;
	return 0;
}
#endif
