#if LAB >= 5
/*
 * The gate's "storage" check, on the mounted file system: a 300 KiB file
 * (past the direct blocks into an indirect block) is written, the file
 * system unmounted and mounted again so the bytes must come back from the
 * disk rather than the cache, read and compared; renamed and removed, after
 * which every block it held is free again; and a guest may not create a
 * file in the root directory.
 */
#include "gate/gate.h"
#include "dev/blk.h"
#include "dev/console.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/string.h"
#include "mm/slab.h"

#define FILE_BYTES (300 * 1024)
#define PATH "/gate-storage"
#define MOVED "/gate-storage-moved"

static bool
failed(const char *what, int err)
{
	if (err)
		printf("gate: storage: %s: %s\n", what, errno_text(err));
	else
		printf("gate: storage: %s\n", what);
	return false;
}

/* Byte i of the file: varies with the block and the offset in it, so a block read from the
 * wrong place does not compare equal. */
static uint8_t
pattern(uint64_t i)
{
	return (uint8_t)(i * 7 + (i >> 12) * 13 + 1);
}

static bool
write_file(uint8_t *buf)
{
	struct inode *ip;
	int r = fs_open(&cred_root, PATH, FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC, 064, &ip);
	if (r < 0)
		return failed("create " PATH, r);
	for (uint64_t i = 0; i < FILE_BYTES; i++)
		buf[i] = pattern(i);
	int64_t n = fs_write(ip, buf, 0, FILE_BYTES);
	fs_close(ip);
	if (n != FILE_BYTES)
		return failed("write " PATH, n < 0 ? (int)n : 0);
	return true;
}

/* Unmount and mount again: nothing of the file can come from the cache after this. */
static bool
remount(void)
{
	struct fs_statfs sf;
	int r = fs_statfs(&sf);
	struct blkdev *dev = r < 0 ? NULL : blk_find(sf.dev);

	if (!dev)
		return failed("the mounted disk is not registered", r);
	if ((r = fs_unmount()) < 0)
		return failed("unmount", r);
	if ((r = fs_mount(dev)) < 0)
		return failed("mount again", r);
	return true;
}

static bool
read_back(uint8_t *buf, bool break_it)
{
	struct inode *ip;
	int r = fs_open(&cred_root, PATH, FS_O_READ, 0, &ip);
	if (r < 0)
		return failed("open " PATH " after remounting", r);
	memset(buf, 0, FILE_BYTES);
	int64_t n = fs_read(ip, buf, 0, FILE_BYTES);
	fs_close(ip);
	if (n != FILE_BYTES)
		return failed("read " PATH " after remounting", n < 0 ? (int)n : 0);
	if (break_it)
		buf[FILE_BYTES / 2] ^= 1;
	for (uint64_t i = 0; i < FILE_BYTES; i++) {
		if (buf[i] != pattern(i)) {
			printf("gate: storage: byte %lu read back from the disk is 0x%02x, wrote "
			       "0x%02x\n",
			       i, buf[i], pattern(i));
			return false;
		}
	}
	return true;
}

static bool
remove_file(uint64_t free_before)
{
	int r = fs_rename(&cred_root, PATH, MOVED);
	if (r < 0)
		return failed("rename " PATH " to " MOVED, r);
	if ((r = fs_stat(&cred_root, PATH, &(struct fs_stat){ 0 })) != -ENOENT)
		return failed(PATH " is still there after the rename", 0);
	if ((r = fs_unlink(&cred_root, MOVED)) < 0)
		return failed("remove " MOVED, r);
	struct fs_statfs sf;
	if ((r = fs_statfs(&sf)) < 0)
		return failed("statfs", r);
	if (sf.free_blocks != free_before) {
		printf("gate: storage: %lu blocks free after removing the file, %lu before it\n",
		       sf.free_blocks, free_before);
		return false;
	}
	return true;
}

static bool
guest_denied(void)
{
	struct cred guest = { .uid = 65534, .role = ROLE_GUEST, .name = "guest" };
	struct inode *ip;
	int r = fs_open(&guest, "/gate-guest", FS_O_WRITE | FS_O_CREATE, 066, &ip);

	if (r >= 0) {
		fs_close(ip);
		fs_unlink(&cred_root, "/gate-guest");
		return failed("a guest created a file in /", 0);
	}
	if (r != -EACCES)
		return failed("a guest creating a file in / got the wrong error", r);
	return true;
}

bool
gate_check_storage(bool break_it)
{
	struct fs_statfs sf;

	if (!fs_mounted())
		return failed("no file system is mounted", 0);
	int r = fs_statfs(&sf);
	if (r < 0)
		return failed("statfs", r);
	uint8_t *buf = kmalloc(FILE_BYTES);
	if (!buf)
		return failed("no memory for the test file", -ENOMEM);
	bool ok = write_file(buf) && remount() && read_back(buf, break_it) &&
		  remove_file(sf.free_blocks) && guest_denied();
	kfree(buf);
	return ok;
}
#endif
