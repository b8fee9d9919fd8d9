#if LAB >= 5
/*
 * test=fsatomic: every file-system call is all or nothing across a power
 * loss, at every point of its commit. For a rename between directories and
 * an unlink of a multi-block file, the disk is made to lose power after
 * 0, 1, 2, ... writes of the call (blk_lose_writes_after); the file system
 * is then unmounted, which drops the cache, and mounted again, which
 * replays the log. Each time the file must be whole in exactly one place
 * (or, for unlink, either whole or gone with every block freed). The loop
 * ends at the first k where the call lost no writes: it finished.
 */
#include "ktest/ktest.h"
#include "dev/blk.h"
#include "dev/console.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/string.h"

#define FILE_BYTES (3 * 4096 + 100) /* four blocks */
#define DIR_A "/atom-a"
#define DIR_B "/atom-b"
#define IN_A DIR_A "/x"
#define IN_B DIR_B "/x"
#define MAX_WRITES 64 /* more writes than any of these calls makes */

static struct blkdev *disk;
static uint8_t data[FILE_BYTES], back[FILE_BYTES];

static bool
fail(const char *what, int err)
{
	printf("fsatomic: %s%s%s\n", what, err ? ": " : "", err ? errno_text(err) : "");
	return false;
}

static int
make_file(const char *path)
{
	struct inode *ip;
	int r = fs_open(&cred_root, path, FS_O_WRITE | FS_O_CREATE | FS_O_EXCL, 064, &ip);
	if (r < 0)
		return r;
	int64_t n = fs_write(ip, data, 0, FILE_BYTES);
	fs_close(ip);
	return n == FILE_BYTES ? 0 : n < 0 ? (int)n : -EIO;
}

/* 1 if path holds the whole file, 0 if there is nothing there, -1 if something else is. */
static int
whole_file(const char *path)
{
	struct inode *ip;
	int r = fs_open(&cred_root, path, FS_O_READ, 0, &ip);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return -1;
	memset(back, 0, sizeof(back));
	int64_t n = fs_read(ip, back, 0, FILE_BYTES + 1);
	fs_close(ip);
	return n == FILE_BYTES && memcmp(back, data, FILE_BYTES) == 0 ? 1 : -1;
}

static uint64_t
free_blocks(void)
{
	struct fs_statfs sf;
	return fs_statfs(&sf) == 0 ? sf.free_blocks : 0;
}

/* Lose power after k writes of op(), then unmount and mount: 0, or -EIO if the remount failed;
 * *lost: how many of op's writes were dropped. */
static int
crash_after(int k, int (*op)(void), uint64_t *lost)
{
	blk_lose_writes_after(disk, k);
	op();
	*lost = disk->writes_lost;
	int r = fs_unmount();
	blk_lose_writes_after(disk, -1);
	if (r == 0)
		r = fs_mount(disk);
	return r;
}

static int
rename_a_to_b(void)
{
	return fs_rename(&cred_root, IN_A, IN_B);
}

static int
unlink_b(void)
{
	return fs_unlink(&cred_root, IN_B);
}

/* The rename, crashed at every point: the file is whole in exactly one directory. */
static bool
check_rename(void)
{
	uint64_t lost = 1, free_before = free_blocks();
	int k;

	for (k = 0; lost && k < MAX_WRITES; k++) {
		if (crash_after(k, rename_a_to_b, &lost) < 0)
			return fail("rename: the file system did not mount again", 0);
		int a = whole_file(IN_A), b = whole_file(IN_B);
		if (a < 0 || b < 0 || a + b != 1) {
			printf("fsatomic: rename: power lost after %d writes: %s %s, %s %s\n", k,
			       IN_A,
			       a == 1 ? "whole"
			       : a    ? "damaged"
				      : "absent",
			       IN_B,
			       b == 1 ? "whole"
			       : b    ? "damaged"
				      : "absent");
			return false;
		}
		if (free_blocks() != free_before)
			return fail("rename: the number of free blocks changed", 0);
		if (b == 1 && lost && fs_rename(&cred_root, IN_B, IN_A) < 0)
			return fail("rename: cannot move the file back", 0);
	}
	printf("fsatomic: rename: power lost after each of %d writes: all or nothing\n", k - 1);
	return true;
}

/* The unlink, crashed at every point: the file is whole, or gone with its blocks freed. */
static bool
check_unlink(void)
{
	uint64_t lost = 1, free_with = free_blocks();
	int k;

	for (k = 0; lost && k < MAX_WRITES; k++) {
		if (crash_after(k, unlink_b, &lost) < 0)
			return fail("unlink: the file system did not mount again", 0);
		int b = whole_file(IN_B);
		uint64_t now = free_blocks();
		if (b < 0 || (b == 1 && now != free_with) || (b == 0 && now <= free_with)) {
			printf("fsatomic: unlink: power lost after %d writes: %s %s, %lu blocks "
			       "free "
			       "(%lu with the file)\n",
			       k, IN_B,
			       b == 1 ? "whole"
			       : b    ? "damaged"
				      : "absent",
			       now, free_with);
			return false;
		}
		if (b == 0 && lost && make_file(IN_B) < 0)
			return fail("unlink: cannot make the file again", 0);
	}
	printf("fsatomic: unlink: power lost after each of %d writes: all or nothing\n", k - 1);
	return true;
}

void
ktest_fsatomic(void)
{
	struct fs_statfs sf;

	if (fs_statfs(&sf) < 0 || !(disk = blk_find(sf.dev))) {
		fail("no file system mounted", 0);
		return;
	}
	for (int i = 0; i < FILE_BYTES; i++)
		data[i] = (uint8_t)(i * 7 + i / 4096);
	int r = fs_mkdir(&cred_root, DIR_A, 075);
	if (r == 0)
		r = fs_mkdir(&cred_root, DIR_B, 075);
	if (r == 0)
		r = make_file(IN_A);
	if (r < 0) {
		fail("setting up " IN_A, r);
		return;
	}
	/* check_rename ends with the rename done: the file is in DIR_B for check_unlink. */
	if (check_rename() && check_unlink())
		printf("fsatomic: ok\n");
}
#endif
