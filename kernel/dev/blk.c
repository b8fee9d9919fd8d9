#if LAB >= 5
/*
 * The block layer (dev/blk.h): a list of registered disks and, per disk, a
 * FIFO of requests. blk_submit appends a bio and, while the driver has fewer
 * than dev->depth requests, hands it the next one (ops->start, with dev->lock
 * held). The driver's interrupt handler calls blk_complete, which records the
 * status, starts the next queued request and wakes whoever sleeps in blk_wait
 * on the bio's own wait queue. So a driver never queues anything itself, and a
 * request is started from either the submitting thread or the completion of
 * the one before it.
 */
#include "dev/blk.h"
#include "dev/console.h"
#include "lib/errno.h"
#include "lib/string.h"

/* The registered disks, oldest first; a disk is never removed. */
static struct spinlock blk_list_lock = SPINLOCK_INIT("blk list");
static struct blkdev *blk_list; /* blk_list_lock */

int
blk_register(struct blkdev *dev)
{
	struct blkdev **pp;

	spin_init(&dev->lock, dev->name);
	dev->queue_head = dev->queue_tail = NULL;
	dev->inflight = 0;
	dev->reads = dev->writes = dev->errors = 0;
	dev->writes_left = -1;
	dev->writes_lost = 0;
	dev->next = NULL;
	spin_lock(&blk_list_lock);
	for (pp = &blk_list; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, dev->name) == 0) {
			spin_unlock(&blk_list_lock);
			printf("blk: %s: a disk of that name is already registered\n", dev->name);
			return -EEXIST;
		}
	}
	*pp = dev;
	spin_unlock(&blk_list_lock);
	printf("blk: %s: %lu MiB, %lu sectors, %d request%s at a time\n", dev->name,
	       dev->nsectors / (1024 * 1024 / BLK_SECTOR_SIZE), dev->nsectors, dev->depth,
	       dev->depth == 1 ? "" : "s");
	return 0;
}

struct blkdev *
blk_find(const char *name)
{
	struct blkdev *dev;

	spin_lock(&blk_list_lock);
	for (dev = blk_list; dev; dev = dev->next)
		if (strcmp(dev->name, name) == 0)
			break;
	spin_unlock(&blk_list_lock);
	return dev;
}

/* fn runs with blk_list_lock held: it must not sleep. */
void
blk_for_each(void (*fn)(struct blkdev *dev, void *arg), void *arg)
{
	spin_lock(&blk_list_lock);
	for (struct blkdev *dev = blk_list; dev; dev = dev->next)
		fn(dev, arg);
	spin_unlock(&blk_list_lock);
}

/* Hand the driver queued requests while it has room. dev->lock held. */
static void
blk_dispatch(struct blkdev *dev)
{
	while (dev->inflight < dev->depth && dev->queue_head) {
		struct bio *b = dev->queue_head;

		dev->queue_head = b->next;
		if (!dev->queue_head)
			dev->queue_tail = NULL;
		b->next = NULL;
		dev->inflight++;
		dev->ops->start(dev, b);
	}
}

int
blk_submit(struct bio *b)
{
	struct blkdev *dev = b->dev;

	if (!dev || !b->data || b->nsectors == 0 || b->nsectors > BLK_MAX_SECTORS ||
	    b->sector >= dev->nsectors || dev->nsectors - b->sector < b->nsectors) {
		printf("blk: %s: bad request: %u sectors at %lu (the disk has %lu)\n",
		       dev ? dev->name : "(no disk)", b->nsectors, b->sector,
		       dev ? dev->nsectors : 0);
		return -EINVAL;
	}
	b->status = 0;
	b->done = false;
	wq_init(&b->waiter);
	b->next = NULL;
	b->driver_data = NULL;
	spin_lock(&dev->lock);
	if (b->write && dev->writes_left == 0) { /* the simulated power loss: drop it */
		dev->writes_lost++;
		b->done = true;
		spin_unlock(&dev->lock);
		return 0;
	}
	if (b->write && dev->writes_left > 0)
		dev->writes_left--;
	if (dev->queue_tail)
		dev->queue_tail->next = b;
	else
		dev->queue_head = b;
	dev->queue_tail = b;
	blk_dispatch(dev);
	spin_unlock(&dev->lock);
	return 0;
}

void
blk_lose_writes_after(struct blkdev *dev, int64_t n)
{
	spin_lock(&dev->lock);
	dev->writes_left = n < 0 ? -1 : n;
	if (n < 0)
		dev->writes_lost = 0;
	spin_unlock(&dev->lock);
}

int
blk_wait(struct bio *b)
{
	struct blkdev *dev = b->dev;
	int status;

	spin_lock(&dev->lock);
	while (!b->done)
		wq_sleep(&b->waiter, &dev->lock);
	status = b->status;
	spin_unlock(&dev->lock);
	return status;
}

int
blk_rw(struct blkdev *dev, uint64_t sector, void *data, uint32_t n, bool write)
{
	struct bio b = {
		.dev = dev, .sector = sector, .nsectors = n, .write = write, .data = data
	};
	int err = blk_submit(&b);

	return err < 0 ? err : blk_wait(&b);
}

void
blk_complete(struct blkdev *dev, struct bio *b, int status)
{
	spin_lock(&dev->lock);
	b->status = status;
	b->done = true;
	dev->inflight--;
	if (b->write)
		dev->writes++;
	else
		dev->reads++;
	if (status < 0)
		dev->errors++;
	/* The waiter may free b as soon as the lock goes: wake it before. */
	wq_wake_all(&b->waiter);
	blk_dispatch(dev);
	spin_unlock(&dev->lock);
}
#endif
