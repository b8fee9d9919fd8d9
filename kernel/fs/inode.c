#if LAB >= 5
/*
 * The inode table (fs/inode.h): NINODE in-memory inodes, found by number.
 * An entry whose reference count falls to 0 keeps its contents, so opening
 * a file again soon costs no read and no checksum; it is reused for another
 * inode only when the table needs room. Everything read from the disk is
 * checked before it is believed.
 */
#include <stddef.h>

#include "fs/inode.h"
#include "dev/console.h"
#include "fs/bcache.h"
#include "fs/log.h"
#include "lib/crc32.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "sync/spinlock.h"

static struct spinlock itable_lock = SPINLOCK_INIT("itable"); /* guards inum and ref */
static struct inode itable[NINODE];
static uint32_t ialloc_hint = 1; /* where ialloc starts looking; a hint, races are harmless */

int
inode_table_reset(void)
{
	spin_lock(&itable_lock);
	for (int i = 0; i < NINODE; i++) {
		if (itable[i].ref) {
			spin_unlock(&itable_lock);
			return -EBUSY;
		}
	}
	for (int i = 0; i < NINODE; i++) {
		itable[i].inum = 0;
		itable[i].valid = false;
		mutex_init(&itable[i].lock, "inode");
	}
	ialloc_hint = 1;
	spin_unlock(&itable_lock);
	return 0;
}

struct inode *
iget(uint32_t inum)
{
	struct inode *ip, *empty = NULL;

	spin_lock(&itable_lock);
	for (ip = itable; ip < itable + NINODE; ip++) {
		if (ip->inum == inum && (ip->ref > 0 || ip->valid)) {
			ip->ref++;
			spin_unlock(&itable_lock);
			return ip;
		}
		/* Prefer a slot never used, then the first unreferenced one. */
		if (ip->ref == 0 && (!empty || (empty->valid && !ip->valid)))
			empty = ip;
	}
	if (empty) {
		empty->inum = inum;
		empty->ref = 1;
		empty->valid = false;
	}
	spin_unlock(&itable_lock);
	return empty;
}

struct inode *
idup(struct inode *ip)
{
	spin_lock(&itable_lock);
	ip->ref++;
	spin_unlock(&itable_lock);
	return ip;
}

uint32_t
dinode_checksum(const struct clanfs_dinode *d)
{
	struct clanfs_dinode copy = *d;

	copy.checksum = 0;
	return crc32(0, &copy, sizeof(copy));
}

static uint32_t
inode_block(uint32_t inum)
{
	return fsys.sb.inode_start + inum / CLANFS_INODES_PER_BLOCK;
}

/* Whether d (inode inum, as read) can be believed; prints what is wrong. */
static bool
dinode_ok(uint32_t inum, const struct clanfs_dinode *d)
{
	const char *why = NULL;

	if (dinode_checksum(d) != d->checksum)
		why = "bad checksum";
	else if (d->type != CLANFS_T_FILE && d->type != CLANFS_T_DIR)
		why = d->type == CLANFS_T_FREE ? "free but in use" : "bad type";
	else if (d->mode & ~CLANFS_MODE_MASK)
		why = "bad mode";
	else if (d->type == CLANFS_T_DIR && d->nlink > 1) /* nlink 0: an orphan (ifree_orphans) */
		why = "bad link count";
	else if (d->size > (uint64_t)CLANFS_MAX_FILE_BLOCKS * CLANFS_BLOCK_SIZE ||
		 (d->type == CLANFS_T_DIR && d->size % CLANFS_BLOCK_SIZE))
		why = "bad size";
	for (int i = 0; !why && i < CLANFS_NDIRECT; i++)
		if (d->direct[i] && !block_ok(d->direct[i]))
			why = "block number out of range";
	if (!why &&
	    ((d->indirect && !block_ok(d->indirect)) || (d->dindirect && !block_ok(d->dindirect))))
		why = "block number out of range";
	if (why)
		printf("clanfs: inode %u: %s\n", inum, why);
	return !why;
}

int
ilock(struct inode *ip)
{
	struct buf *b;

	mutex_lock(&ip->lock);
	if (ip->valid)
		return 0;
	if (ip->inum == 0 || ip->inum >= fsys.sb.ninodes) {
		printf("clanfs: inode %u: out of range\n", ip->inum);
		mutex_unlock(&ip->lock);
		return -EUCLEAN;
	}
	int err = bread(fsys.dev, inode_block(ip->inum), &b);
	if (err < 0) {
		mutex_unlock(&ip->lock);
		return err;
	}
	memcpy(&ip->d,
	       b->data + (ip->inum % CLANFS_INODES_PER_BLOCK) * sizeof(struct clanfs_dinode),
	       sizeof(ip->d));
	brelse(b);
	if (!dinode_ok(ip->inum, &ip->d)) {
		mutex_unlock(&ip->lock);
		return -EUCLEAN;
	}
	ip->valid = true;
	return 0;
}

void
iunlock(struct inode *ip)
{
	mutex_unlock(&ip->lock);
}

int
iupdate(struct inode *ip)
{
	struct buf *b;
	int err = bread(fsys.dev, inode_block(ip->inum), &b);

	if (err < 0)
		return err;
	if (ip->d.type != CLANFS_T_FREE)
		ip->d.checksum = dinode_checksum(&ip->d);
	memcpy(b->data + (ip->inum % CLANFS_INODES_PER_BLOCK) * sizeof(struct clanfs_dinode),
	       &ip->d, sizeof(ip->d));
	log_write(b);
	brelse(b);
	return 0;
}

/* Free every block of ip (nlink 0, no other reference) and the inode itself, one operation
 * per step. On an error the inode is left for fsck to find. */
static void
ifree(struct inode *ip)
{
	uint64_t step = itrunc_step_size();
	int done = 0;

	while (done == 0) {
		begin_op(itrunc_blocks(step));
		mutex_lock(&ip->lock);
		done = itrunc_step(ip, step);
		if (done == 1) {
			memset(&ip->d, 0, sizeof(ip->d));
			if (iupdate(ip) < 0)
				done = -EIO;
			ip->valid = false;
		}
		mutex_unlock(&ip->lock);
		if (end_op() < 0 && done >= 0)
			done = -EIO;
	}
	if (done < 0)
		printf("clanfs: inode %u: not freed (%d)\n", ip->inum, done);
}

void
iput(struct inode *ip)
{
	spin_lock(&itable_lock);
	if (ip->ref == 1 && ip->valid && ip->d.nlink == 0) {
		/* The only reference, and no directory names it: nobody can find it again. */
		spin_unlock(&itable_lock);
		ifree(ip);
		spin_lock(&itable_lock);
		ip->valid = false;
	}
	ip->ref--;
	spin_unlock(&itable_lock);
}

int
ialloc(uint16_t type, uint16_t mode, uint32_t uid, struct inode **out)
{
	static const struct clanfs_dinode zero;
	uint32_t n = fsys.sb.ninodes;

	for (uint32_t k = 0; k < n; k++) {
		uint32_t inum = (ialloc_hint + k) % n;
		struct buf *b;
		if (inum == 0)
			continue;
		int err = bread(fsys.dev, inode_block(inum), &b);
		if (err < 0)
			return err;
		struct clanfs_dinode *d =
			(struct clanfs_dinode *)b->data + inum % CLANFS_INODES_PER_BLOCK;
		if (d->type != CLANFS_T_FREE) {
			brelse(b);
			continue;
		}
		if (memcmp(d, &zero, sizeof(zero)) != 0) {
			printf("clanfs: inode %u: free but not zeroed, skipped\n", inum);
			brelse(b);
			continue;
		}
		struct inode *ip = iget(inum);
		if (!ip) {
			brelse(b);
			return -ENOMEM;
		}
		mutex_lock(&ip->lock);
		memset(&ip->d, 0, sizeof(ip->d));
		ip->d.type = type;
		ip->d.mode = mode & CLANFS_MODE_MASK;
		ip->d.uid = uid;
		ip->d.nlink = 1;
		ip->d.mtime = ip->d.ctime = fs_now();
		ip->d.checksum = dinode_checksum(&ip->d);
		*d = ip->d;
		ip->valid = true;
		mutex_unlock(&ip->lock);
		log_write(b);
		brelse(b);
		ialloc_hint = inum + 1;
		*out = ip;
		return 0;
	}
	return -ENOSPC;
}

/* Whether inode k of inode-table block b is an orphan: in use, intact, named by no directory. */
static bool
is_orphan(const struct clanfs_dinode *d)
{
	return d->type != CLANFS_T_FREE && d->nlink == 0 && dinode_checksum(d) == d->checksum;
}

int
ifree_orphans(void)
{
	int freed = 0;

	for (uint32_t i = 0; i < fsys.sb.ninode_blocks; i++) {
		for (uint32_t k = 0; k < CLANFS_INODES_PER_BLOCK; k++) {
			uint32_t inum = i * CLANFS_INODES_PER_BLOCK + k;
			struct buf *b;
			if (inum == 0 || inum >= fsys.sb.ninodes)
				continue;
			int err = bread(fsys.dev, fsys.sb.inode_start + i, &b);
			if (err < 0)
				return err;
			bool orphan = is_orphan((struct clanfs_dinode *)b->data + k);
			brelse(b);
			if (!orphan)
				continue;
			/* The last iput of an inode with no links frees it, as after an unlink. */
			struct inode *ip = iget(inum);
			if (!ip)
				return -ENOMEM;
			if (ilock(ip) == 0) {
				iunlock(ip);
				printf("clanfs: inode %u: freeing it: an interrupted unlink left "
				       "it "
				       "with no name\n",
				       inum);
				freed++;
			}
			iput(ip);
		}
	}
	return freed;
}

int64_t
icount_free(void)
{
	int64_t nfree = 0;

	for (uint32_t i = 0; i < fsys.sb.ninode_blocks; i++) {
		struct buf *b;
		int err = bread(fsys.dev, fsys.sb.inode_start + i, &b);
		if (err < 0)
			return err;
		for (uint32_t k = 0; k < CLANFS_INODES_PER_BLOCK; k++) {
			uint32_t inum = i * CLANFS_INODES_PER_BLOCK + k;
			struct clanfs_dinode *d = (struct clanfs_dinode *)b->data + k;
			nfree += inum > 0 && inum < fsys.sb.ninodes && d->type == CLANFS_T_FREE;
		}
		brelse(b);
	}
	return nfree;
}
#endif
