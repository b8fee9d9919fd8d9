#if LAB >= 5
/*
 * The buffer cache: recently used disk blocks in memory, one 4 KiB frame
 * each, so a block read twice is read from the disk once and every user of
 * a block sees the same copy. A buffer is found by (disk, block number) and
 * held with a reference while in use; its sleeping lock serializes access
 * to the contents. The log pins the buffers of an open transaction: a
 * pinned buffer is never evicted, so a modified block stays in memory until
 * it is installed at home. The log installs a transaction's blocks when it
 * commits (fs/log.c), so a buffer nobody holds or pins is always clean and
 * eviction never has to write.
 */
#ifndef FS_BCACHE_H
#define FS_BCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "sync/mutex.h"

struct blkdev;

#define BCACHE_MAX 2048 /* most buffers: 8 MiB of cache */

struct buf {
	/* Guarded by the cache's spinlock. */
	struct blkdev *dev;
	uint32_t blockno;
	int refcnt;                      /* holders (bread .. brelse) */
	int pins;                        /* the log's: > 0 while the block is in a transaction */
	struct buf *hash_next;           /* chain of its hash bucket */
	struct buf *lru_next, *lru_prev; /* in the LRU list while refcnt and pins are 0 */
	/* Guarded by lock. */
	struct mutex lock;
	bool valid;    /* data holds the block's contents */
	bool dirty;    /* data differs from the disk (set by the log, cleared when installed) */
	bool checked;  /* its checksum was verified since it came from the disk (dir.c) */
	uint8_t *data; /* CLANFS_BLOCK_SIZE bytes */
};

/* Make nbuf (at most BCACHE_MAX) buffers, each one frame from frame() (a zero-filled or not 4 KiB
 * block, or NULL when memory is short: the cache stops there). The kernel passes page_alloc frames
 * owned by OWNER_BCACHE, the host tests malloc. Returns the buffers made, or -ENOMEM for none. */
int bcache_init(int nbuf, void *(*frame)(void));

/* The locked buffer of block blockno of dev, read from the disk unless cached: 0, or -EIO
 * (the read failed), -ENOMEM (every buffer is held or pinned). May sleep. */
int bread(struct blkdev *dev, uint32_t blockno, struct buf **out);

/* As bread, but without reading: the caller overwrites the whole block (a new block). */
int bget_noread(struct blkdev *dev, uint32_t blockno, struct buf **out);

/* Unlock and release a buffer from bread. */
void brelse(struct buf *b);

/* Write the buffers' contents to their blocks at once, with every request in flight
 * together, and wait for all: 0 or -EIO. Buffers must be locked or otherwise kept still. */
int bwrite_many(struct buf **bufs, int n);

/* Keep b in the cache while the log holds it / let it go again. */
void bpin(struct buf *b);
void bunpin(struct buf *b);

/* Forget every cached block of dev that nobody holds or pins (tests read from the disk
 * again; unmount). Returns how many buffers are still held or pinned. */
int bcache_drop(struct blkdev *dev);

#endif
#endif
