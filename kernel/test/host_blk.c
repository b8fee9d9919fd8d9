#if LAB >= 5
/*
 * A disk for the host tests: "vblk0", an image file read and written with
 * pread/pwrite, driven through the kernel's own block layer (dev/blk.c).
 * The host has one thread and no interrupts, so the driver completes each
 * request inside start, where a real disk would interrupt later. Power
 * cuts come from the block layer too (blk_lose_writes_after).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdbool.h>
#include <unistd.h>

#include "dev/blk.h"
#include "test/host_fs.h"

static int disk_fd = -1;

static void
host_start(struct blkdev *dev, struct bio *b)
{
	off_t off = (off_t)b->sector * BLK_SECTOR_SIZE;
	size_t n = (size_t)b->nsectors * BLK_SECTOR_SIZE;
	ssize_t r = b->write ? pwrite(disk_fd, b->data, n, off) : pread(disk_fd, b->data, n, off);

	blk_complete(dev, b, r == (ssize_t)n ? 0 : -EIO);
}

static const struct blkdev_ops host_ops = { .start = host_start };
static struct blkdev disk = { .name = "vblk0", .depth = 32, .ops = &host_ops };

struct blkdev *
host_blk_attach(int fd, uint64_t bytes)
{
	static bool registered;

	disk_fd = fd;
	disk.nsectors = bytes / BLK_SECTOR_SIZE;
	if (!registered)
		registered = blk_register(&disk) == 0;
	blk_lose_writes_after(&disk, -1);
	return &disk;
}
#endif
