#if LAB >= 5
/*
 * Directories (fs/dir.h): whole blocks of 63 entries and a tail naming the
 * directory, its parent and a CRC-32 of the block. Every block read is
 * checked (magic, owner, checksum) before an entry in it is believed, and
 * every block changed gets a fresh checksum before it is logged. Path
 * names are walked one directory at a time, as in xv6: lock a directory,
 * look the next name up, take a reference to what it names, unlock.
 */
#include <stddef.h>

#include "fs/dir.h"
#include "dev/console.h"
#include "fs/bcache.h"
#include "fs/log.h"
#include "lib/crc32.h"
#include "lib/errno.h"
#include "lib/string.h"

#define BS CLANFS_BLOCK_SIZE
#define NENT CLANFS_DIRENTS_PER_BLOCK

static struct clanfs_dirtail *
tail_of(struct buf *b)
{
	return (struct clanfs_dirtail *)(b->data + NENT * sizeof(struct clanfs_dirent));
}

static struct clanfs_dirent *
ents(struct buf *b)
{
	return (struct clanfs_dirent *)b->data;
}

static uint32_t
block_checksum(struct buf *b)
{
	struct clanfs_dirtail *t = tail_of(b);
	uint32_t saved = t->checksum, crc;

	t->checksum = 0;
	crc = crc32(0, b->data, BS);
	t->checksum = saved;
	return crc;
}

/* Seal b (a block of dp, changed) and log it. */
static void
dir_log(struct buf *b)
{
	tail_of(b)->checksum = block_checksum(b);
	b->checked = true;
	log_write(b);
}

/* Block i of directory dp, checked: 0 and *out locked, or -EUCLEAN, -EIO. */
static int
dir_bread(struct inode *dp, uint64_t i, struct buf **out)
{
	uint32_t blockno;
	const char *why = NULL;
	int err = bmap(dp, i, false, &blockno);

	if (err < 0)
		return err;
	if (blockno == 0) {
		printf("clanfs: directory %u: block %llu is missing\n", dp->inum,
		       (unsigned long long)i);
		return -EUCLEAN;
	}
	err = bread(fsys.dev, blockno, out);
	if (err < 0)
		return err;
	struct clanfs_dirtail *t = tail_of(*out);
	if (t->magic != CLANFS_DIRTAIL_MAGIC)
		why = "bad magic";
	else if (t->inum != dp->inum)
		why = "belongs to another directory";
	else if (!(*out)->checked && t->checksum != block_checksum(*out))
		why = "bad checksum";
	else if (t->parent == 0 || t->parent >= fsys.sb.ninodes)
		why = "bad parent";
	if (why) {
		printf("clanfs: directory %u block %llu: %s\n", dp->inum, (unsigned long long)i,
		       why);
		brelse(*out);
		return -EUCLEAN;
	}
	/* The checksum is verified once per read from the disk, not per lookup: a CRC of 4 KiB
	 * costs more than the lookup itself. Blocks this kernel changes are sealed again. */
	(*out)->checked = true;
	return 0;
}

static uint64_t
dir_nblocks(struct inode *dp)
{
	return dp->d.size / BS;
}

int
dir_name_check(const char *name)
{
	size_t n = strnlen(name, CLANFS_NAME_MAX + 1);

	if (n > CLANFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (n == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return -EINVAL;
	return 0;
}

/* Whether entry e holds name. */
static bool
ent_is(const struct clanfs_dirent *e, const char *name)
{
	return e->inum != 0 && strncmp(e->name, name, CLANFS_NAME_MAX + 1) == 0;
}

/* Find name in dp: 0 with *out (locked) and *slot, or -ENOENT or an error. */
static int
find(struct inode *dp, const char *name, struct buf **out, int *slot)
{
	for (uint64_t i = 0; i < dir_nblocks(dp); i++) {
		struct buf *b;
		int err = dir_bread(dp, i, &b);
		if (err < 0)
			return err;
		for (int k = 0; k < NENT; k++) {
			if (ent_is(&ents(b)[k], name)) {
				*out = b;
				*slot = k;
				return 0;
			}
		}
		brelse(b);
	}
	return -ENOENT;
}

int
dir_lookup(struct inode *dp, const char *name, uint32_t *inum)
{
	struct buf *b;
	int slot, err = find(dp, name, &b, &slot);

	if (err < 0)
		return err;
	*inum = ents(b)[slot].inum;
	brelse(b);
	return 0;
}

int
dir_parent(struct inode *dp, uint32_t *parent)
{
	struct buf *b;
	int err = dir_bread(dp, 0, &b);

	if (err < 0)
		return err;
	*parent = tail_of(b)->parent;
	brelse(b);
	return 0;
}

static void
set_ent(struct clanfs_dirent *e, const char *name, uint32_t inum)
{
	memset(e, 0, sizeof(*e));
	e->inum = inum;
	strlcpy(e->name, name, sizeof(e->name));
}

/* Make block i of dp (just allocated, zeroed) an empty directory block under parent. */
static int
new_block(struct inode *dp, uint64_t i, uint32_t parent, struct buf **out)
{
	uint32_t blockno;
	int err = bmap(dp, i, true, &blockno);

	if (err < 0)
		return err;
	err = bread(fsys.dev, blockno, out);
	if (err < 0)
		return err;
	memset((*out)->data, 0, BS);
	tail_of(*out)->magic = CLANFS_DIRTAIL_MAGIC;
	tail_of(*out)->inum = dp->inum;
	tail_of(*out)->parent = parent;
	dp->d.size = (i + 1) * BS;
	return 0;
}

int
dir_add(struct inode *dp, const char *name, uint32_t inum)
{
	uint64_t n = dir_nblocks(dp);
	struct buf *b;
	uint32_t parent;
	int err;

	for (uint64_t i = 0; i < n; i++) {
		err = dir_bread(dp, i, &b);
		if (err < 0)
			return err;
		for (int k = 0; k < NENT; k++) {
			if (ents(b)[k].inum == 0) {
				set_ent(&ents(b)[k], name, inum);
				dir_log(b);
				brelse(b);
				dp->d.mtime = dp->d.ctime = fs_now();
				return iupdate(dp);
			}
		}
		brelse(b);
	}
	err = dir_parent(dp, &parent);
	if (err == 0)
		err = new_block(dp, n, parent, &b);
	if (err < 0)
		return err;
	set_ent(&ents(b)[0], name, inum);
	dir_log(b);
	brelse(b);
	dp->d.mtime = dp->d.ctime = fs_now();
	return iupdate(dp);
}

int
dir_replace(struct inode *dp, const char *name, uint32_t inum)
{
	struct buf *b;
	int slot, err = find(dp, name, &b, &slot);

	if (err < 0)
		return err;
	ents(b)[slot].inum = inum;
	dir_log(b);
	brelse(b);
	dp->d.mtime = dp->d.ctime = fs_now();
	return iupdate(dp);
}

int
dir_remove(struct inode *dp, const char *name)
{
	struct buf *b;
	int slot, err = find(dp, name, &b, &slot);

	if (err < 0)
		return err;
	memset(&ents(b)[slot], 0, sizeof(struct clanfs_dirent));
	dir_log(b);
	brelse(b);
	dp->d.mtime = dp->d.ctime = fs_now();
	return iupdate(dp);
}

int
dir_is_empty(struct inode *dp)
{
	uint64_t cookie = 0;
	uint32_t inum;
	char name[CLANFS_NAME_MAX + 1];
	int r = dir_next(dp, &cookie, &inum, name);

	return r < 0 ? r : r == 0;
}

int
dir_init(struct inode *dp, uint32_t parent)
{
	struct buf *b;
	int err = new_block(dp, 0, parent, &b);

	if (err < 0)
		return err;
	dir_log(b);
	brelse(b);
	return iupdate(dp);
}

int
dir_set_parent(struct inode *dp, uint32_t parent)
{
	for (uint64_t i = 0; i < dir_nblocks(dp); i++) {
		struct buf *b;
		int err = dir_bread(dp, i, &b);
		if (err < 0)
			return err;
		tail_of(b)->parent = parent;
		dir_log(b);
		brelse(b);
	}
	return 0;
}

int
dir_next(struct inode *dp, uint64_t *cookie, uint32_t *inum, char *name)
{
	while (*cookie / NENT < dir_nblocks(dp)) {
		struct buf *b;
		int err = dir_bread(dp, *cookie / NENT, &b);
		if (err < 0)
			return err;
		for (int k = (int)(*cookie % NENT); k < NENT; k++) {
			struct clanfs_dirent *e = &ents(b)[k];
			if (e->inum == 0)
				continue;
			*inum = e->inum;
			memcpy(name, e->name, CLANFS_NAME_MAX);
			name[CLANFS_NAME_MAX] = 0;
			*cookie = *cookie - *cookie % NENT + (uint64_t)k + 1;
			brelse(b);
			return 1;
		}
		brelse(b);
		*cookie = (*cookie / NENT + 1) * NENT;
	}
	return 0;
}

/* The next component of the path at *p into name: 1, 0 at the end, or -ENAMETOOLONG. */
static int
next_name(const char **p, char *name)
{
	const char *s = *p, *e;

	while (*s == '/')
		s++;
	for (e = s; *e && *e != '/'; e++)
		;
	*p = e;
	if (e == s)
		return 0;
	if (e - s > CLANFS_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, s, (size_t)(e - s));
	name[e - s] = 0;
	return 1;
}

/* namei and namei_parent: walk from the root; with parent, stop before the last name. */
static int
walk(const struct cred *c, const char *path, bool parent, struct inode **out, char *last)
{
	char name[CLANFS_NAME_MAX + 1], next[CLANFS_NAME_MAX + 1];
	struct inode *dp = iget(fsys.sb.root_inum);
	const char *p = path;
	uint32_t inum;
	int more = next_name(&p, name), err;

	if (!dp)
		return -ENOMEM;
	if (more <= 0) {
		if (more == 0 && !parent) {
			*out = dp;
			return 0;
		}
		iput(dp);
		return more < 0 ? more : -EINVAL;
	}
	for (;;) {
		err = ilock(dp);
		if (err < 0) {
			iput(dp);
			return err;
		}
		more = next_name(&p, next);
		if (dp->d.type != CLANFS_T_DIR)
			err = -ENOTDIR;
		else if (more < 0)
			err = more;
		else if (parent && more == 0) {
			iunlock(dp);
			err = dir_name_check(name);
			if (err < 0) {
				iput(dp);
				return err;
			}
			strlcpy(last, name, CLANFS_NAME_MAX + 1);
			*out = dp;
			return 0;
		} else
			err = perm_check(c, dp, CLANFS_MODE_X);
		if (err == 0 && strcmp(name, ".") == 0)
			inum = dp->inum;
		else if (err == 0 && strcmp(name, "..") == 0)
			err = dir_parent(dp, &inum);
		else if (err == 0)
			err = dir_lookup(dp, name, &inum);
		iunlock(dp);
		if (err == 0 && inum != dp->inum) {
			struct inode *ip = iget(inum);
			iput(dp);
			dp = ip;
			if (!dp)
				return -ENOMEM;
		}
		if (err < 0) {
			iput(dp);
			return err;
		}
		if (more == 0) {
			*out = dp;
			return 0;
		}
		memcpy(name, next, sizeof(name));
	}
}

int
namei(const struct cred *c, const char *path, struct inode **out)
{
	return walk(c, path, false, out, NULL);
}

int
namei_parent(const struct cred *c, const char *path, struct inode **out, char *name)
{
	return walk(c, path, true, out, name);
}
#endif
