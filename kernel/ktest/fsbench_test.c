#if LAB >= 5
/*
 * The file system's benchmarks for test=bench: sequential write of 16 MiB
 * through the buffer cache and the log (timed to the end of fs_sync, so
 * every byte is on the disk), sequential read of it after a remount (so
 * from the disk, not the cache), and cached open+close of an existing file.
 * They run on whatever disk is mounted: make bench boots with virtio-blk.
 */
#include "ktest/ktest.h"
#include "dev/blk.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "mm/slab.h"

#define SEQ_BYTES (16u << 20)
#define CHUNK (256u << 10)
#define OPENS 20000
#define PATH "/bench-seq"

static void
report(const char *name, uint64_t value, const char *unit)
{
	printf("ClanOS-Bench: name=%s value=%lu unit=%s\n", name, value, unit);
}

static bool
bench_failed(const char *what, int64_t r)
{
	printf("bench: fs: %s: %s\n", what, errno_text((int)r));
	return false;
}

/* Write or read SEQ_BYTES of path in CHUNK pieces; the MB/s, or 0 on failure. */
static uint64_t
sequential(bool write, uint8_t *buf)
{
	struct inode *ip;
	int flags = write ? FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC : FS_O_READ;
	int r = fs_open(&cred_root, PATH, flags, 064, &ip);
	if (r < 0)
		return bench_failed("open " PATH, r);
	uint64_t start = clock_ns();
	int64_t n = 0;
	for (uint64_t off = 0; off < SEQ_BYTES; off += CHUNK) {
		n = write ? fs_write(ip, buf, off, CHUNK) : fs_read(ip, buf, off, CHUNK);
		if (n != CHUNK)
			break;
	}
	fs_close(ip);
	if (n == CHUNK && write)
		n = fs_sync() < 0 ? -EIO : (int64_t)CHUNK;
	uint64_t ns = clock_ns() - start;
	if (n != CHUNK)
		return bench_failed(write ? "write" : "read", n < 0 ? n : -EIO);
	return (uint64_t)SEQ_BYTES * 1000 / ns; /* bytes per ns * 1000 = MB/s */
}

static bool
remount(void)
{
	struct fs_statfs sf;
	struct blkdev *dev = fs_statfs(&sf) < 0 ? NULL : blk_find(sf.dev);
	int r = dev ? fs_unmount() : -ENODEV;

	if (r == 0)
		r = fs_mount(dev);
	return r == 0 || bench_failed("remount", r);
}

static void
bench_open_close(void)
{
	struct inode *ip;
	uint64_t start = clock_ns();

	for (int i = 0; i < OPENS; i++) {
		int r = fs_open(&cred_root, "/etc/passwd", FS_O_READ, 0, &ip);
		if (r < 0) {
			bench_failed("open /etc/passwd", r);
			return;
		}
		fs_close(ip);
	}
	report("fs_open_close_per_s", OPENS * 1000000000ull / (clock_ns() - start), "1/s");
}

void
bench_fs(void)
{
	if (!fs_mounted()) {
		printf("bench: fs: no file system mounted; skipped\n");
		return;
	}
	uint8_t *buf = kmalloc(CHUNK);
	if (!buf) {
		bench_failed("buffer", -ENOMEM);
		return;
	}
	for (uint64_t i = 0; i < CHUNK; i++)
		buf[i] = (uint8_t)(i * 31 + 7);
	uint64_t mbps = sequential(true, buf);
	if (mbps)
		report("fs_seq_write_mbps", mbps, "MB/s");
	if (mbps && remount() && (mbps = sequential(false, buf)))
		report("fs_seq_read_mbps", mbps, "MB/s");
	kfree(buf);
	fs_unlink(&cred_root, PATH);
	bench_open_close();
}
#endif
