#if LAB >= 5
/*
 * The whole file-system core (fs/) on the host, against an image file in
 * /tmp that each test makes with mkimage() below (a minimal mkfs: root
 * directory only). The disk is kernel/test/host_blk.c; the cache gets
 * malloc'd frames. Checked: small and multi-MiB files through the direct,
 * indirect and double-indirect blocks, 1000 entries in one directory,
 * unlink and rename semantics, permissions per role, a full disk and every
 * block back after freeing, remount, log replay after a crash between the
 * commit point and the install, a torn header discarded, and damaged
 * metadata (inode, directory block, superblock, truncated disk) refused
 * with an error instead of a crash.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test/host_names.h"
#include "dev/blk.h"
#include "fs/bcache.h"
#include "fs/clanfs.h"
#include "fs/fs.h"
#include "lib/crc32.h"
#include "lib/errno.h"
#include "test/host_fs.h"

#define BS CLANFS_BLOCK_SIZE

const struct cred cred_root = { 0, ROLE_ROOT, "root" };
static const struct cred alice = { 1000, ROLE_USER, "alice" };
static const struct cred bob = { 1001, ROLE_USER, "bob" };
static const struct cred admin = { 10, ROLE_ADMIN, "admin" };
static const struct cred guest = { 2000, ROLE_GUEST, "guest" };
#define ROOT (&cred_root)

static char image[64];
static int fd = -1;
static struct blkdev *dev;
static struct clanfs_super sb;

static void
put_block(uint32_t b, const void *data)
{
	cr_assert_eq(pwrite(fd, data, BS, (off_t)b * BS), BS);
}

static void
get_block(uint32_t b, void *data)
{
	cr_assert_eq(pread(fd, data, BS, (off_t)b * BS), BS);
}

/* Write a fresh file system of nblocks blocks, ninodes inodes, a log of nlog blocks. */
static void
mkimage(uint32_t nblocks, uint32_t ninodes, uint32_t nlog)
{
	static uint8_t blk[BS];

	strcpy(image, "/tmp/clanfs-test-XXXXXX");
	fd = mkstemp(image);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, (off_t)nblocks * BS), 0);
	sb = (struct clanfs_super){ .magic = CLANFS_MAGIC,
				    .version = CLANFS_VERSION,
				    .block_size = BS,
				    .nblocks = nblocks,
				    .ninodes = ninodes,
				    .log_start = 1,
				    .nlog = nlog,
				    .root_inum = CLANFS_ROOT_INUM,
				    .created = 1700000000 };
	sb.inode_start = sb.log_start + nlog;
	sb.ninode_blocks = (ninodes + CLANFS_INODES_PER_BLOCK - 1) / CLANFS_INODES_PER_BLOCK;
	sb.bmap_start = sb.inode_start + sb.ninode_blocks;
	sb.nbmap_blocks = (nblocks + BS * 8 - 1) / (BS * 8);
	sb.data_start = sb.bmap_start + sb.nbmap_blocks;
	sb.checksum = crc32(0, &sb, sizeof(sb));
	memset(blk, 0, BS);
	memcpy(blk, &sb, sizeof(sb));
	put_block(0, blk);
	/* Bitmap: everything below data_start, and the root's block. */
	for (uint32_t bi = 0; bi < sb.nbmap_blocks; bi++) {
		memset(blk, 0, BS);
		for (uint32_t i = 0; i < BS * 8; i++) {
			uint32_t b = bi * BS * 8 + i;
			if (b <= sb.data_start)
				blk[i / 8] |= 1 << (i % 8);
		}
		put_block(sb.bmap_start + bi, blk);
	}
	/* The root: inode 1, one empty directory block. */
	memset(blk, 0, BS);
	struct clanfs_dinode *d = (struct clanfs_dinode *)blk + CLANFS_ROOT_INUM;
	d->type = CLANFS_T_DIR;
	d->mode = 075;
	d->nlink = 1;
	d->size = BS;
	d->direct[0] = sb.data_start;
	d->checksum = crc32(0, d, sizeof(*d));
	put_block(sb.inode_start, blk);
	memset(blk, 0, BS);
	struct clanfs_dirtail *t = (struct clanfs_dirtail *)(blk + BS - sizeof(*t));
	t->magic = CLANFS_DIRTAIL_MAGIC;
	t->inum = t->parent = CLANFS_ROOT_INUM;
	t->checksum = crc32(0, blk, BS);
	put_block(sb.data_start, blk);
	dev = host_blk_attach(fd, (uint64_t)nblocks * BS);
}

static void
setup(void)
{
	cr_assert_gt(bcache_init(1024, host_frame), 0);
	mkimage(4096, 256, 300); /* 16 MiB */
	cr_assert_eq(fs_mount(dev), 0);
}

static void
teardown(void)
{
	if (fs_mounted())
		fs_unmount();
	close(fd);
	unlink(image);
}

static void
remount(void)
{
	cr_assert_eq(fs_unmount(), 0);
	cr_assert_eq(fs_mount(dev), 0);
}

/* Write n bytes of pattern seed to path (created, truncated). */
static void
write_file(const char *path, uint64_t n, int seed)
{
	struct inode *ip;
	uint8_t *buf = malloc(n + 1);

	for (uint64_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 7 + seed + i / 4096);
	cr_assert_eq(fs_open(ROOT, path, FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC, 064, &ip), 0);
	cr_assert_eq(fs_write(ip, buf, 0, n), (int64_t)n);
	fs_close(ip);
	free(buf);
}

static void
check_file(const char *path, uint64_t n, int seed)
{
	struct inode *ip;
	uint8_t *buf = malloc(n + 16);

	cr_assert_eq(fs_open(ROOT, path, FS_O_READ, 0, &ip), 0, "open %s", path);
	cr_assert_eq(fs_read(ip, buf, 0, n + 16), (int64_t)n);
	for (uint64_t i = 0; i < n; i++)
		if (buf[i] != (uint8_t)(i * 7 + seed + i / 4096))
			cr_assert_fail("%s byte %llu differs", path, (unsigned long long)i);
	fs_close(ip);
	free(buf);
}

static uint64_t
free_blocks(void)
{
	struct fs_statfs st;

	cr_assert_eq(fs_statfs(&st), 0);
	return st.free_blocks;
}

TestSuite(fs, .init = setup, .fini = teardown);

Test(fs, small_file_round_trip)
{
	struct inode *ip;
	struct fs_stat st;
	char buf[32] = { 0 };

	cr_assert_eq(fs_open(ROOT, "/hello", FS_O_WRITE | FS_O_CREATE, 064, &ip), 0);
	cr_assert_eq(fs_write(ip, "hello, disk", 0, 11), 11);
	cr_assert_eq(fs_write(ip, "D", 7, 1), 1);
	fs_close(ip);
	cr_assert_eq(fs_stat(ROOT, "/hello", &st), 0);
	cr_assert_eq(st.size, 11);
	cr_assert_eq(st.type, CLANFS_T_FILE);
	cr_assert_eq(st.mode, 064);
	cr_assert_eq(st.blocks, 1);
	remount();
	cr_assert_eq(fs_open(ROOT, "hello", FS_O_READ, 0, &ip), 0);
	cr_assert_eq(fs_read(ip, buf, 0, sizeof(buf)), 11);
	cr_assert_str_eq(buf, "hello, Disk");
	cr_assert_eq(fs_read(ip, buf, 11, 5), 0);
	fs_close(ip);
	cr_assert_eq(fs_open(ROOT, "/hello", FS_O_WRITE | FS_O_CREATE | FS_O_EXCL, 064, &ip),
		     -EEXIST);
	cr_assert_eq(fs_open(ROOT, "/nothing", FS_O_READ, 0, &ip), -ENOENT);
	cr_assert_eq(fs_open(ROOT, "/hello/x", FS_O_READ, 0, &ip), -ENOTDIR);
	cr_assert_eq(fs_open(ROOT, "/", FS_O_WRITE, 0, &ip), -EISDIR);
}

Test(fs, big_files_use_indirect_and_double_indirect_blocks)
{
	uint64_t before = free_blocks();
	struct fs_stat st;

	write_file("/a", 40 * 1024, 1);             /* direct + indirect */
	write_file("/b", 6 * 1024 * 1024 + 123, 2); /* double indirect */
	cr_assert_eq(fs_stat(ROOT, "/b", &st), 0);
	uint64_t data = (6 * 1024 * 1024 + 123 + BS - 1) / BS;
	cr_assert_eq(st.blocks, data + 2 + (data - 12 - 1024 + 1023) / 1024);
	remount();
	check_file("/a", 40 * 1024, 1);
	check_file("/b", 6 * 1024 * 1024 + 123, 2);
	cr_assert_eq(fs_unlink(ROOT, "/a"), 0);
	cr_assert_eq(fs_unlink(ROOT, "/b"), 0);
	cr_assert_eq(free_blocks(), before);
}

Test(fs, sparse_write_reads_zeros)
{
	struct inode *ip;
	uint8_t buf[100];

	cr_assert_eq(fs_open(ROOT, "/sparse", FS_O_WRITE | FS_O_READ | FS_O_CREATE, 066, &ip), 0);
	cr_assert_eq(fs_write(ip, "end", 5000000, 3), 3);
	cr_assert_eq(fs_read(ip, buf, 4999950, 100), 53);
	for (int i = 0; i < 50; i++)
		cr_assert_eq(buf[i], 0);
	cr_assert_eq(memcmp(buf + 50, "end", 3), 0);
	fs_close(ip);
	cr_assert_eq(fs_unlink(ROOT, "/sparse"), 0);
}

Test(fs, thousand_directory_entries)
{
	char path[64];
	struct inode *dp, *ip;
	struct fs_dirent de;
	uint64_t cookie = 0;
	int n = 0;
	static bool seen[1000];

	mkimage(4096, 1200, 300);
	cr_assert_eq(fs_unmount(), 0);
	cr_assert_eq(fs_mount(dev), 0);
	cr_assert_eq(fs_mkdir(ROOT, "/d", 075), 0);
	for (int i = 0; i < 1000; i++) {
		snprintf(path, sizeof(path), "/d/file-%04d", i);
		cr_assert_eq(fs_open(ROOT, path, FS_O_WRITE | FS_O_CREATE, 064, &ip), 0, "%s",
			     path);
		fs_close(ip);
	}
	remount();
	cr_assert_eq(fs_open(ROOT, "/d", FS_O_READ, 0, &dp), 0);
	while (fs_readdir(dp, &cookie, &de) == 1) {
		int k = atoi(de.name + 5);
		cr_assert(!seen[k]);
		seen[k] = true;
		n++;
	}
	fs_close(dp);
	cr_assert_eq(n, 1000);
	cr_assert_eq(fs_unlink(ROOT, "/d"), -ENOTEMPTY);
	for (int i = 0; i < 1000; i += 2) {
		snprintf(path, sizeof(path), "/d/file-%04d", i);
		cr_assert_eq(fs_unlink(ROOT, path), 0);
	}
	cr_assert_eq(fs_stat(ROOT, "/d/file-0999", &(struct fs_stat){ 0 }), 0);
	cr_assert_eq(fs_stat(ROOT, "/d/file-0998", &(struct fs_stat){ 0 }), -ENOENT);
}

Test(fs, rename_replaces_moves_and_refuses_own_subtree)
{
	struct fs_stat st;

	write_file("/x", 100, 1);
	write_file("/y", 200, 2);
	cr_assert_eq(fs_rename(ROOT, "/x", "/y"), 0);
	cr_assert_eq(fs_stat(ROOT, "/x", &st), -ENOENT);
	check_file("/y", 100, 1);
	cr_assert_eq(fs_mkdir(ROOT, "/p", 075), 0);
	cr_assert_eq(fs_mkdir(ROOT, "/p/q", 075), 0);
	cr_assert_eq(fs_mkdir(ROOT, "/r", 075), 0);
	cr_assert_eq(fs_rename(ROOT, "/y", "/p/q/z"), 0);
	check_file("/p/q/z", 100, 1);
	cr_assert_eq(fs_rename(ROOT, "/p", "/p/q/inside"), -EINVAL);
	cr_assert_eq(fs_rename(ROOT, "/p", "/p"), 0);
	cr_assert_eq(fs_rename(ROOT, "/p/q", "/r/q2"), 0);
	check_file("/r/q2/z", 100, 1);
	check_file("/p/../r/q2/../q2/z", 100, 1);
	cr_assert_eq(fs_rename(ROOT, "/p", "/r"), -ENOTEMPTY);
	cr_assert_eq(fs_rename(ROOT, "/p", "/r/q2/z"), -ENOTDIR);
	remount();
	check_file("/r/q2/z", 100, 1);
	cr_assert_eq(fs_unlink(ROOT, "/r/q2/z"), 0);
	cr_assert_eq(fs_unlink(ROOT, "/r/q2"), 0);
	cr_assert_eq(fs_unlink(ROOT, "/"), -EINVAL);
}

Test(fs, unlink_of_an_open_file_frees_at_close)
{
	struct inode *ip;
	char buf[8];
	uint64_t before = free_blocks();

	write_file("/open", 50000, 3);
	cr_assert_eq(fs_open(ROOT, "/open", FS_O_READ, 0, &ip), 0);
	cr_assert_eq(fs_unlink(ROOT, "/open"), 0);
	cr_assert_eq(fs_read(ip, buf, 0, 4), 4);
	cr_assert_lt(free_blocks(), before);
	fs_close(ip);
	cr_assert_eq(free_blocks(), before);
}

Test(fs, permissions_by_role)
{
	struct inode *ip;

	cr_assert_eq(fs_mkdir(ROOT, "/home", 075), 0);
	cr_assert_eq(fs_open(&alice, "/home/a", FS_O_WRITE | FS_O_CREATE, 060, &ip), -EACCES);
	cr_assert_eq(fs_chmod(ROOT, "/home", 077), 0);
	cr_assert_eq(fs_open(&alice, "/home/a", FS_O_WRITE | FS_O_CREATE, 060, &ip), 0);
	fs_close(ip);
	cr_assert_eq(fs_open(&bob, "/home/a", FS_O_READ, 0, &ip), -EACCES);
	cr_assert_eq(fs_open(&admin, "/home/a", FS_O_READ, 0, &ip), 0);
	fs_close(ip);
	cr_assert_eq(fs_open(&admin, "/home/a", FS_O_WRITE, 0, &ip), -EACCES);
	cr_assert_eq(fs_chmod(&bob, "/home/a", 066), -EPERM);
	cr_assert_eq(fs_chmod(&alice, "/home/a", 064), 0);
	cr_assert_eq(fs_open(&bob, "/home/a", FS_O_READ, 0, &ip), 0);
	fs_close(ip);
	cr_assert_eq(fs_open(&guest, "/home/a", FS_O_READ, 0, &ip), 0);
	fs_close(ip);
	cr_assert_eq(fs_chmod(&alice, "/home/a", 066), 0);
	cr_assert_eq(fs_open(&guest, "/home/a", FS_O_WRITE, 0, &ip), -EACCES);
	cr_assert_eq(fs_open(&guest, "/home/g", FS_O_WRITE | FS_O_CREATE, 066, &ip), -EACCES);
	cr_assert_eq(fs_mkdir(&guest, "/home/gd", 077), -EACCES);
	cr_assert_eq(fs_unlink(&guest, "/home/a"), -EACCES);
	cr_assert_eq(fs_open(&bob, "/home/a", FS_O_WRITE, 0, &ip), 0);
	fs_close(ip);
	/* Search needs X on each directory, except for admin. */
	cr_assert_eq(fs_chmod(ROOT, "/home", 070), 0);
	cr_assert_eq(fs_stat(&bob, "/home/a", &(struct fs_stat){ 0 }), -EACCES);
	cr_assert_eq(fs_stat(&admin, "/home/a", &(struct fs_stat){ 0 }), 0);
	cr_assert_eq(fs_unlink(&bob, "/home/a"), -EACCES);
	cr_assert_eq(fs_unlink(ROOT, "/home/a"), 0);
}

Test(fs, full_disk_gives_enospc_and_freeing_returns_every_block)
{
	struct inode *ip;
	char path[32];
	static uint8_t buf[1 << 20];
	uint64_t before = free_blocks();
	int64_t r = 0, total = 0;
	int nfiles = 0;

	memset(buf, 0x5a, sizeof(buf));
	for (nfiles = 0; nfiles < 100 && r >= 0; nfiles++) {
		snprintf(path, sizeof(path), "/fill%d", nfiles);
		cr_assert_eq(fs_open(ROOT, path, FS_O_WRITE | FS_O_CREATE, 064, &ip), 0);
		uint64_t off = 0;
		while ((r = fs_write(ip, buf, off, sizeof(buf))) == (int64_t)sizeof(buf))
			off += (uint64_t)r;
		if (r > 0) {
			off += (uint64_t)r;
			r = fs_write(ip, buf, off, sizeof(buf));
		}
		total += (int64_t)off;
		fs_close(ip);
	}
	cr_assert_eq(r, -ENOSPC);
	cr_assert_eq(free_blocks(), 0);
	cr_assert_gt(total, 15 * 1024 * 1024 - 2 * 1024 * 1024);
	remount();
	for (int i = 0; i < nfiles; i++) {
		snprintf(path, sizeof(path), "/fill%d", i);
		cr_assert_eq(fs_unlink(ROOT, path), 0);
	}
	cr_assert_eq(free_blocks(), before);
	remount();
	cr_assert_eq(free_blocks(), before);
	struct fs_statfs st;
	cr_assert_eq(fs_statfs(&st), 0);
	cr_assert_eq(st.free_inodes, 256 - 2);
}

Test(fs, truncate_on_open)
{
	struct inode *ip;
	struct fs_stat st;
	uint64_t before = free_blocks();

	write_file("/t", 3 * 1024 * 1024, 4);
	cr_assert_eq(fs_open(ROOT, "/t", FS_O_WRITE | FS_O_TRUNC, 0, &ip), 0);
	cr_assert_eq(fs_fstat(ip, &st), 0);
	cr_assert_eq(st.size, 0);
	cr_assert_eq(st.blocks, 0);
	fs_close(ip);
	cr_assert_eq(free_blocks(), before);
}

/* How many writes one commit of a small transaction makes: log blocks, header, home
 * blocks, header. */
Test(fs, log_replay_after_a_crash_before_install)
{
	struct inode *ip;

	write_file("/keep", 1000, 5);
	cr_assert_eq(fs_open(ROOT, "/keep", FS_O_WRITE, 0, &ip), 0);
	/* Overwrite one block: 2 blocks logged (data, inode). Let the log blocks and the
	 * header through, drop the install. */
	blk_lose_writes_after(dev, 3);
	uint8_t buf[1000];
	for (int i = 0; i < 1000; i++)
		buf[i] = (uint8_t)(i * 7 + 6 + i / 4096);
	cr_assert_eq(fs_write(ip, buf, 0, 1000), 1000);
	fs_close(ip);
	cr_assert_eq(fs_unmount(), 0);
	blk_lose_writes_after(dev, -1);
	/* The home block still holds the old data. */
	cr_assert_eq(fs_mount(dev), 0); /* replays */
	check_file("/keep", 1000, 6);
	remount();
	check_file("/keep", 1000, 6);
}

Test(fs, torn_header_is_discarded)
{
	struct inode *ip;
	uint8_t blk[BS];

	write_file("/keep", 1000, 5);
	cr_assert_eq(fs_open(ROOT, "/keep", FS_O_WRITE, 0, &ip), 0);
	uint8_t buf[1000];
	for (int i = 0; i < 1000; i++)
		buf[i] = (uint8_t)(i * 7 + 6 + i / 4096);
	blk_lose_writes_after(dev, 3);
	cr_assert_eq(fs_write(ip, buf, 0, 1000), 1000);
	fs_close(ip);
	cr_assert_eq(fs_unmount(), 0);
	blk_lose_writes_after(dev, -1);
	/* Damage a logged block: the header's checksum no longer matches. */
	get_block(sb.log_start + 1, blk);
	blk[100] ^= 1;
	put_block(sb.log_start + 1, blk);
	cr_assert_eq(fs_mount(dev), 0);
	check_file("/keep", 1000, 5);
	/* A header with a bad magic too. */
	cr_assert_eq(fs_unmount(), 0);
	memset(blk, 0x77, BS);
	put_block(sb.log_start, blk);
	cr_assert_eq(fs_mount(dev), 0);
	check_file("/keep", 1000, 5);
}

Test(fs, crash_before_the_header_loses_only_that_call)
{
	struct inode *ip;

	write_file("/keep", 1000, 5);
	cr_assert_eq(fs_open(ROOT, "/keep", FS_O_WRITE, 0, &ip), 0);
	blk_lose_writes_after(dev, 1); /* one log block, then nothing */
	cr_assert_eq(fs_write(ip, "zzzz", 0, 4), 4);
	fs_close(ip);
	cr_assert_eq(fs_unmount(), 0);
	blk_lose_writes_after(dev, -1);
	cr_assert_eq(fs_mount(dev), 0);
	check_file("/keep", 1000, 5);
}

/* Flip one bit of block b at byte off. */
static void
flip(uint32_t b, int off)
{
	uint8_t blk[BS];

	get_block(b, blk);
	blk[off] ^= 0x10;
	put_block(b, blk);
}

Test(fs, damaged_inode_gives_euclean)
{
	struct inode *ip;

	write_file("/f", 100, 1);
	cr_assert_eq(fs_unmount(), 0);
	/* Inode 2 is /f: its size field. */
	flip(sb.inode_start, 2 * 128 + 16);
	cr_assert_eq(fs_mount(dev), 0);
	cr_assert_eq(fs_open(ROOT, "/f", FS_O_READ, 0, &ip), -EUCLEAN);
	cr_assert_eq(fs_stat(ROOT, "/f", &(struct fs_stat){ 0 }), -EUCLEAN);
}

Test(fs, damaged_directory_block_gives_euclean)
{
	struct inode *ip;

	write_file("/f", 100, 1);
	cr_assert_eq(fs_unmount(), 0);
	flip(sb.data_start, 10);
	cr_assert_eq(fs_mount(dev), 0);
	cr_assert_eq(fs_open(ROOT, "/f", FS_O_READ, 0, &ip), -EUCLEAN);
	cr_assert_eq(fs_open(ROOT, "/g", FS_O_WRITE | FS_O_CREATE, 064, &ip), -EUCLEAN);
}

Test(fs, damaged_superblock_or_short_disk_is_refused)
{
	cr_assert_eq(fs_unmount(), 0);
	flip(0, 20); /* log_start */
	cr_assert_eq(fs_mount(dev), -EUCLEAN);
	flip(0, 20);
	cr_assert_eq(fs_mount(dev), 0);
	cr_assert_eq(fs_unmount(), 0);
	flip(0, 0); /* magic */
	cr_assert_eq(fs_mount(dev), -EUCLEAN);
	flip(0, 0);
	dev = host_blk_attach(fd, 1000 * BS);
	cr_assert_eq(fs_mount(dev), -EUCLEAN);
	dev = host_blk_attach(fd, 4096 * BS);
	cr_assert_eq(fs_mount(dev), 0);
}

Test(fs, damaged_pointer_in_inode_gives_euclean)
{
	struct inode *ip;
	uint8_t blk[BS];

	write_file("/f", 100, 1);
	cr_assert_eq(fs_unmount(), 0);
	get_block(sb.inode_start, blk);
	struct clanfs_dinode *d = (struct clanfs_dinode *)blk + 2;
	d->direct[0] = 3; /* inside the log: not a data block */
	d->checksum = 0;
	d->checksum = crc32(0, d, sizeof(*d));
	put_block(sb.inode_start, blk);
	cr_assert_eq(fs_mount(dev), 0);
	cr_assert_eq(fs_open(ROOT, "/f", FS_O_READ, 0, &ip), -EUCLEAN);
}

Test(fs, names_are_checked)
{
	char longname[80];
	struct inode *ip;

	memset(longname, 'a', sizeof(longname));
	longname[0] = '/';
	longname[79] = 0;
	cr_assert_eq(fs_open(ROOT, longname, FS_O_WRITE | FS_O_CREATE, 064, &ip), -ENAMETOOLONG);
	cr_assert_eq(fs_mkdir(ROOT, "/..", 075), -EINVAL);
	cr_assert_eq(fs_mkdir(ROOT, "/", 075), -EINVAL);
	longname[60] = 0; /* 59 characters: the longest name */
	cr_assert_eq(fs_open(ROOT, longname, FS_O_WRITE | FS_O_CREATE, 064, &ip), 0);
	fs_close(ip);
}
#endif
