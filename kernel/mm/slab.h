#if LAB >= 3
/*
 * The kernel heap. A slab cache hands out objects of one fixed size, carved
 * from blocks of frames (slabs) taken from the buddy allocator; kmalloc
 * serves any size from caches of power-of-two size classes, and larger
 * requests from the buddy allocator directly. Objects are 8-byte aligned,
 * 16-byte aligned when they are 16 bytes or more.
 *
 * No lock yet: lab 3 runs on one CPU and no interrupt handler allocates.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <stdbool.h>
#include <stddef.h>

struct kmem_cache;

/* Debug mode for the caches created from now on: redzones after every object, checked at free,
 * and poison in freed objects, checked when they are handed out again. Call before slab_init. */
void kmem_set_debug(bool on);

/* Whether kmem_set_debug turned debug mode on. */
bool kmem_get_debug(void);

/* Create kmalloc's caches. Needs buddy_init; no cache can be used before it. */
void slab_init(void);

/* slab_init's core (host tests call it): the frame at physical address pa is at map + pa. */
void slab_init_with(void *map);

/* A cache of size-byte objects named name (copied), or NULL when memory is out or size is 0 or
 * too large for a slab (KMEM_CACHE_MAX_SIZE). */
struct kmem_cache *kmem_cache_create(const char *name, size_t size);

/* An object of c, not zeroed, or NULL when memory is out. */
void *kmem_cache_alloc(struct kmem_cache *c);

/* Give obj back to c. A double free, or an obj that is not c's, is reported and ignored. */
void kmem_cache_free(struct kmem_cache *c, void *obj);

/* size bytes, not zeroed: from the kmalloc-8 .. kmalloc-2048 caches, or whole frames beyond
 * 2048 bytes. NULL for size 0, for more than 4 MiB (a buddy block of MAX_ORDER), and when memory
 * is out. */
void *kmalloc(size_t size);

/* Free what kmalloc or kmem_cache_alloc returned; NULL is ignored. A double free or a pointer the
 * heap never returned is reported and ignored. */
void kfree(void *p);

/* Give every cache's spare empty slab back to the buddy allocator. */
void kmem_trim(void);

#define KMEM_CACHE_MAX_SIZE 16384 /* the largest object kmem_cache_create accepts */

#endif
#endif
