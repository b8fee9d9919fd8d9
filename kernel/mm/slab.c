#if LAB >= 3
/*
 * The slab allocator: named caches of fixed-size objects, and kmalloc on
 * top of them (Bonwick's design, simplified). Why slabs: the buddy allocator
 * deals in whole frames, but most kernel objects are tens of bytes, and a
 * cache keeps objects of one size packed together and recycles them in LIFO
 * order, so an allocation is a pop off a free list.
 *
 * A slab is a buddy block of 2^order frames (order 0..3, chosen per cache to
 * waste at most an eighth of it). Its objects start at its first byte, one
 * every stride bytes; its descriptor, struct slab, sits at its end with a
 * bitmap of the objects handed out. Every frame of a slab points to that
 * descriptor through struct page's private field, so kfree finds an object's
 * slab, and so its cache, from the object's address alone. A free object
 * holds the address of the next free object (at offset link).
 *
 * A cache keeps its slabs on two lists: partial (some objects free) and
 * full. Of its empty slabs it keeps one, its spare, on the partial list, so
 * that allocating and freeing one object at a time does not call the buddy
 * allocator, nor even move a slab between lists, each time. When a second
 * slab empties, the older spare goes back to the buddy allocator; kmem_trim
 * gives back the spares too.
 *
 * Double frees are caught always: the bitmap says whether an object is
 * handed out. Debug mode (kmemdebug=on) adds, per object, a redzone and
 * the caller that allocated or freed it:
 *
 *   | object: size rounded to 8 | redzone 8 | link | caller | size asked |
 *
 * Bytes from the size asked for up to the end of the redzone hold
 * REDZONE_BYTE while the object is allocated, checked when it is freed; a
 * free object is filled with POISON_BYTE, checked when it is handed out
 * again. Problems are reported with the caller symbolized, and ignored.
 * (Large kmalloc blocks have neither redzone nor poison.)
 *
 * The functions on the way from kmalloc and kfree to a slab's free list
 * are inline, so that each is one function (returns are dear under QEMU's
 * TCG); slabs are made, given back and checked out of line.
 *
 * Frames are reached at direct_map + their physical address: the kernel's
 * direct map (p2v), or a host test's buffer (slab_init_with), so kfree
 * finds an object's frame with pa_page(object - direct_map). This relies on
 * the buddy allocator tagging every frame of a block with its owner.
 */
#include <stdint.h>

#include "mm/slab.h"
#include "debug/ksyms.h"
#include "dev/console.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#if LAB >= 4
#include "sync/spinlock.h"
#endif

#define SLAB_MAX_ORDER 3 /* slabs of 1 to 8 frames */
#define SLAB_MAGIC 0x51ab51ab
#define REDZONE_SIZE 8
#define REDZONE_BYTE 0xbb
#define POISON_BYTE 0x6b
#define KMALLOC_MIN_SHIFT 3  /* kmalloc-8 */
#define KMALLOC_MAX_SHIFT 11 /* kmalloc-2048 */
#define KMALLOC_NCLASSES (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

struct slab_list {
	struct slab_list *next, *prev;
};

struct slab {
	struct slab_list link; /* on its cache's partial or full list (first: lists cast back) */
	struct kmem_cache *cache;
	void *free;           /* first free object, NULL when the slab is full */
	char *base;           /* first object: the slab's first byte */
	struct page *page;    /* head frame of the buddy block */
	uint32_t inuse;       /* objects handed out */
	uint32_t magic;       /* SLAB_MAGIC while the slab exists */
	uint64_t allocated[]; /* bit i set: object i is handed out */
};

struct kmem_cache {
	struct slab_list partial; /* slabs with a free object, the spare among them */
	struct slab_list full;    /* slabs with no free object */
	struct slab *spare;       /* the one empty slab kept (on partial), or NULL */
	uint32_t size;            /* object size, as asked for */
	uint32_t stride;          /* from one object to the next */
	uint32_t link;            /* offset of the free-list link in a free object */
	uint32_t per_slab;        /* objects per slab */
	uint32_t recip;           /* ceil(2^32 / stride): object index by multiplication */
	uint32_t desc;            /* offset of struct slab in the slab */
	uint8_t order;            /* slabs are 2^order frames */
	bool debug;
	struct kmem_cache *next; /* every cache, for kmem_trim */
	char name[32];
};

/* The debug-mode words after an object's redzone. */
struct debug_meta {
	void *link;         /* next free object, while free */
	const void *caller; /* who allocated it (allocated) or freed it (free); NULL: nobody yet */
	uint64_t asked;     /* size asked for; the redzone starts there */
};

#if LAB >= 4
/* From lab 4 on, threads use the heap concurrently (interrupt handlers never do:
 * docs/LOCKING.md). Lock order: kmem, then buddy (a new slab comes from page_alloc). */
static struct spinlock kmem_lock = SPINLOCK_INIT("kmem");
#define KMEM_LOCK() spin_lock_preempt(&kmem_lock)
#define KMEM_UNLOCK() spin_unlock_preempt(&kmem_lock)
#else
#define KMEM_LOCK() ((void)0)
#define KMEM_UNLOCK() ((void)0)
#endif

static bool debug_mode;
static uintptr_t direct_map;          /* the frame at physical address pa is at direct_map + pa */
static struct kmem_cache cache_cache; /* holds the struct kmem_cache of kmem_cache_create */
static struct kmem_cache *caches;     /* every cache, newest first */
static struct kmem_cache *kmalloc_caches[KMALLOC_NCLASSES];

static void
list_init(struct slab_list *head)
{
	head->next = head->prev = head;
}

static inline void
list_push(struct slab_list *head, struct slab_list *e)
{
	e->next = head->next;
	e->prev = head;
	head->next->prev = e;
	head->next = e;
}

static inline void
list_remove(struct slab_list *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
}

static uint64_t
round_up(uint64_t n, uint64_t align)
{
	return (n + align - 1) / align * align;
}

/* The frame's contents, and the frame holding address p (NULL if p is not in managed RAM). */
static char *
frame_va(const struct page *pg)
{
	return (char *)(direct_map + page_pa(pg));
}

static inline struct page *
virt_page(const void *p)
{
	return pa_page((uintptr_t)p - direct_map);
}

/* Print "fn+0xoff (file:line)" for a return address. */
static void
print_caller(const void *ret)
{
	char where[KSYM_DESC_MAX];

	printf("%s",
	       ksym_describe(&kernel_symtab, (uint64_t)(uintptr_t)ret, true, where, sizeof(where)));
}

static struct debug_meta *
meta_of(const struct kmem_cache *c, void *obj)
{
	return (struct debug_meta *)((char *)obj + round_up(c->size, 8) + REDZONE_SIZE);
}

/* Bytes of the descriptor of a slab of n objects: struct slab and its bitmap. */
static uint64_t
desc_bytes(uint64_t n)
{
	return sizeof(struct slab) + 8 * ((n + 63) / 64);
}

/* Fill in c's geometry for objects of size bytes; false if one does not fit a slab. */
static bool
cache_setup(struct kmem_cache *c, const char *name, size_t size)
{
	if (size == 0 || size > KMEM_CACHE_MAX_SIZE)
		return false;
	memset(c, 0, sizeof(*c));
	list_init(&c->partial);
	list_init(&c->full);
	strlcpy(c->name, name, sizeof(c->name));
	c->size = (uint32_t)size;
	c->debug = debug_mode;
	uint64_t align = size >= 16 ? 16 : 8;
	uint64_t bytes = round_up(size, 8);
	if (c->debug) {
		c->link = (uint32_t)(bytes + REDZONE_SIZE);
		bytes += REDZONE_SIZE + sizeof(struct debug_meta);
	}
	c->stride = (uint32_t)round_up(bytes, align);
	c->recip = (uint32_t)(((1ULL << 32) + c->stride - 1) / c->stride);
	/* The smallest order that wastes at most an eighth of the slab; else the largest. */
	for (unsigned order = 0; order <= SLAB_MAX_ORDER; order++) {
		uint64_t slab = PAGE_SIZE << order;
		uint64_t n = slab / c->stride;
		while (n > 0 && n * c->stride + desc_bytes(n) > slab)
			n--;
		c->order = (uint8_t)order;
		c->per_slab = (uint32_t)n;
		c->desc = (uint32_t)(slab - desc_bytes(n)); /* a multiple of 8 */
		if (n > 0 && slab - n * c->stride - desc_bytes(n) <= slab / 8)
			break;
	}
	if (c->per_slab == 0)
		return false;
	c->next = caches;
	caches = c;
	return true;
}

/* The index of the object at offset off in a slab of c, or -1 if no object starts there. */
static inline int64_t
object_index(const struct kmem_cache *c, uint64_t off)
{
	if (off >= (uint64_t)c->per_slab * c->stride)
		return -1;
	uint64_t i = (off * c->recip) >> 32;
	return i * c->stride == off ? (int64_t)i : -1;
}

/* A new slab for c with every object free, or NULL when the buddy allocator has no block. */
static struct slab *
slab_new(struct kmem_cache *c)
{
	struct page *pg = page_alloc(c->order, OWNER_SLAB);

	if (!pg)
		return NULL;
	char *base = frame_va(pg);
	struct slab *s = (struct slab *)(base + c->desc);
	s->cache = c;
	s->base = base;
	s->page = pg;
	s->inuse = 0;
	s->magic = SLAB_MAGIC;
	memset(s->allocated, 0, desc_bytes(c->per_slab) - sizeof(struct slab));
	for (uint64_t i = 0; i < 1UL << c->order; i++)
		pa_page(page_pa(pg) + i * PAGE_SIZE)->private = (uint64_t)(uintptr_t)s;
	/* Thread the free list through the objects in address order. */
	s->free = base;
	for (uint32_t i = 0; i < c->per_slab; i++) {
		char *obj = base + (uint64_t)i * c->stride;
		char *next = i + 1 < c->per_slab ? obj + c->stride : NULL;
		*(void **)(obj + c->link) = next;
		if (c->debug) {
			memset(obj, POISON_BYTE, round_up(c->size, 8));
			memset(obj + round_up(c->size, 8), REDZONE_BYTE, REDZONE_SIZE);
			meta_of(c, obj)->caller = NULL;
		}
	}
	return s;
}

/* Give slab s (no object in use) back to the buddy allocator. */
static void
slab_release(struct kmem_cache *c, struct slab *s)
{
	struct page *pg = s->page;

	s->magic = 0;
	for (uint64_t i = 0; i < 1UL << c->order; i++)
		pa_page(page_pa(pg) + i * PAGE_SIZE)->private = 0;
	page_free(pg);
}

/* Give back c's spare, if it has one. */
static inline void
drop_spare(struct kmem_cache *c)
{
	if (c->spare) {
		list_remove(&c->spare->link);
		slab_release(c, c->spare);
		c->spare = NULL;
	}
}

/* Slab s of c, on the partial list, has just become empty: make it c's spare, giving back the
 * older spare. */
static inline void
slab_keep_empty(struct kmem_cache *c, struct slab *s)
{
	drop_spare(c);
	c->spare = s;
}

/* Whether obj's bytes [from, to) all hold byte. */
static bool
bytes_are(const char *obj, uint64_t from, uint64_t to, int byte)
{
	for (uint64_t i = from; i < to; i++)
		if ((uint8_t)obj[i] != (uint8_t)byte)
			return false;
	return true;
}

/* Debug mode, obj about to be handed out: was it written while free? Then arm its redzone. */
static void
debug_check_alloc(struct kmem_cache *c, char *obj, size_t asked, const void *caller)
{
	struct debug_meta *m = meta_of(c, obj);
	uint64_t end = round_up(c->size, 8);

	if (!bytes_are(obj, 0, end, POISON_BYTE)) {
		printf("kmem: use after free: 0x%lx (cache %s) was written after it was freed by ",
		       (uint64_t)(uintptr_t)obj, c->name);
		print_caller(m->caller);
		printf("\n");
	}
	memset(obj + asked, REDZONE_BYTE, end - asked);
	m->caller = caller;
	m->asked = asked;
}

/* Debug mode, obj being freed: is its redzone intact? Then poison it. */
static void
debug_check_free(struct kmem_cache *c, char *obj, const void *caller)
{
	struct debug_meta *m = meta_of(c, obj);
	uint64_t end = round_up(c->size, 8);

	/* An overrun past the redzone may have hit the size asked for itself. */
	if (m->asked > c->size || !bytes_are(obj, m->asked, end + REDZONE_SIZE, REDZONE_BYTE)) {
		printf("kmem: redzone overwritten past 0x%lx (cache %s), freed by ",
		       (uint64_t)(uintptr_t)obj, c->name);
		print_caller(caller);
		printf(", allocated by ");
		print_caller(m->caller);
		printf("\n");
		memset(obj + end, REDZONE_BYTE, REDZONE_SIZE);
	}
	memset(obj, POISON_BYTE, end);
	m->caller = caller;
}

/* An object of c for a request of asked bytes by caller, or NULL when memory is out. */
static inline void *
cache_alloc(struct kmem_cache *c, size_t asked, const void *caller)
{
	struct slab *s = (struct slab *)c->partial.next;

	if (c->partial.next == &c->partial) {
		s = slab_new(c);
		if (!s)
			return NULL;
		list_push(&c->partial, &s->link);
	}
	char *obj = s->free;
	s->free = *(void **)(obj + c->link);
	if (s->inuse++ == 0)
		c->spare = NULL; /* s was the spare, or is new */
	uint64_t i = ((uint64_t)(obj - s->base) * c->recip) >> 32;
	s->allocated[i / 64] |= 1ULL << (i % 64);
	if (!s->free) {
		list_remove(&s->link);
		list_push(&c->full, &s->link);
	}
	if (c->debug)
		debug_check_alloc(c, obj, asked, caller);
	return obj;
}

/* Put obj, just freed, back on its slab s, and move s to the list its new count puts it on. */
static inline void
slab_put(struct kmem_cache *c, struct slab *s, char *obj)
{
#if SOL >= 3 /* exercise slab-free */
	bool was_full = s->free == NULL;

	*(void **)(obj + c->link) = s->free;
	s->free = obj;
	s->inuse--;
	if (was_full) {
		list_remove(&s->link);
		list_push(&c->partial, &s->link);
	}
	if (s->inuse == 0)
		slab_keep_empty(c, s);
#else
	/*
	 * LAB 3: your code here (exercise slab-free).
	 * Push obj onto s's free list (the link is at offset c->link), count it
	 * free; a full slab moves to the partial list, and a slab left empty
	 * becomes c's spare (slab_keep_empty). Until then freed memory leaks.
	 */
	(void)c, (void)s, (void)obj, (void)slab_keep_empty;
#endif
}

/* The slab holding p, or NULL if p is in no slab. */
static inline struct slab *
slab_of(const void *p)
{
	struct page *pg = virt_page(p);

	if (!pg || pg->owner != OWNER_SLAB)
		return NULL;
	struct slab *s = (struct slab *)(uintptr_t)pg->private;
	if (!s || s->magic != SLAB_MAGIC || (const char *)p < s->base ||
	    (const char *)p >= (char *)s)
		return NULL;
	return s;
}

/* Report a free the heap refuses: "kmem: <what> 0x<p> (cache <cache>) by <caller>". */
static void
report_free(const char *what, const void *p, const char *cache, const void *caller)
{
	printf("kmem: %s 0x%lx (cache %s) by ", what, (uint64_t)(uintptr_t)p, cache);
	print_caller(caller);
	printf("\n");
}

/* Free obj of slab s on behalf of caller: checks, then the slab's free list. */
static inline void
cache_free(struct slab *s, char *obj, const void *caller)
{
	struct kmem_cache *c = s->cache;
	int64_t i = object_index(c, (uint64_t)(obj - s->base));

	if (i < 0) {
		report_free("free of a pointer into an object:", obj, c->name, caller);
		return;
	}
	uint64_t bit = 1ULL << (i % 64);
	if (!(s->allocated[i / 64] & bit)) {
		report_free("double free of", obj, c->name, caller);
		return;
	}
	s->allocated[i / 64] &= ~bit;
	if (c->debug)
		debug_check_free(c, obj, caller);
	slab_put(c, s, obj);
}

/* Free p, which is in no slab: a large kmalloc block, or a bad pointer (reported). */
static void
large_free(void *p, const void *caller)
{
	struct page *pg = virt_page(p);
	bool head = pg && (pg->flags & PAGE_HEAD) && frame_va(pg) == p;

	if (head && pg->owner == OWNER_KMALLOC)
		page_free(pg);
	else if (head && pg->owner == OWNER_FREE)
		report_free("double free of", p, "none, its frame is free", caller);
	else
		report_free("free of a pointer that is not a heap object:", p, "none", caller);
}

void
kmem_set_debug(bool on)
{
	debug_mode = on;
}

bool
kmem_get_debug(void)
{
	return debug_mode;
}

void
slab_init(void)
{
	slab_init_with(p2v(0));
}

void
slab_init_with(void *map)
{
	static const char *const names[KMALLOC_NCLASSES] = {
		"kmalloc-8",   "kmalloc-16",  "kmalloc-32",   "kmalloc-64",   "kmalloc-128",
		"kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
	};

	direct_map = (uintptr_t)map;
	caches = NULL;
	cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache));
	for (int i = 0; i < KMALLOC_NCLASSES; i++)
		kmalloc_caches[i] = kmem_cache_create(names[i], 1UL << (KMALLOC_MIN_SHIFT + i));
}

struct kmem_cache *
kmem_cache_create(const char *name, size_t size)
{
	KMEM_LOCK();
	struct kmem_cache *c = cache_alloc(&cache_cache, sizeof(*c), __builtin_return_address(0));

	if (c && !cache_setup(c, name, size)) {
		cache_free(slab_of(c), (char *)c, __builtin_return_address(0));
		c = NULL;
	}
	KMEM_UNLOCK();
	return c;
}

void *
kmem_cache_alloc(struct kmem_cache *c)
{
	KMEM_LOCK();
	void *obj = cache_alloc(c, c->size, __builtin_return_address(0));
	KMEM_UNLOCK();
	return obj;
}

void
kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct slab *s;

	if (!obj)
		return;
	KMEM_LOCK();
	s = slab_of(obj);
	if (!s)
		large_free(obj, __builtin_return_address(0));
	else if (s->cache != c)
		report_free("kmem_cache_free to the wrong cache of", obj, s->cache->name,
			    __builtin_return_address(0));
	else
		cache_free(s, obj, __builtin_return_address(0));
	KMEM_UNLOCK();
}

void *
kmalloc(size_t size)
{
	if (size == 0)
		return NULL;
	if (size <= 1UL << KMALLOC_MAX_SHIFT) {
		int shift = size <= 8 ? KMALLOC_MIN_SHIFT : 64 - __builtin_clzll(size - 1);
		KMEM_LOCK();
		void *obj = cache_alloc(kmalloc_caches[shift - KMALLOC_MIN_SHIFT], size,
					__builtin_return_address(0));
		KMEM_UNLOCK();
		return obj;
	}
	if (size > PAGE_SIZE << MAX_ORDER)
		return NULL;
	unsigned order = 0;
	while (PAGE_SIZE << order < size)
		order++;
	struct page *pg = page_alloc(order, OWNER_KMALLOC);
	return pg ? frame_va(pg) : NULL;
}

void
kfree(void *p)
{
	struct slab *s;

	if (!p)
		return;
	KMEM_LOCK();
	s = slab_of(p);
	if (s)
		cache_free(s, p, __builtin_return_address(0));
	else
		large_free(p, __builtin_return_address(0));
	KMEM_UNLOCK();
}

void
kmem_trim(void)
{
	KMEM_LOCK();
	for (struct kmem_cache *c = caches; c; c = c->next)
		drop_spare(c);
	KMEM_UNLOCK();
}
#endif
