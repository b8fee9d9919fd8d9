#if LAB >= 5
/*
 * Inside the file system: the mounted disk, in-memory inodes, the block
 * bitmap and the mapping of file offsets to blocks. Private to fs/.
 *
 * An inode in memory (struct inode) is shared by everyone who uses it: iget
 * takes a reference, iput drops it. ilock reads the on-disk inode the first
 * time (checking its checksum and every field) and locks it; the copy in
 * memory is then the truth, and iupdate writes it back inside an operation.
 */
#ifndef FS_INODE_H
#define FS_INODE_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/clanfs.h"
#include "sync/mutex.h"

struct blkdev;
struct buf;

/* The mounted file system; fixed between fs_mount and fs_unmount. */
struct fsys {
	struct blkdev *dev;
	struct clanfs_super sb;
	bool mounted;
	struct mutex ns_lock; /* serializes the calls that change names (fs/fsops.c) */
};
extern struct fsys fsys;

/* Seconds since 1970, for mtime and ctime: the CMOS clock (dev/rtc.c). */
uint64_t fs_now(void);

#define NINODE 256 /* inodes in memory at once */

struct inode {
	uint32_t inum; /* guarded by the table's spinlock, with ref */
	int ref;
	struct mutex lock; /* guards everything below */
	bool valid;        /* d was read from the disk */
	struct clanfs_dinode d;
};

/* Empty the inode table (at mount); -EBUSY if an inode is still referenced. */
int inode_table_reset(void);

/* The in-memory inode inum with a reference, not locked, not read: NULL when the table is
 * full (the caller returns -ENFILE-like -ENOMEM). */
struct inode *iget(uint32_t inum);

/* Another reference to ip. */
struct inode *idup(struct inode *ip);

/* Lock ip, reading and checking its on-disk inode the first time: 0, or -EUCLEAN (bad
 * checksum, type, mode, size, block number: printed), -EIO. On error ip is not locked. */
int ilock(struct inode *ip);
void iunlock(struct inode *ip);

/* Drop a reference. The last reference to an inode no directory names (nlink 0) frees its
 * blocks and the inode, in operations of its own: never call it inside an operation with
 * such an inode. May sleep. */
void iput(struct inode *ip);

/* Write ip's copy (locked) to its inode block, with a fresh checksum; inside an operation.
 * 0 or -EIO. */
int iupdate(struct inode *ip);

/* A new inode of type and mode owned by uid, nlink 1, in the disk's inode table, with a
 * reference, unlocked: inside an operation (1 block). NULL-free: 0 and *out, or -ENOSPC,
 * -EIO, -ENOMEM. A free inode that is not all zeros is reported and skipped. */
int ialloc(uint16_t type, uint16_t mode, uint32_t uid, struct inode **out);

/* Free inodes, counted from the inode table (inode 0 not counted). */
int64_t icount_free(void);

/* At mount: free every inode that is in use but has no links (nlink 0). Unlink removes the
 * name in one transaction and frees the blocks in later ones, so a crash between them leaves
 * such an orphan; nothing else does. Returns how many were freed, or a negative errno. */
int ifree_orphans(void);

/* The dinode's checksum as stored: crc32 with the checksum field 0. */
uint32_t dinode_checksum(const struct clanfs_dinode *d);

/* Block allocation (fs/balloc.c), inside an operation. balloc: a zeroed block marked in
 * use: 0 and *out, -ENOSPC, -EIO. bfree: mark it free. */
int balloc(uint32_t *out);
int bfree(uint32_t blockno);
/* Free blocks, counted from the bitmap. */
int64_t bcount_free(void);

/* Whether blockno may hold data: inside [data_start, nblocks). */
bool block_ok(uint32_t blockno);

/* Contents (fs/bmap.c), ip locked. readi: bytes read (short at the end), or -EIO/-EUCLEAN.
 * writei: inside an operation that reserved writei_blocks(n) blocks; bytes written, or an
 * error if none could be. */
int64_t readi(struct inode *ip, void *dst, uint64_t off, uint64_t n);
int64_t writei(struct inode *ip, const void *src, uint64_t off, uint64_t n);
/* Blocks an operation must reserve to write n bytes at off (data, pointers, bitmap, inode). */
int writei_blocks(uint64_t off, uint64_t n);
/* The disk block holding byte offset blk * CLANFS_BLOCK_SIZE: 0 and *out (0 for a hole
 * when !alloc), or an error. With alloc, a hole gets a new zeroed block. */
int bmap(struct inode *ip, uint64_t blk, bool alloc, uint32_t *out);
/* Free ip's blocks from the end, at most max data blocks (with the pointer blocks that
 * empty), setting size to what is left; inside an operation of itrunc_blocks(max) blocks.
 * Returns 1 when the file is empty, 0 when more is left, or an error. */
int itrunc_step(struct inode *ip, uint64_t max);
int itrunc_blocks(uint64_t max);
/* The largest max whose itrunc_blocks fits the log. */
uint64_t itrunc_step_size(void);
/* Data and pointer blocks ip holds. */
int64_t iblocks(struct inode *ip);

#endif
#endif
