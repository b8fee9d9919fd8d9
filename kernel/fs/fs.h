#if LAB >= 5
/*
 * The file system as the rest of the kernel sees it: paths in, errors out.
 * Every call that changes the disk is one transaction of the redo log
 * (fs/log.c), committed before the call returns, so after a crash the file
 * system holds every call that returned and nothing half-done. A large
 * fs_write is several transactions: each whole one survives.
 *
 * Paths are absolute ("/etc/passwd"); a relative path is taken from "/".
 * Permission checks use the caller's credential (fs/cred.h). Damaged
 * metadata found at run time is reported ("clanfs: inode 12: bad checksum")
 * and the call fails with -EUCLEAN; nothing panics on what a disk holds.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/cred.h"

struct blkdev;
struct inode; /* the in-memory inode: fs/inode.h, private to fs/ */

/* fs_open flags. */
#define FS_O_READ 0x1
#define FS_O_WRITE 0x2
#define FS_O_CREATE 0x4 /* create a file if the path names nothing */
#define FS_O_EXCL 0x8   /* with FS_O_CREATE: -EEXIST if it exists */
#define FS_O_TRUNC 0x10 /* with FS_O_WRITE: make it empty */
#if LAB >= 6
#define FS_O_EXEC 0x20 /* the caller needs execute permission (X) too: exec opens images so */
#endif

struct fs_stat {
	uint32_t inum;
	uint16_t type; /* CLANFS_T_FILE or CLANFS_T_DIR */
	uint16_t mode; /* CLANFS_MODE_* bits */
	uint32_t uid;
	uint32_t nlink;
	uint64_t size;
	uint64_t blocks; /* data and indirect blocks it holds */
	uint64_t mtime, ctime;
};

struct fs_statfs {
	char dev[8]; /* the disk's name */
	uint32_t block_size;
	uint64_t nblocks, free_blocks;
	uint64_t ninodes, free_inodes;
	uint64_t commits; /* transactions committed since mount */
};

/* One directory entry from fs_readdir. */
struct fs_dirent {
	uint32_t inum;
	char name[60];
};

/* At boot, after the block drivers: mount the disk bootarg root= names ("vblk0", "ata1",
 * "none"), by default the first virtio disk, else ata1. Prints what it mounted or why not;
 * never panics. Then loads the users. */
void fs_init(void);

/* Mount dev: check the superblock and the layout against the disk, replay a committed log.
 * 0, or -EUCLEAN with the reason printed ("clanfs: vblk0: bad magic"). -EBUSY if mounted. */
int fs_mount(struct blkdev *dev);

/* Write everything back and forget the disk (tests remount with it). */
int fs_unmount(void);

bool fs_mounted(void);

/* Open path for flags, checking permission; *out holds a reference until fs_close.
 * mode: the new file's mode with FS_O_CREATE. -ENOENT, -EACCES, -EISDIR (write to a
 * directory), -ENOTDIR, -EEXIST, -ENAMETOOLONG, -ENOSPC, -EUCLEAN, -EIO, -ENODEV (unmounted). */
int fs_open(const struct cred *c, const char *path, int flags, int mode, struct inode **out);
void fs_close(struct inode *ip);

/* Read or write at off; bytes done (short at end of file), or a negative errno. A write
 * beyond the end extends the file; -EFBIG past the largest file, -ENOSPC when full
 * (after writing what fitted). */
int64_t fs_read(struct inode *ip, void *buf, uint64_t off, uint64_t n);
int64_t fs_write(struct inode *ip, const void *buf, uint64_t off, uint64_t n);

int fs_fstat(struct inode *ip, struct fs_stat *st);
int fs_stat(const struct cred *c, const char *path, struct fs_stat *st);

/* Entries of an opened directory, one per call: 1 with *out filled, 0 at the end. *cookie
 * starts at 0. */
int fs_readdir(struct inode *dir, uint64_t *cookie, struct fs_dirent *out);

int fs_mkdir(const struct cred *c, const char *path, int mode);
/* Remove a file or an empty directory (-ENOTEMPTY otherwise). */
int fs_unlink(const struct cred *c, const char *path);
/* Move from to to, atomically replacing a file (or empty directory) at to. -EINVAL when
 * moving a directory into itself. */
int fs_rename(const struct cred *c, const char *from, const char *to);
/* Change the mode: the owner or root only (-EPERM). */
int fs_chmod(const struct cred *c, const char *path, int mode);

#if LAB >= 6
/* Called with the inode number after every fs_write to it, and with 0 at each mount (every
 * number may now name another file): exec forgets the images it verified. NULL: nobody
 * listens (the host tests). */
extern void (*fs_written_hook)(uint32_t inum);
#endif

int fs_sync(void);
int fs_statfs(struct fs_statfs *out);

#endif
#endif
