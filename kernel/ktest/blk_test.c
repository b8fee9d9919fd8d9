#if LAB >= 5
/*
 * test=blk: the block layer and a disk driver, end to end. On the disk named
 * by blkdev=<name> (default ata1 if there is one, else vblk0; never ata0, the
 * boot disk) it writes patterned sectors at several places (one sector, a few,
 * BLK_MAX_SECTORS, the disk's last sectors), reads them back and compares;
 * checks that requests outside the disk get -EINVAL; and submits many requests
 * at once and waits for them all, so they queue in the block layer. Each
 * pattern names its sector and the round, so a sector written to the wrong
 * place or read stale shows up. What was on the disk is put back after each
 * step, so the file system on it survives the test.
 *
 * bench_blk times sequential writes and reads on the same disk.
 */
#include <stdbool.h>
#include <stdint.h>

#include "ktest/ktest.h"
#include "debug/panic.h"
#include "dev/blk.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "kernel.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

#define BUF_BYTES (BLK_MAX_SECTORS * BLK_SECTOR_SIZE)
#define QUEUED 32                                 /* requests in flight in the queueing step */
#define QUEUED_SECTORS (BLK_MAX_SECTORS / QUEUED) /* each; together one buffer */
#define QUEUE_AREA 512                            /* where the queueing step writes */
#define MIN_SECTORS 1024                          /* the smallest disk the test fits on */
#define MAX_REPORTS 20                            /* mismatch lines before going quiet */

#define BENCH_BYTES (8u << 20)
#define BENCH_WINDOW 4 /* requests in flight; ATA takes one at a time anyway */

static uint8_t *wbuf, *rbuf, *saved; /* BUF_BYTES each */
static int problems;

/* The disk the test and the benchmark use, or NULL (said why). */
static struct blkdev *
test_disk(void)
{
	const char *name = bootarg("blkdev");
	struct blkdev *dev;

	if (name) {
		dev = blk_find(name);
		if (!dev)
			printf("blk: no disk named %s\n", name);
	} else {
		dev = blk_find("ata1");
		if (!dev)
			dev = blk_find("vblk0");
		if (!dev)
			printf("blk: no disk to test: neither ata1 nor vblk0 is there\n");
	}
	if (dev && strcmp(dev->name, "ata0") == 0) {
		printf("blk: ata0 is the boot disk; the test does not write it\n");
		return NULL;
	}
	return dev;
}

/* The 64-bit word w of sector s in round seed. */
static uint64_t
pattern(uint64_t s, uint32_t w, uint32_t seed)
{
	return ((s + 1) * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)seed << 40) ^ w;
}

static void
fill(uint8_t *buf, uint64_t sector, uint32_t n, uint32_t seed)
{
	uint64_t *p = (uint64_t *)buf;

	for (uint32_t i = 0; i < n; i++)
		for (uint32_t w = 0; w < BLK_SECTOR_SIZE / 8; w++)
			*p++ = pattern(sector + i, w, seed);
}

/* Compare buf against the pattern; one line per bad sector. */
static void
check(struct blkdev *dev, const uint8_t *buf, uint64_t sector, uint32_t n, uint32_t seed)
{
	const uint64_t *p = (const uint64_t *)buf;

	for (uint32_t i = 0; i < n; i++, p += BLK_SECTOR_SIZE / 8) {
		for (uint32_t w = 0; w < BLK_SECTOR_SIZE / 8; w++) {
			uint64_t want = pattern(sector + i, w, seed);

			if (p[w] == want)
				continue;
			if (++problems <= MAX_REPORTS)
				printf("blk: %s: mismatch in sector %lu at byte %u: wrote 0x%lx, "
				       "read 0x%lx\n",
				       dev->name, sector + i, w * 8, want, p[w]);
			break;
		}
	}
}

/* One synchronous transfer; a failure is counted and said. */
static bool
xfer(struct blkdev *dev, uint64_t sector, void *buf, uint32_t n, bool write)
{
	int err = blk_rw(dev, sector, buf, n, write);

	if (err < 0) {
		problems++;
		printf("blk: %s: %s of %u sectors at %lu failed: %d\n", dev->name,
		       write ? "write" : "read", n, sector, err);
	}
	return err == 0;
}

/* Write a pattern to n sectors at sector, read it back, compare, put the old data back. */
static void
roundtrip(struct blkdev *dev, uint64_t sector, uint32_t n, uint32_t seed)
{
	if (!xfer(dev, sector, saved, n, false))
		return;
	fill(wbuf, sector, n, seed);
	memset(rbuf, 0, n * BLK_SECTOR_SIZE);
	if (xfer(dev, sector, wbuf, n, true) && xfer(dev, sector, rbuf, n, false))
		check(dev, rbuf, sector, n, seed);
	xfer(dev, sector, saved, n, true);
}

/* Requests outside the disk, empty or too long: -EINVAL, nothing queued. */
static void
bad_requests(struct blkdev *dev)
{
	static const struct {
		int64_t from_end; /* sector: nsectors + from_end, or (when 1) UINT64_MAX */
		uint32_t n;
	} cases[] = {
		{ 0, 1 },   { -1, 2 },
		{ -10, 0 }, { -(int64_t)BLK_MAX_SECTORS - 10, BLK_MAX_SECTORS + 1 },
		{ 1, 2 },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t sector = cases[i].from_end == 1
					  ? UINT64_MAX
					  : dev->nsectors + (uint64_t)cases[i].from_end;
		struct bio b = {
			.dev = dev, .sector = sector, .nsectors = cases[i].n, .data = rbuf
		};
		int err = blk_submit(&b);

		if (err != -EINVAL) {
			problems++;
			printf("blk: %s: %u sectors at %lu: got %d, not -EINVAL\n", dev->name,
			       cases[i].n, sector, err);
			if (err == 0)
				blk_wait(&b);
		}
	}
}

/* Submit QUEUED writes, then QUEUED reads, each batch all at once, and wait for all. */
static void
queued(struct blkdev *dev, uint32_t seed)
{
	static struct bio bios[QUEUED];
	int err;

	if (!xfer(dev, QUEUE_AREA, saved, BLK_MAX_SECTORS, false))
		return;
	fill(wbuf, QUEUE_AREA, BLK_MAX_SECTORS, seed);
	memset(rbuf, 0, BUF_BYTES);
	for (int pass = 0; pass < 2; pass++) {
		bool write = pass == 0;

		for (int i = 0; i < QUEUED; i++) {
			bios[i] = (struct bio){
				.dev = dev,
				.sector = QUEUE_AREA + (uint64_t)i * QUEUED_SECTORS,
				.nsectors = QUEUED_SECTORS,
				.write = write,
				.data = (write ? wbuf : rbuf) +
					i * QUEUED_SECTORS * BLK_SECTOR_SIZE,
			};
			if ((err = blk_submit(&bios[i])) < 0)
				panic("blk: a valid request was refused: %d", err);
		}
		for (int i = 0; i < QUEUED; i++) {
			if ((err = blk_wait(&bios[i])) < 0) {
				problems++;
				printf("blk: %s: queued %s %d failed: %d\n", dev->name,
				       write ? "write" : "read", i, err);
			}
		}
	}
	check(dev, rbuf, QUEUE_AREA, BLK_MAX_SECTORS, seed);
	xfer(dev, QUEUE_AREA, saved, BLK_MAX_SECTORS, true);
}

static bool
alloc_buffers(void)
{
	wbuf = kmalloc(BUF_BYTES);
	rbuf = kmalloc(BUF_BYTES);
	saved = kmalloc(BUF_BYTES);
	if (wbuf && rbuf && saved)
		return true;
	printf("blk: out of memory for the buffers\n");
	kfree(wbuf);
	kfree(rbuf);
	kfree(saved);
	return false;
}

static void
free_buffers(void)
{
	kfree(wbuf);
	kfree(rbuf);
	kfree(saved);
}

void
ktest_blk(void)
{
	struct blkdev *dev = test_disk();

	if (!dev || !alloc_buffers())
		return;
	if (dev->nsectors < MIN_SECTORS) {
		printf("blk: %s: %lu sectors; the test needs %d\n", dev->name, dev->nsectors,
		       MIN_SECTORS);
		free_buffers();
		return;
	}
	uint64_t t0 = clock_ns();
	uint64_t last = dev->nsectors - 1;
	roundtrip(dev, 0, 1, 1);
	roundtrip(dev, 8, 8, 2);
	roundtrip(dev, 64, 3, 3);
	roundtrip(dev, 128, BLK_MAX_SECTORS, 4);
	roundtrip(dev, last, 1, 5);
	roundtrip(dev, dev->nsectors - BLK_MAX_SECTORS, BLK_MAX_SECTORS, 6);
	bad_requests(dev);
	queued(dev, 7);
	free_buffers();
	if (problems == 0)
		printf("blk: %s: ok (%lu ms)\n", dev->name, (clock_ns() - t0) / 1000000);
	else
		printf("blk: %s: %d problems\n", dev->name, problems);
}

/* Time BENCH_BYTES of sequential transfers from sector 0 in BLK_MAX_SECTORS requests,
 * BENCH_WINDOW in flight; nanoseconds, or 0 after an error (said). Returns with nothing
 * in flight. */
static uint64_t
bench_pass(struct blkdev *dev, uint8_t *bufs[BENCH_WINDOW], bool write)
{
	static struct bio bios[BENCH_WINDOW];
	const uint32_t nreq = BENCH_BYTES / BUF_BYTES;
	uint32_t submitted = 0, waited = 0;
	uint64_t t0 = clock_ns();
	int err = 0, e;

	while (waited < submitted || (submitted < nreq && err == 0)) {
		if (submitted < nreq && err == 0 && submitted - waited < BENCH_WINDOW) {
			struct bio *b = &bios[submitted % BENCH_WINDOW];

			*b = (struct bio){ .dev = dev,
					   .sector = (uint64_t)submitted * BLK_MAX_SECTORS,
					   .nsectors = BLK_MAX_SECTORS,
					   .write = write,
					   .data = bufs[submitted % BENCH_WINDOW] };
			if ((e = blk_submit(b)) < 0)
				err = e;
			else
				submitted++;
			continue;
		}
		if ((e = blk_wait(&bios[waited++ % BENCH_WINDOW])) < 0 && err == 0)
			err = e;
	}
	if (err < 0) {
		printf("blk: %s: benchmark %s failed: %d\n", dev->name, write ? "write" : "read",
		       err);
		return 0;
	}
	return clock_ns() - t0;
}

/*
 * WARNING: overwrites the first 8 MiB of the test disk (the file system's disk) and does not
 * put them back; the bench boots run on a throwaway copy of the image.
 */
void
bench_blk(void)
{
	struct blkdev *dev = test_disk();
	uint8_t *bufs[BENCH_WINDOW] = { 0 };
	uint64_t ns[2] = { 0, 0 };

	if (!dev)
		return;
	if (dev->nsectors < BENCH_BYTES / BLK_SECTOR_SIZE) {
		printf("blk: %s: too small for the benchmark\n", dev->name);
		return;
	}
	for (int i = 0; i < BENCH_WINDOW; i++) {
		bufs[i] = kmalloc(BUF_BYTES);
		if (!bufs[i])
			goto out;
		fill(bufs[i], (uint64_t)i * BLK_MAX_SECTORS, BLK_MAX_SECTORS, 8);
	}
	ns[0] = bench_pass(dev, bufs, true);
	if (ns[0])
		ns[1] = bench_pass(dev, bufs, false);
	for (int i = 0; i < 2; i++)
		if (ns[i])
			printf("ClanOS-Bench: name=blk_%s_seq_%s_mbps value=%lu unit=MB/s\n",
			       dev->name, i == 0 ? "write" : "read",
			       (uint64_t)BENCH_BYTES * 1000 / ns[i]);
out:
	for (int i = 0; i < BENCH_WINDOW; i++)
		kfree(bufs[i]);
}
#endif
