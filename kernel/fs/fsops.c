#if LAB >= 5
/*
 * The file-system calls of fs/fs.h, on top of the inodes, directories and
 * log. Each call that changes the disk runs in one operation of the log
 * (fs_write in several of bounded size, truncation in steps), so it has
 * committed when it returns. Calls that change names (create, mkdir,
 * unlink, rename) also hold the namespace mutex: one at a time, they see a
 * tree nobody else is rearranging, which makes rename's "not into its own
 * subtree" check and its several inode locks simple and deadlock-free.
 * Readers (open without create, stat, read, readdir) take no namespace
 * lock and hold one inode lock at a time; opening a cached file reads
 * nothing from the disk and starts no operation.
 *
 * Lock order (outermost first):
 *   fsys.ns_lock (mutex)  ->  log: begin_op (may sleep for room or a commit)
 *   -> inode mutexes (a parent before its child; only calls holding
 *      ns_lock hold two)  ->  buffer mutexes (one at a time)
 *   -> spinlocks: bcache, itable, log (leaves; never held while sleeping).
 * begin_op is never called with an inode lock held, and end_op never with
 * one held (it waits for the commit, which a holder of the same
 * transaction might need to reach). An iput that may free an inode (nlink
 * 0) is made after end_op: freeing runs operations of its own.
 */
#include <stddef.h>

#include "fs/fs.h"
#include "dev/blk.h"
#include "fs/dir.h"
#include "fs/inode.h"
#include "fs/log.h"
#include "lib/errno.h"
#include "lib/string.h"

#define BS CLANFS_BLOCK_SIZE
#define CREATE_BLOCKS (1 + DIR_ADD_BLOCKS) /* the new inode's block, the entry */
#define MKDIR_BLOCKS (CREATE_BLOCKS + 4)   /* and the first block: data, bitmap */
#define UNLINK_BLOCKS 3                    /* the entry's block, two inodes */
#define RENAME_BLOCKS (DIR_ADD_BLOCKS + 4) /* two entries, two inodes, and the tails */

/* Free every block of ip (referenced, unlocked), in steps. */
static int
truncate(struct inode *ip)
{
	uint64_t step = itrunc_step_size();
	int done = 0, err;

	while (done == 0) {
		begin_op(itrunc_blocks(step));
		done = ilock(ip);
		if (done == 0) {
			done = itrunc_step(ip, step);
			iunlock(ip);
		}
		err = end_op();
		if (err < 0 && done >= 0)
			done = err;
	}
	return done < 0 ? done : 0;
}

/* Create name in dp (referenced) as a new inode of type: inside ns_lock. */
static int
create(const struct cred *c, struct inode *dp, const char *name, int type, int mode,
       struct inode **out)
{
	struct inode *ip = NULL;
	uint32_t inum;
	int err;

	begin_op(type == CLANFS_T_DIR ? MKDIR_BLOCKS : CREATE_BLOCKS);
	err = ilock(dp);
	if (err < 0)
		goto out;
	err = perm_check(c, dp, CLANFS_MODE_X);
	if (err == 0)
		err = dir_lookup(dp, name, &inum);
	if (err == 0)
		err = -EEXIST;
	else if (err == -ENOENT)
		err = perm_check(c, dp, CLANFS_MODE_W);
	if (err == 0)
		err = ialloc((uint16_t)type, (uint16_t)mode, c->uid, &ip);
	if (err == 0 && type == CLANFS_T_DIR) {
		err = ilock(ip);
		if (err == 0) {
			err = dir_init(ip, dp->inum);
			iunlock(ip);
		}
	}
	if (err == 0)
		err = dir_add(dp, name, ip->inum);
	if (err < 0 && ip && ilock(ip) == 0) {
		ip->d.nlink = 0; /* named nowhere: the iput below frees it */
		iupdate(ip);
		iunlock(ip);
	}
	iunlock(dp);
out:;
	int cerr = end_op();
	if (err == 0 && cerr < 0)
		err = cerr;
	if (err < 0) {
		if (ip)
			iput(ip);
		return err;
	}
	*out = ip;
	return 0;
}

int
fs_open(const struct cred *c, const char *path, int flags, int mode, struct inode **out)
{
	struct inode *ip, *dp;
	char name[CLANFS_NAME_MAX + 1];
	int err, want = 0;

	if (!fsys.mounted)
		return -ENODEV;
	if (flags & FS_O_CREATE) {
		mutex_lock(&fsys.ns_lock);
		err = namei_parent(c, path, &dp, name);
		if (err == 0) {
			err = create(c, dp, name, CLANFS_T_FILE, mode, &ip);
			if (err == 0) {
				mutex_unlock(&fsys.ns_lock);
				iput(dp);
				*out = ip; /* a new file: its creator may use it as asked */
				return 0;
			}
			if (err == -EEXIST && !(flags & FS_O_EXCL))
				err = namei(c, path, &ip);
			iput(dp);
		}
		mutex_unlock(&fsys.ns_lock);
	} else {
		err = namei(c, path, &ip);
	}
	if (err < 0)
		return err;
	err = ilock(ip);
	if (err < 0) {
		iput(ip);
		return err;
	}
	if (flags & FS_O_READ)
		want |= CLANFS_MODE_R;
	if (flags & FS_O_WRITE)
		want |= CLANFS_MODE_W;
#if LAB >= 6
	if (flags & FS_O_EXEC)
		want |= CLANFS_MODE_X;
#endif
	if (ip->d.type == CLANFS_T_DIR && (flags & FS_O_WRITE))
		err = -EISDIR;
	else
		err = perm_check(c, ip, want);
	bool trunc = err == 0 && (flags & FS_O_TRUNC) && (flags & FS_O_WRITE) && ip->d.size;
	iunlock(ip);
	if (trunc)
		err = truncate(ip);
	if (err < 0) {
		iput(ip);
		return err;
	}
	*out = ip;
	return 0;
}

void
fs_close(struct inode *ip)
{
	iput(ip);
}

int64_t
fs_read(struct inode *ip, void *buf, uint64_t off, uint64_t n)
{
	int err = ilock(ip);

	if (err < 0)
		return err;
	int64_t r = ip->d.type == CLANFS_T_DIR ? -EISDIR : readi(ip, buf, off, n);
	iunlock(ip);
	return r;
}

/* The bytes of a write at off, at most n, that one operation can take. */
static uint64_t
chunk(uint64_t off, uint64_t n)
{
	int cap = log_cap();

	for (uint64_t nblk = (uint64_t)cap; nblk > 0; nblk--) {
		uint64_t k = (off / BS + nblk) * BS - off;
		if (k > n)
			k = n;
		if (writei_blocks(off, k) <= cap)
			return k;
	}
	return 0;
}

#if LAB >= 6
void (*fs_written_hook)(uint32_t inum);
#endif

int64_t
fs_write(struct inode *ip, const void *buf, uint64_t off, uint64_t n)
{
	uint64_t done = 0;

#if LAB >= 6
	if (fs_written_hook)
		fs_written_hook(ip->inum); /* before the bytes change: a reader may be hashing */
#endif
	while (done < n) {
		uint64_t k = chunk(off + done, n - done);
		if (k == 0)
			return done ? (int64_t)done : -EFBIG;
		begin_op(writei_blocks(off + done, k));
		int64_t r = ilock(ip);
		if (r == 0) {
			r = ip->d.type == CLANFS_T_DIR
				    ? -EISDIR
				    : writei(ip, (const uint8_t *)buf + done, off + done, k);
			iunlock(ip);
		}
		int err = end_op();
		if (r >= 0 && err < 0)
			r = err;
		if (r < 0)
			return done ? (int64_t)done : r;
		done += (uint64_t)r;
		if ((uint64_t)r < k)
			break;
	}
	return (int64_t)done;
}

int
fs_fstat(struct inode *ip, struct fs_stat *st)
{
	int err = ilock(ip);

	if (err < 0)
		return err;
	int64_t blocks = iblocks(ip);
	*st = (struct fs_stat){ .inum = ip->inum,
				.type = ip->d.type,
				.mode = ip->d.mode,
				.uid = ip->d.uid,
				.nlink = ip->d.nlink,
				.size = ip->d.size,
				.blocks = blocks < 0 ? 0 : (uint64_t)blocks,
				.mtime = ip->d.mtime,
				.ctime = ip->d.ctime };
	iunlock(ip);
	return blocks < 0 ? (int)blocks : 0;
}

int
fs_stat(const struct cred *c, const char *path, struct fs_stat *st)
{
	struct inode *ip;
	int err = fsys.mounted ? namei(c, path, &ip) : -ENODEV;

	if (err < 0)
		return err;
	err = fs_fstat(ip, st);
	iput(ip);
	return err;
}

int
fs_readdir(struct inode *dir, uint64_t *cookie, struct fs_dirent *out)
{
	int err = ilock(dir);

	if (err < 0)
		return err;
	err = dir->d.type == CLANFS_T_DIR ? dir_next(dir, cookie, &out->inum, out->name) : -ENOTDIR;
	iunlock(dir);
	return err;
}

int
fs_mkdir(const struct cred *c, const char *path, int mode)
{
	struct inode *dp, *ip;
	char name[CLANFS_NAME_MAX + 1];
	int err;

	if (!fsys.mounted)
		return -ENODEV;
	mutex_lock(&fsys.ns_lock);
	err = namei_parent(c, path, &dp, name);
	if (err == 0) {
		err = create(c, dp, name, CLANFS_T_DIR, mode, &ip);
		if (err == 0)
			iput(ip);
		iput(dp);
	}
	mutex_unlock(&fsys.ns_lock);
	return err;
}

/* Look name up in dp (referenced) for a change: needs W and X on dp. */
static int
lookup_for_change(const struct cred *c, struct inode *dp, const char *name, struct inode **out)
{
	uint32_t inum;
	int err = ilock(dp);

	if (err < 0)
		return err;
	err = perm_check(c, dp, CLANFS_MODE_W | CLANFS_MODE_X);
	if (err == 0)
		err = dir_lookup(dp, name, &inum);
	iunlock(dp);
	if (err == 0 && !(*out = iget(inum)))
		err = -ENOMEM;
	return err;
}

/* Whether ip (referenced) may lose its name: a file, or an empty directory, not the root.
 * 0, -ENOTEMPTY, -EBUSY, or an error reading it. */
static int
removable(struct inode *ip)
{
	int err = ilock(ip);

	if (err < 0)
		return err;
	if (ip->inum == fsys.sb.root_inum)
		err = -EBUSY;
	else if (ip->d.type == CLANFS_T_DIR)
		err = dir_is_empty(ip) == 1 ? 0 : -ENOTEMPTY;
	iunlock(ip);
	return err;
}

/* One name fewer for ip (referenced, unlocked), inside an operation. */
static int
drop_link(struct inode *ip)
{
	int err = ilock(ip);

	if (err < 0)
		return err;
	ip->d.nlink--;
	ip->d.ctime = fs_now();
	err = iupdate(ip);
	iunlock(ip);
	return err;
}

int
fs_unlink(const struct cred *c, const char *path)
{
	struct inode *dp, *ip = NULL;
	char name[CLANFS_NAME_MAX + 1];
	int err;

	if (!fsys.mounted)
		return -ENODEV;
	mutex_lock(&fsys.ns_lock);
	err = namei_parent(c, path, &dp, name);
	if (err < 0) {
		mutex_unlock(&fsys.ns_lock);
		return err;
	}
	err = lookup_for_change(c, dp, name, &ip);
	if (err == 0)
		err = removable(ip);
	if (err == 0) {
		begin_op(UNLINK_BLOCKS);
		err = ilock(dp);
		if (err == 0) {
			err = dir_remove(dp, name);
			iunlock(dp);
		}
		if (err == 0)
			err = drop_link(ip);
		int cerr = end_op();
		if (err == 0)
			err = cerr;
	}
	mutex_unlock(&fsys.ns_lock);
	iput(dp);
	if (ip)
		iput(ip); /* the last reference frees it */
	return err;
}

/* Whether directory inum is dir or inside it: walk up from inum to the root. */
static int
inside(uint32_t inum, uint32_t dir)
{
	for (int depth = 0; depth < 4096; depth++) {
		if (inum == dir)
			return 1;
		if (inum == fsys.sb.root_inum)
			return 0;
		struct inode *ip = iget(inum);
		if (!ip)
			return -ENOMEM;
		int err = ilock(ip);
		if (err == 0) {
			err = ip->d.type == CLANFS_T_DIR ? dir_parent(ip, &inum) : -EUCLEAN;
			iunlock(ip);
		}
		iput(ip);
		if (err < 0)
			return err;
	}
	return -EUCLEAN; /* a loop of parents */
}

/* Check a rename of ip (from) over tip (to, or NULL) into tdp; sets *blocks to reserve. */
static int
rename_check(struct inode *ip, struct inode *tip, struct inode *tdp, int *blocks)
{
	int err = ilock(ip);

	if (err < 0)
		return err;
	bool isdir = ip->d.type == CLANFS_T_DIR;
	*blocks = RENAME_BLOCKS + (isdir ? (int)(ip->d.size / BS) : 0);
	iunlock(ip);
	if (*blocks > log_cap())
		return -ENOSPC;
	if (isdir && (err = inside(tdp->inum, ip->inum)) != 0)
		return err < 0 ? err : -EINVAL;
	if (!tip)
		return 0;
	err = ilock(tip);
	if (err < 0)
		return err;
	if (tip->d.type == CLANFS_T_DIR && !isdir)
		err = -EISDIR;
	else if (tip->d.type != CLANFS_T_DIR && isdir)
		err = -ENOTDIR;
	iunlock(tip);
	return err < 0 ? err : removable(tip);
}

/* The changes of a rename, inside its operation. */
static int
rename_apply(struct inode *fdp, const char *fname, struct inode *ip, struct inode *tdp,
	     const char *tname, struct inode *tip)
{
	int err = ilock(tdp);

	if (err < 0)
		return err;
	err = tip ? dir_replace(tdp, tname, ip->inum) : dir_add(tdp, tname, ip->inum);
	iunlock(tdp);
	if (err == 0 && tip)
		err = drop_link(tip);
	if (err == 0 && (err = ilock(fdp)) == 0) {
		err = dir_remove(fdp, fname);
		iunlock(fdp);
	}
	if (err == 0 && fdp != tdp && (err = ilock(ip)) == 0) {
		if (ip->d.type == CLANFS_T_DIR)
			err = dir_set_parent(ip, tdp->inum);
		ip->d.ctime = fs_now();
		if (err == 0)
			err = iupdate(ip);
		iunlock(ip);
	}
	return err;
}

int
fs_rename(const struct cred *c, const char *from, const char *to)
{
	struct inode *fdp = NULL, *tdp = NULL, *ip = NULL, *tip = NULL;
	char fname[CLANFS_NAME_MAX + 1], tname[CLANFS_NAME_MAX + 1];
	int err, blocks;

	if (!fsys.mounted)
		return -ENODEV;
	mutex_lock(&fsys.ns_lock);
	err = namei_parent(c, from, &fdp, fname);
	if (err == 0)
		err = namei_parent(c, to, &tdp, tname);
	if (err == 0)
		err = lookup_for_change(c, fdp, fname, &ip);
	if (err == 0) {
		err = lookup_for_change(c, tdp, tname, &tip);
		if (err == -ENOENT)
			err = 0, tip = NULL;
	}
	if (err == 0 && tip == ip)
		goto out; /* the same inode: nothing to do */
	if (err == 0)
		err = rename_check(ip, tip, tdp, &blocks);
	if (err == 0) {
		begin_op(blocks);
		err = rename_apply(fdp, fname, ip, tdp, tname, tip);
		int cerr = end_op();
		if (err == 0)
			err = cerr;
	}
out:
	mutex_unlock(&fsys.ns_lock);
	if (fdp)
		iput(fdp);
	if (tdp)
		iput(tdp);
	if (ip)
		iput(ip);
	if (tip)
		iput(tip); /* a file replaced: freed here if this was its last reference */
	return err;
}

int
fs_chmod(const struct cred *c, const char *path, int mode)
{
	struct inode *ip;
	int err = fsys.mounted ? namei(c, path, &ip) : -ENODEV;

	if (err < 0)
		return err;
	if (mode & ~CLANFS_MODE_MASK) {
		iput(ip);
		return -EINVAL;
	}
	begin_op(1);
	err = ilock(ip);
	if (err == 0) {
		err = perm_owner(c, ip);
		if (err == 0) {
			ip->d.mode = (uint16_t)mode;
			ip->d.ctime = fs_now();
			err = iupdate(ip);
		}
		iunlock(ip);
	}
	int cerr = end_op();
	iput(ip);
	return err < 0 ? err : cerr;
}

int
fs_sync(void)
{
	/* Every call committed and installed its changes before returning: nothing waits. */
	return fsys.mounted ? 0 : -ENODEV;
}

int
fs_statfs(struct fs_statfs *out)
{
	if (!fsys.mounted)
		return -ENODEV;
	int64_t fb = bcount_free(), fi = icount_free();
	if (fb < 0 || fi < 0)
		return fb < 0 ? (int)fb : (int)fi;
	memset(out, 0, sizeof(*out));
	strlcpy(out->dev, fsys.dev->name, sizeof(out->dev));
	out->block_size = BS;
	out->nblocks = fsys.sb.nblocks;
	out->free_blocks = (uint64_t)fb;
	out->ninodes = fsys.sb.ninodes;
	out->free_inodes = (uint64_t)fi;
	out->commits = log_commits();
	return 0;
}
#endif
