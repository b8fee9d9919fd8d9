#if LAB >= 5
/*
 * fsck: check a CLANFS v2 image, and read it without a kernel.
 *
 *   fsck [--replay] [--ls] [--cat PATH] [--metadata] IMAGE
 *
 * The image is read into memory whole. A superblock that is unreadable, has a
 * bad checksum or a layout other than the one mkfs lays out makes the image
 * unusable (exit 2, saying why). A committed transaction in the log is then
 * applied in memory (with --replay also to the image file, and the log
 * cleared), as a mount would, and fsck_check() (fsck_check.c) checks the rest.
 * Each problem is one line "fsck: ..."; the last line is "fsck: clean: ..."
 * (exit 0) or "fsck: N problems" (exit 1). With --ls, --cat or --metadata,
 * whose output goes to stdout, those report lines go to stderr.
 *
 * Nothing read from the image is trusted: every block number is checked
 * against the image before it is followed, so no image can crash fsck.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsck.h"
#include "lib/crc32.h"

struct fsck fs;

static const uint8_t zero_block[CLANFS_BLOCK_SIZE];

void
problem(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fsck: ", fs.report);
	vfprintf(fs.report, fmt, ap);
	fputc('\n', fs.report);
	va_end(ap);
	fs.problems++;
}

/* The image cannot be checked: say why, exit 2. */
static void
unusable(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fsck: unusable image: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

uint8_t *
fsck_block(uint32_t b)
{
	if (b >= fs.file_blocks)
		return (uint8_t *)zero_block;
	return fs.img + (size_t)b * CLANFS_BLOCK_SIZE;
}

struct clanfs_dinode *
fsck_inode(uint32_t inum)
{
	uint32_t b = fs.sb.inode_start + inum / (uint32_t)CLANFS_INODES_PER_BLOCK;

	return (struct clanfs_dinode *)fsck_block(b) + inum % CLANFS_INODES_PER_BLOCK;
}

/* Pointer k of the indirect block bno, or 0 if bno is not a data block. */
static uint32_t
ptr_in(uint32_t bno, uint64_t k)
{
	if (bno < fs.sb.data_start || bno >= fs.sb.nblocks)
		return 0;
	return ((const uint32_t *)fsck_block(bno))[k];
}

uint32_t
fsck_bmap(const struct clanfs_dinode *ip, uint64_t i)
{
	uint32_t bno = 0;

	if (i < CLANFS_NDIRECT)
		bno = ip->direct[i];
	else if ((i -= CLANFS_NDIRECT) < CLANFS_PTRS_PER_BLOCK)
		bno = ptr_in(ip->indirect, i);
	else if ((i -= CLANFS_PTRS_PER_BLOCK) <
		 (uint64_t)CLANFS_PTRS_PER_BLOCK * CLANFS_PTRS_PER_BLOCK)
		bno = ptr_in(ptr_in(ip->dindirect, i / CLANFS_PTRS_PER_BLOCK),
			     i % CLANFS_PTRS_PER_BLOCK);
	return bno >= fs.sb.data_start && bno < fs.sb.nblocks ? bno : 0;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		unusable("out of memory for %zu entries", n);
	return p;
}

/* Read the image file into fs.img. */
static void
load(const char *path, int fd)
{
	struct stat st;
	size_t got = 0;

	if (fstat(fd, &st) < 0)
		unusable("%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode) || st.st_size < CLANFS_BLOCK_SIZE)
		unusable("%s: %lld bytes, smaller than a superblock", path, (long long)st.st_size);
	fs.file_blocks = (uint64_t)st.st_size / CLANFS_BLOCK_SIZE;
	fs.img = xcalloc(fs.file_blocks, CLANFS_BLOCK_SIZE);
	while (got < fs.file_blocks * CLANFS_BLOCK_SIZE) {
		ssize_t n = pread(fd, fs.img + got, fs.file_blocks * CLANFS_BLOCK_SIZE - got,
				  (off_t)got);
		if (n <= 0)
			unusable("%s: read: %s", path, n < 0 ? strerror(errno) : "short file");
		got += (size_t)n;
	}
}

/* The superblock must be exactly what mkfs writes for its sizes. */
static void
check_super(void)
{
	struct clanfs_super want;
	const struct clanfs_super *sb = &fs.sb;

	memcpy(&fs.sb, fs.img, sizeof(fs.sb));
	if (sb->magic != CLANFS_MAGIC)
		unusable("bad magic: not a CLANFS image");
	if (sb->version != CLANFS_VERSION || sb->block_size != CLANFS_BLOCK_SIZE)
		unusable("version %u, block size %u: this fsck reads version %d, %d-byte blocks",
			 sb->version, sb->block_size, CLANFS_VERSION, CLANFS_BLOCK_SIZE);
	if (sb->checksum != image_super_crc(sb))
		unusable("bad superblock checksum");
	if (sb->reserved ||
	    memcmp(fs.img + sizeof(*sb), zero_block, CLANFS_BLOCK_SIZE - sizeof(*sb)) != 0)
		unusable("superblock: reserved bytes not zero");
	if (sb->nlog < 2 || sb->ninodes < 2 || sb->ninodes < sb->root_inum)
		unusable("superblock: %u log blocks, %u inodes", sb->nlog, sb->ninodes);
	if (!image_layout(&want, sb->nblocks, sb->ninodes, sb->nlog))
		unusable("superblock: %u blocks cannot hold the metadata", sb->nblocks);
	want.created = sb->created;
	want.checksum = sb->checksum;
	if (memcmp(&want, sb, sizeof(want)) != 0)
		unusable("superblock: regions not laid out in order (log %u+%u, inodes %u+%u, "
			 "bitmap %u+%u, data %u, root %u)",
			 sb->log_start, sb->nlog, sb->inode_start, sb->ninode_blocks,
			 sb->bmap_start, sb->nbmap_blocks, sb->data_start, sb->root_inum);
	if (fs.file_blocks < sb->nblocks)
		problem("image truncated: %llu blocks, the superblock says %u",
			(unsigned long long)fs.file_blocks, sb->nblocks);
}

/* Apply a committed transaction in memory; with write, to the image too, clearing the log. */
static void
replay_log(int fd, bool write)
{
	struct clanfs_loghdr *lh = (struct clanfs_loghdr *)fsck_block(fs.sb.log_start);
	uint32_t crc = 0;

	if (lh->magic != CLANFS_LOG_MAGIC) {
		problem("log: bad header magic %#x", lh->magic);
		return;
	}
	if (memcmp((uint8_t *)lh + sizeof(*lh), zero_block, CLANFS_BLOCK_SIZE - sizeof(*lh)))
		problem("log: bytes after the header not zero");
	if (lh->n > CLANFS_LOG_MAX || lh->n > fs.sb.nlog - 1) {
		problem("log: header names %u blocks, the log holds %u", lh->n, fs.sb.nlog - 1);
		return;
	}
	for (uint32_t i = 0; i < lh->n; i++)
		crc = crc32(crc, fsck_block(fs.sb.log_start + 1 + i), CLANFS_BLOCK_SIZE);
	if (image_log_crc(crc, lh) != lh->checksum) {
		fprintf(fs.report, "fsck: log: discarded uncommitted transaction of %u blocks\n",
			lh->n);
		return;
	}
	if (lh->reserved)
		problem("log: reserved field not zero");
	if (lh->n == 0)
		return;
	for (uint32_t i = 0; i < lh->n; i++)
		if (lh->block[i] < fs.sb.inode_start || lh->block[i] >= fs.sb.nblocks ||
		    lh->block[i] >= fs.file_blocks) {
			problem("log: logged block %u has home %u, outside the image's inodes, "
				"bitmap and data; not replayed",
				i, lh->block[i]);
			return;
		}
	fprintf(fs.report,
		"fsck: log: replaying committed transaction of %u blocks (sequence %llu)\n", lh->n,
		(unsigned long long)lh->sequence);
	for (uint32_t i = 0; i < lh->n; i++) {
		uint8_t *home = fsck_block(lh->block[i]);
		memcpy(home, fsck_block(fs.sb.log_start + 1 + i), CLANFS_BLOCK_SIZE);
		if (write && pwrite(fd, home, CLANFS_BLOCK_SIZE,
				    (off_t)lh->block[i] * CLANFS_BLOCK_SIZE) != CLANFS_BLOCK_SIZE)
			unusable("replay: write: %s", strerror(errno));
	}
	if (!write)
		return;
	if (fsync(fd) < 0)
		unusable("replay: fsync: %s", strerror(errno));
	memset(lh->block, 0, sizeof(lh->block));
	lh->n = 0;
	lh->checksum = image_log_crc(0, lh);
	if (pwrite(fd, lh, CLANFS_BLOCK_SIZE, (off_t)fs.sb.log_start * CLANFS_BLOCK_SIZE) !=
		    CLANFS_BLOCK_SIZE ||
	    fsync(fd) < 0)
		unusable("replay: writing the log header: %s", strerror(errno));
	fprintf(fs.report, "fsck: log: written to the image, log cleared\n");
}

/* Write the contents of inode ip to out (if not NULL); return their CRC-32. */
static uint32_t
contents(const struct clanfs_dinode *ip, FILE *out)
{
	uint32_t crc = 0;
	uint64_t size = ip->size;

	if (size > (uint64_t)CLANFS_MAX_FILE_BLOCKS * CLANFS_BLOCK_SIZE)
		size = (uint64_t)CLANFS_MAX_FILE_BLOCKS * CLANFS_BLOCK_SIZE;
	for (uint64_t off = 0; off < size; off += CLANFS_BLOCK_SIZE) {
		uint32_t bno = fsck_bmap(ip, off / CLANFS_BLOCK_SIZE);
		size_t n =
			size - off < CLANFS_BLOCK_SIZE ? (size_t)(size - off) : CLANFS_BLOCK_SIZE;
		const uint8_t *data = bno ? fsck_block(bno) : zero_block;
		crc = crc32(crc, data, n);
		if (out)
			fwrite(data, 1, n, out);
	}
	return crc;
}

/* --ls: one line per path under reached directory d, depth first in name order. */
static void
list(uint32_t d)
{
	const struct inode_info *di = &fs.ino[d];

	for (uint32_t k = 0; k < di->nkids; k++) {
		uint32_t inum = di->kids[k].inum;
		const struct clanfs_dinode *ip = fsck_inode(inum);
		bool dir = fs.ino[inum].state == I_DIR;
		char crc[9] = "-";

		if (!dir)
			snprintf(crc, sizeof(crc), "%08x", contents(ip, NULL));
		printf("%s%s%s %c %llu %u %02o %s\n", di->path, strcmp(di->path, "/") ? "/" : "",
		       di->kids[k].name, dir ? 'd' : 'f', (unsigned long long)ip->size, ip->uid,
		       ip->mode, crc);
		if (dir && fs.ino[inum].parent == d && inum != CLANFS_ROOT_INUM)
			list(inum);
	}
}

/* --cat: the reached inode at path, or 0. */
static uint32_t
lookup(const char *path)
{
	for (uint32_t inum = 0; inum < fs.sb.ninodes; inum++)
		if (fs.ino[inum].path && strcmp(fs.ino[inum].path, path) == 0)
			return inum;
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: fsck [--replay] [--ls] [--cat PATH] [--metadata] IMAGE\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *image = NULL, *cat = NULL;
	bool replay = false, ls = false, metadata = false;
	int status;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--replay") == 0)
			replay = true;
		else if (strcmp(argv[i], "--ls") == 0)
			ls = true;
		else if (strcmp(argv[i], "--metadata") == 0)
			metadata = true;
		else if (strcmp(argv[i], "--cat") == 0 && i + 1 < argc)
			cat = argv[++i];
		else if (argv[i][0] == '-' || image)
			usage();
		else
			image = argv[i];
	}
	if (!image)
		usage();
	fs.report = ls || cat || metadata ? stderr : stdout;

	int fd = open(image, replay ? O_RDWR : O_RDONLY);
	if (fd < 0)
		unusable("%s: %s", image, strerror(errno));
	load(image, fd);
	check_super();
	fs.owner = xcalloc(fs.sb.nblocks, sizeof(*fs.owner));
	fs.meta = xcalloc(fs.sb.nblocks, 1);
	fs.ino = xcalloc((size_t)fs.sb.ninode_blocks * CLANFS_INODES_PER_BLOCK, sizeof(*fs.ino));
	replay_log(fd, replay);
	close(fd);
	fsck_check();

	if (fs.problems)
		fprintf(fs.report, "fsck: %d problems\n", fs.problems);
	else
		fprintf(fs.report, "fsck: clean: %u files, %u directories, %u blocks used\n",
			fs.nfiles, fs.ndirs, fs.used_blocks);
	status = fs.problems ? 1 : 0;

	if (ls && fs.ino[CLANFS_ROOT_INUM].path) {
		const struct clanfs_dinode *root = fsck_inode(CLANFS_ROOT_INUM);
		printf("/ d %llu %u %02o -\n", (unsigned long long)root->size, root->uid,
		       root->mode);
		list(CLANFS_ROOT_INUM);
	}
	if (cat) {
		uint32_t inum = lookup(cat);
		if (!inum || fs.ino[inum].state != I_FILE) {
			fprintf(stderr, "fsck: %s: %s\n", cat, inum ? "not a file" : "not found");
			status = status ? status : 1;
		} else {
			contents(fsck_inode(inum), stdout);
		}
	}
	if (metadata)
		for (uint32_t b = 0; b < fs.sb.nblocks; b++)
			if (fs.meta[b])
				printf("%u\n", b);
	if (fflush(stdout) != 0)
		status = 2;
	return status;
}
#endif
