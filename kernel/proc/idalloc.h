#if LAB >= 4
/*
 * Small-integer ids (process ids, thread ids, kernel-stack slots) from a
 * bitmap. The next id is the first free one after the last handed out,
 * wrapping around, so a just-freed id is reused as late as possible: an id
 * someone still holds by mistake names nothing for a long while rather than
 * at once someone new. No lock: the caller serializes (pure code, so the
 * host unit tests run it).
 */
#ifndef PROC_IDALLOC_H
#define PROC_IDALLOC_H

#include <stdbool.h>
#include <stdint.h>

/* Words of bitmap for n ids. */
#define IDALLOC_WORDS(n) (((n) + 63) / 64)

struct idalloc {
	uint64_t *bits; /* bit id - lo set: taken; IDALLOC_WORDS(hi - lo + 1) words */
	int lo, hi;     /* the ids are lo .. hi */
	int last;       /* the id handed out last (lo - 1 before the first) */
	int nfree;
};

/* Manage ids lo .. hi (lo <= hi), all free, with the bitmap bits (cleared here). */
void idalloc_init(struct idalloc *a, uint64_t *bits, int lo, int hi);

/* The first free id after the last one handed out (wrapping), now taken; -EAGAIN if none. */
int idalloc_alloc(struct idalloc *a);

/* Give id back: 0, or -EINVAL if it is out of range or not taken (nothing changes). */
int idalloc_free(struct idalloc *a, int id);

/* Whether id is taken. */
bool idalloc_taken(const struct idalloc *a, int id);

#endif
#endif
