#if LAB >= 6
/*
 * malloc from a static arena (there is no system call to grow memory yet).
 * The arena is a row of blocks, each a 16-byte header and its space; malloc
 * takes the first free block big enough, merging runs of free blocks on its
 * way and splitting off the rest; free marks a block free and merges it with
 * the free blocks after it. First fit over a row is slow for many blocks and
 * fine for the few a test program makes.
 */
#include "ulib.h"

struct header {
	size_t size; /* bytes of space after the header */
	size_t free; /* 1 if free */
};

static _Alignas(16) unsigned char arena[MALLOC_ARENA];
static int ready;

static struct header *
next_block(struct header *h)
{
	unsigned char *n = (unsigned char *)(h + 1) + h->size;

	return n < arena + MALLOC_ARENA ? (struct header *)n : NULL;
}

void *
malloc(size_t n)
{
	struct header *h;

	if (!ready) {
		h = (struct header *)arena;
		h->size = MALLOC_ARENA - sizeof(*h);
		h->free = 1;
		ready = 1;
	}
	if (n == 0 || n > MALLOC_ARENA)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	for (h = (struct header *)arena; h; h = next_block(h)) {
		struct header *nb;
		while (h->free && (nb = next_block(h)) && nb->free)
			h->size += sizeof(*nb) + nb->size;
		if (!h->free || h->size < n)
			continue;
		if (h->size >= n + sizeof(*h) + 16) {
			struct header *rest = (struct header *)((unsigned char *)(h + 1) + n);
			rest->size = h->size - n - sizeof(*h);
			rest->free = 1;
			h->size = n;
		}
		h->free = 0;
		return h + 1;
	}
	return NULL;
}

void
free(void *p)
{
	struct header *h, *n;

	if (!p)
		return;
	h = (struct header *)p - 1;
	h->free = 1;
	while ((n = next_block(h)) && n->free)
		h->size += sizeof(*n) + n->size;
}
#endif
