#if LAB >= 5
/*
 * The buffer cache (fs/bcache.h), as in xv6: a fixed set of buffers, a hash
 * table from (disk, block) to buffer, and an LRU list of the buffers that
 * nobody holds or pins, from which a miss takes the least recently used.
 * The cache's spinlock guards identities, reference counts, pins and the
 * lists; each buffer's mutex guards its contents and valid flag, and is
 * taken only after the spinlock is released (lock order: buffer mutex is
 * never taken with the cache spinlock held).
 */
#include <stddef.h>

#include "fs/bcache.h"
#include "dev/blk.h"
#include "fs/clanfs.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "sync/spinlock.h"

#define NHASH 1021     /* buckets: a prime near the usual buffer count */
#define WRITE_BATCH 16 /* requests bwrite_many keeps in flight (bios on the stack) */

static struct spinlock cache_lock = SPINLOCK_INIT("bcache");
static struct buf bufs[BCACHE_MAX]; /* the first nbufs have a frame */
static int nbufs;
static struct buf *hash[NHASH]; /* guarded by cache_lock */
static struct buf lru;          /* list head: lru.lru_next most recently released */

static unsigned
bucket(struct blkdev *dev, uint32_t blockno)
{
	return (unsigned)(((uintptr_t)dev >> 4) * 31 + blockno) % NHASH;
}

static void
lru_remove(struct buf *b)
{
	b->lru_prev->lru_next = b->lru_next;
	b->lru_next->lru_prev = b->lru_prev;
	b->lru_next = b->lru_prev = NULL;
}

/* Put b at the most-recently-used end. */
static void
lru_push(struct buf *b)
{
	b->lru_next = lru.lru_next;
	b->lru_prev = &lru;
	lru.lru_next->lru_prev = b;
	lru.lru_next = b;
}

static void
hash_remove(struct buf *b)
{
	struct buf **pp = &hash[bucket(b->dev, b->blockno)];

	while (*pp != b)
		pp = &(*pp)->hash_next;
	*pp = b->hash_next;
	b->hash_next = NULL;
}

int
bcache_init(int nbuf, void *(*frame)(void))
{
	if (nbufs)
		return nbufs;
	if (nbuf > BCACHE_MAX)
		nbuf = BCACHE_MAX;
	lru.lru_next = lru.lru_prev = &lru;
	for (nbufs = 0; nbufs < nbuf; nbufs++) {
		struct buf *b = &bufs[nbufs];
		b->data = frame();
		if (!b->data)
			break;
		mutex_init(&b->lock, "buf");
		lru_push(b);
	}
	return nbufs ? nbufs : -ENOMEM;
}

/* The buffer for (dev, blockno) with a reference taken and its mutex held: the cached one,
 * or the least recently used free one renamed (valid false). NULL when all are in use. */
static struct buf *
bget(struct blkdev *dev, uint32_t blockno)
{
	struct buf *b;
	unsigned h = bucket(dev, blockno);

	spin_lock(&cache_lock);
	for (b = hash[h]; b; b = b->hash_next)
		if (b->dev == dev && b->blockno == blockno)
			break;
	if (b) {
		if (b->refcnt++ == 0 && b->pins == 0)
			lru_remove(b);
	} else {
		b = lru.lru_prev;
		if (b == &lru) {
			spin_unlock(&cache_lock);
			return NULL;
		}
		lru_remove(b);
		if (b->dev)
			hash_remove(b);
		b->dev = dev;
		b->blockno = blockno;
		b->refcnt = 1;
		b->valid = false; /* nobody holds it: safe to write without its mutex */
		b->hash_next = hash[h];
		hash[h] = b;
	}
	spin_unlock(&cache_lock);
	mutex_lock(&b->lock);
	return b;
}

static int
block_io(struct buf *b, bool write)
{
	return blk_rw(b->dev, (uint64_t)b->blockno * CLANFS_SECTORS_PER_BLOCK, b->data,
		      CLANFS_SECTORS_PER_BLOCK, write);
}

int
bread(struct blkdev *dev, uint32_t blockno, struct buf **out)
{
	struct buf *b = bget(dev, blockno);

	if (!b)
		return -ENOMEM;
	if (!b->valid) {
		int err = block_io(b, false);
		if (err < 0) {
			brelse(b);
			return -EIO;
		}
		b->valid = true;
		b->checked = false;
	}
	*out = b;
	return 0;
}

int
bget_noread(struct blkdev *dev, uint32_t blockno, struct buf **out)
{
	struct buf *b = bget(dev, blockno);

	if (!b)
		return -ENOMEM;
	b->valid = true;
	b->checked = false;
	*out = b;
	return 0;
}

void
brelse(struct buf *b)
{
	mutex_unlock(&b->lock);
	spin_lock(&cache_lock);
	if (--b->refcnt == 0 && b->pins == 0)
		lru_push(b);
	spin_unlock(&cache_lock);
}

int
bwrite_many(struct buf **list, int n)
{
	struct bio bio[WRITE_BATCH];
	int err = 0;

	for (int i = 0; i < n; i += WRITE_BATCH) {
		int k = n - i < WRITE_BATCH ? n - i : WRITE_BATCH;
		for (int j = 0; j < k; j++) {
			struct buf *b = list[i + j];
			bio[j] = (struct bio){ .dev = b->dev,
					       .sector = (uint64_t)b->blockno *
							 CLANFS_SECTORS_PER_BLOCK,
					       .nsectors = CLANFS_SECTORS_PER_BLOCK,
					       .write = true,
					       .data = b->data };
			if (blk_submit(&bio[j]) < 0)
				bio[j].dev = NULL;
		}
		for (int j = 0; j < k; j++)
			if (!bio[j].dev || blk_wait(&bio[j]) < 0)
				err = -EIO;
	}
	return err;
}

void
bpin(struct buf *b)
{
	spin_lock(&cache_lock);
	b->pins++;
	spin_unlock(&cache_lock);
}

void
bunpin(struct buf *b)
{
	spin_lock(&cache_lock);
	if (--b->pins == 0 && b->refcnt == 0)
		lru_push(b);
	spin_unlock(&cache_lock);
}

int
bcache_drop(struct blkdev *dev)
{
	int busy = 0;

	spin_lock(&cache_lock);
	for (int i = 0; i < nbufs; i++) {
		struct buf *b = &bufs[i];
		if (b->dev != dev)
			continue;
		if (b->refcnt || b->pins) {
			busy++;
			continue;
		}
		hash_remove(b);
		b->dev = NULL;
		b->valid = false;
		/* Least recently used end: reused first. */
		lru_remove(b);
		b->lru_prev = lru.lru_prev;
		b->lru_next = &lru;
		lru.lru_prev->lru_next = b;
		lru.lru_prev = b;
	}
	spin_unlock(&cache_lock);
	return busy;
}
#endif
