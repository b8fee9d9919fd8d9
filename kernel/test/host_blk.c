#if LAB >= 5
/*
 * The block layer (dev/blk.h) for the host tests: one disk, "vblk0", backed
 * by an image file read and written with pread/pwrite. A request completes
 * inside blk_submit. host_blk_crash_after(n) makes the disk drop every
 * write after the next n, as a power cut would, so the tests can stop a
 * commit at any step and mount what the disk holds.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "dev/blk.h"
#include "test/host_fs.h"

static struct blkdev disk = { .name = "vblk0", .depth = 32 };
static int disk_fd = -1;
static long writes_left = -1; /* < 0: no crash planned */

struct blkdev *
host_blk_attach(int fd, uint64_t bytes)
{
	disk_fd = fd;
	disk.nsectors = bytes / BLK_SECTOR_SIZE;
	writes_left = -1;
	disk.reads = disk.writes = 0;
	return &disk;
}

void
host_blk_crash_after(long nwrites)
{
	writes_left = nwrites;
}

struct blkdev *
blk_find(const char *name)
{
	return disk_fd >= 0 && strcmp(name, disk.name) == 0 ? &disk : NULL;
}

int
blk_submit(struct bio *b)
{
	off_t off = (off_t)b->sector * BLK_SECTOR_SIZE;
	size_t n = (size_t)b->nsectors * BLK_SECTOR_SIZE;
	ssize_t r;

	if (b->nsectors == 0 || b->nsectors > BLK_MAX_SECTORS ||
	    b->sector + b->nsectors > b->dev->nsectors)
		return -EINVAL;
	if (b->write) {
		disk.writes++;
		if (writes_left == 0)
			r = (ssize_t)n; /* the power is off: the write vanishes */
		else {
			if (writes_left > 0)
				writes_left--;
			r = pwrite(disk_fd, b->data, n, off);
		}
	} else {
		disk.reads++;
		r = pread(disk_fd, b->data, n, off);
	}
	b->status = r == (ssize_t)n ? 0 : -EIO;
	b->done = true;
	return 0;
}

int
blk_wait(struct bio *b)
{
	return b->status;
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
#endif
