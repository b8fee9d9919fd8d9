#if LAB >= 5
/*
 * test=vblk: the virtio-blk driver under load. Writes a pattern unique to
 * each sector and word to a set of requests (one sector at 0, eight 128 KiB
 * requests in a row, 64 small ones of 1-8 sectors, the disk's last sector),
 * all in flight at once, reads them back into buffers filled with something
 * else, compares, and prints "vblk: vblk0: ok" or each mismatch. What the
 * sectors held before is read first and written back at the end, so the
 * file system on the disk survives the test. bench_vblk times 16 MiB read
 * and then written back (the same data, so again nothing changes) in 128 KiB
 * requests, all queued at once.
 */
#include <stdint.h>

#include "ktest/ktest.h"
#include "arch/x86/power.h"
#include "dev/blk.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/slab.h"

#define DISK "vblk0"
#define NBIG 8 /* 128 KiB requests from BIG_START */
#define BIG_START 2048
#define NSMALL 64 /* 1-8 sector requests, 16 sectors apart from SMALL_START */
#define SMALL_START 8192
#define NXFERS (1 + NBIG + NSMALL + 1) /* and sector 0, and the last sector */
#define MIN_SECTORS 16384              /* room for all of them, none overlapping */
#define MAX_REPORTS 20                 /* mismatch lines printed before the rest are counted */

#define BENCH_BYTES (16u << 20)
#define BENCH_NREQ (BENCH_BYTES / (BLK_MAX_SECTORS * BLK_SECTOR_SIZE))

/* One request of the test, with its three buffers (page_alloc blocks: physically
 * contiguous). */
struct xfer {
	uint64_t sector;
	uint32_t nsectors;
	struct page *orig, *pattern, *back;
	struct bio bio;
};

static unsigned
order_for(uint32_t nsectors)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < (uint64_t)nsectors * BLK_SECTOR_SIZE)
		order++;
	return order;
}

/* The word the pattern puts at index w of sector s. */
static uint32_t
pattern_word(uint64_t s, uint32_t w)
{
	return (uint32_t)(s * 0x9e3779b1u) ^ (w * 0x85ebca77u) ^ 0xc1a05u;
}

/* Submit every bio of bios (n), all in flight at once, and wait for them; the number that
 * failed, each printed. A bio that could not be submitted is dropped from bios. */
static int
run_all(struct bio **bios, int n)
{
	int failed = 0;

	for (int i = 0; i < n; i++) {
		int err = blk_submit(bios[i]);
		if (err < 0) {
			printf("vblk: %s: submitting %u sectors at %lu: error %d\n", DISK,
			       bios[i]->nsectors, bios[i]->sector, err);
			bios[i] = NULL;
			failed++;
		}
	}
	for (int i = 0; i < n; i++) {
		if (!bios[i])
			continue;
		int err = blk_wait(bios[i]);
		if (err < 0) {
			printf("vblk: %s: %s of %u sectors at %lu: error %d\n", DISK,
			       bios[i]->write ? "write" : "read", bios[i]->nsectors,
			       bios[i]->sector, err);
			failed++;
		}
	}
	return failed;
}

/* Run every xfer in one direction with the buffer which picks (0 orig, 1 pattern, 2 back). */
static int
run_phase(struct blkdev *dev, struct xfer *x, struct bio **bios, int which, bool write)
{
	for (int i = 0; i < NXFERS; i++) {
		struct page *pg = which == 0 ? x[i].orig : which == 1 ? x[i].pattern : x[i].back;
		x[i].bio = (struct bio){ .dev = dev,
					 .sector = x[i].sector,
					 .nsectors = x[i].nsectors,
					 .write = write,
					 .data = page_va(pg) };
		bios[i] = &x[i].bio;
	}
	return run_all(bios, NXFERS);
}

/* Compare what came back with the pattern; the number of bad sectors, the first
 * MAX_REPORTS of them printed (*reports counts the lines). */
static int
check(const struct xfer *x, int *reports)
{
	const uint32_t *want = page_va(x->pattern), *got = page_va(x->back);
	const uint32_t words = BLK_SECTOR_SIZE / 4;
	int bad = 0;

	for (uint32_t s = 0; s < x->nsectors; s++) {
		for (uint32_t w = 0; w < words; w++) {
			if (got[s * words + w] == want[s * words + w])
				continue;
			if ((*reports)++ < MAX_REPORTS)
				printf("vblk: %s: sector %lu word %u: wrote 0x%08x, read 0x%08x\n",
				       DISK, x->sector + s, w, want[s * words + w],
				       got[s * words + w]);
			bad++;
			break;
		}
	}
	return bad;
}

static void
free_xfers(struct xfer *x)
{
	for (int i = 0; i < NXFERS; i++) {
		if (x[i].orig)
			page_free(x[i].orig);
		if (x[i].pattern)
			page_free(x[i].pattern);
		if (x[i].back)
			page_free(x[i].back);
	}
	kfree(x);
}

static void __attribute__((noreturn)) fail(const char *why)
{
	printf("vblk: %s: FAILED: %s\n", DISK, why);
	power_off(POWER_FAILURE);
}

void
ktest_vblk(void)
{
	struct blkdev *dev = blk_find(DISK);
	if (!dev)
		fail("no such disk");
	if (dev->nsectors < MIN_SECTORS)
		fail("the disk is too small for the test");

	struct xfer *x = kmalloc(sizeof(*x) * NXFERS);
	struct bio **bios = kmalloc(sizeof(*bios) * NXFERS);
	if (!x || !bios)
		fail("out of memory");
	memset(x, 0, sizeof(*x) * NXFERS);
	int k = 0;
	x[k++] = (struct xfer){ .sector = 0, .nsectors = 1 };
	for (int i = 0; i < NBIG; i++)
		x[k++] = (struct xfer){ .sector = BIG_START + (uint64_t)i * BLK_MAX_SECTORS,
					.nsectors = BLK_MAX_SECTORS };
	for (int i = 0; i < NSMALL; i++)
		x[k++] = (struct xfer){ .sector = SMALL_START + (uint64_t)i * 16,
					.nsectors = 1 + (uint32_t)i % 8 };
	x[k++] = (struct xfer){ .sector = dev->nsectors - 1, .nsectors = 1 };

	uint64_t bytes = 0;
	for (int i = 0; i < NXFERS; i++) {
		unsigned order = order_for(x[i].nsectors);
		x[i].orig = page_alloc(order, OWNER_TEST);
		x[i].pattern = page_alloc(order, OWNER_TEST);
		x[i].back = page_alloc(order, OWNER_TEST);
		if (!x[i].orig || !x[i].pattern || !x[i].back) {
			free_xfers(x);
			fail("out of memory for the buffers");
		}
		uint32_t *p = page_va(x[i].pattern);
		for (uint32_t s = 0; s < x[i].nsectors; s++)
			for (uint32_t w = 0; w < BLK_SECTOR_SIZE / 4; w++)
				p[s * (BLK_SECTOR_SIZE / 4) + w] = pattern_word(x[i].sector + s, w);
		memset(page_va(x[i].back), 0x5a, PAGE_SIZE << order);
		bytes += (uint64_t)x[i].nsectors * BLK_SECTOR_SIZE;
	}
	printf("vblk: %s: %d requests of %lu KiB in all, each way\n", DISK, NXFERS, bytes / 1024);

	if (run_phase(dev, x, bios, 0, false) > 0) {
		free_xfers(x);
		fail("cannot read what the sectors hold; nothing written");
	}
	int errors = run_phase(dev, x, bios, 1, true);
	errors += run_phase(dev, x, bios, 2, false);
	int bad = 0, reports = 0;
	for (int i = 0; i < NXFERS; i++)
		bad += check(&x[i], &reports);
	if (reports > MAX_REPORTS)
		printf("vblk: %s: and %d more bad sectors\n", DISK, reports - MAX_REPORTS);
	int restore_errors = run_phase(dev, x, bios, 0, true);
	free_xfers(x);
	kfree(bios);
	if (restore_errors > 0)
		printf("vblk: %s: %d requests failed putting the old contents back\n", DISK,
		       restore_errors);
	if (errors > 0 || bad > 0 || restore_errors > 0) {
		printf("vblk: %s: %d requests failed, %d sectors read back wrong\n", DISK,
		       errors + restore_errors, bad);
		fail("see above");
	}
	printf("vblk: %s: ok\n", DISK);
}

/* Megabytes (10^6 bytes) per second. */
static uint64_t
mbps(uint64_t bytes, uint64_t ns)
{
	return ns ? bytes * 1000 / ns : 0;
}

void
bench_vblk(void)
{
	struct blkdev *dev = blk_find(DISK);
	if (!dev) {
		printf("bench_vblk: no disk %s\n", DISK);
		return;
	}
	int nreq = BENCH_NREQ;
	if ((uint64_t)nreq * BLK_MAX_SECTORS > dev->nsectors)
		nreq = (int)(dev->nsectors / BLK_MAX_SECTORS);
	struct page **bufs = kmalloc(sizeof(*bufs) * BENCH_NREQ);
	struct bio *bio = kmalloc(sizeof(*bio) * BENCH_NREQ);
	struct bio **bios = kmalloc(sizeof(*bios) * BENCH_NREQ);
	int nbufs = 0;
	if (bufs && bio && bios)
		while (nbufs < nreq &&
		       (bufs[nbufs] = page_alloc(order_for(BLK_MAX_SECTORS), OWNER_TEST)))
			nbufs++;
	if (nbufs < nreq || nreq == 0) {
		printf("bench_vblk: no memory for %d 128 KiB buffers (or an empty disk)\n", nreq);
	} else {
		uint64_t bytes = (uint64_t)nreq * BLK_MAX_SECTORS * BLK_SECTOR_SIZE, ns[2];
		/* Read first, then write the same data back: the disk ends as it began. */
		for (int pass = 0; pass < 2; pass++) {
			for (int i = 0; i < nreq; i++) {
				bio[i] = (struct bio){ .dev = dev,
						       .sector = (uint64_t)i * BLK_MAX_SECTORS,
						       .nsectors = BLK_MAX_SECTORS,
						       .write = pass == 1,
						       .data = page_va(bufs[i]) };
				bios[i] = &bio[i];
			}
			uint64_t t0 = clock_ns();
			int failed = run_all(bios, nreq);
			ns[pass] = clock_ns() - t0;
			if (failed > 0) {
				printf("bench_vblk: %d requests failed%s\n", failed,
				       pass == 0 ? "; nothing written" : "");
				break;
			}
			printf("ClanOS-Bench: name=blk_%s_seq_%s_mbps value=%lu unit=MB/s\n", DISK,
			       pass == 0 ? "read" : "write", mbps(bytes, ns[pass]));
		}
	}
	for (int i = 0; i < nbufs; i++)
		page_free(bufs[i]);
	kfree(bufs);
	kfree(bio);
	kfree(bios);
}
#endif
