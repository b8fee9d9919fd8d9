#if LAB >= 5
/*
 * The block layer: disks as arrays of 512-byte sectors, read and written by
 * requests (struct bio) that complete by interrupt. Each disk has a FIFO
 * request queue; the layer hands a driver at most `depth` requests at once
 * and starts the next as one completes, so a driver never queues anything
 * itself. ATA (dev/ata.c) takes one request at a time, virtio-blk
 * (dev/virtio_blk.c) many.
 *
 * Disks are named by driver and number ("ata1", "vblk0"); the file system
 * mounts the one fs/mount.c picks.
 */
#ifndef DEV_BLK_H
#define DEV_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "sync/spinlock.h"
#include "sync/waitqueue.h"

#define BLK_SECTOR_SIZE 512
#define BLK_NAME_MAX 8
#define BLK_MAX_SECTORS 256 /* the largest request: 128 KiB */

struct blkdev;

/* One request: nsectors sectors from sector on, to or from data. */
struct bio {
	struct blkdev *dev;
	uint64_t sector;
	uint32_t nsectors; /* 1..BLK_MAX_SECTORS, within the disk */
	bool write;
	void *data; /* kernel virtual; physically contiguous (a kmalloc or page_alloc block) */
	/* Set by the block layer. */
	int status;              /* 0, or -EIO when the device reported an error */
	bool done;               /* guarded by dev->lock */
	struct waitqueue waiter; /* whoever waits in blk_wait */
	struct bio *next;        /* in the disk's queue */
	void *driver_data;       /* the driver's, while the request is in its hands */
};

struct blkdev_ops {
	/* Start b on the device; called with dev->lock held and interrupts off, never more
	 * than dev->depth requests outstanding. The driver calls blk_complete when it ends. */
	void (*start)(struct blkdev *dev, struct bio *b);
};

struct blkdev {
	char name[BLK_NAME_MAX];
	uint64_t nsectors; /* capacity */
	int depth;         /* requests the driver takes at once (>= 1) */
	const struct blkdev_ops *ops;
	void *driver; /* the driver's own state */
	/* The block layer's. */
	struct spinlock lock; /* guards the queue, inflight and every queued bio's done/status */
	struct bio *queue_head, *queue_tail;
	int inflight;
	uint64_t reads, writes, errors; /* requests completed, for `devices` and benchmarks */
	int64_t writes_left;  /* writes until a simulated power loss; -1: no loss planned */
	uint64_t writes_lost; /* writes dropped since the simulated power loss */
	struct blkdev *next;
};

/* Add dev (kept, not copied; name, nsectors, depth, ops and driver filled in) and print
 * "blk: <name>: <size> MiB, <driver line>". -EEXIST for a second disk of that name. */
int blk_register(struct blkdev *dev);

/* The disk of that name, or NULL. */
struct blkdev *blk_find(const char *name);

/* Call fn(dev, arg) for every registered disk. */
void blk_for_each(void (*fn)(struct blkdev *dev, void *arg), void *arg);

/* Queue b (dev, sector, nsectors, write, data filled in). Returns -EINVAL, with nothing
 * queued, if the range is empty, too long or beyond the disk. Thread context. */
int blk_submit(struct bio *b);

/* Sleep until b completes; its status. */
int blk_wait(struct bio *b);

/* Submit and wait: one synchronous transfer (n <= BLK_MAX_SECTORS). */
int blk_rw(struct blkdev *dev, uint64_t sector, void *data, uint32_t n, bool write);

/* For tests: after n more write requests, report every write as done without doing it, as a
 * disk that lost power mid-way would leave things; n < 0 restores normal writes and clears
 * writes_lost. Requests already queued are not affected. */
void blk_lose_writes_after(struct blkdev *dev, int64_t n);

/* For drivers, from their interrupt handler: b is done with status (0 or -EIO). Starts the
 * next queued request and wakes b's waiter. Takes dev->lock. */
void blk_complete(struct blkdev *dev, struct bio *b, int status);

#endif
#endif
