#if LAB >= 5
/*
 * Mounting (fs/fs.h): the superblock is checked field by field against the
 * format and against the disk it is on before anything else is read, then
 * the log is replayed and the root inode checked. A disk that fails any
 * check is refused with the reason printed, never half-mounted.
 */
#include "fs/fs.h"
#include "dev/blk.h"
#include "dev/rtc.h"
#include "dev/console.h"
#include "fs/bcache.h"
#include "fs/inode.h"
#include "fs/log.h"
#include "lib/crc32.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"

struct fsys fsys;

uint64_t
fs_now(void)
{
	return rtc_now();
}

bool
fs_mounted(void)
{
	return fsys.mounted;
}

/* Why sb (read from dev) cannot be mounted, or NULL. */
static const char *
super_problem(const struct clanfs_super *sb, struct blkdev *dev, char *why, size_t n)
{
	struct clanfs_super copy;
	uint64_t disk_blocks = dev->nsectors / CLANFS_SECTORS_PER_BLOCK;

	memcpy(&copy, sb, sizeof(copy)); /* bytes, padding included, as crc32 sees them */
	copy.checksum = 0;
	if (sb->magic != CLANFS_MAGIC)
		return "bad magic";
	if (sb->version != CLANFS_VERSION) {
		snprintf(why, n, "version %u, this kernel reads %d", sb->version, CLANFS_VERSION);
		return why;
	}
	if (sb->block_size != CLANFS_BLOCK_SIZE)
		return "bad block size";
	if (crc32(0, &copy, sizeof(copy)) != sb->checksum)
		return "bad superblock checksum";
	if (sb->nblocks > disk_blocks) {
		snprintf(why, n, "superblock says %u blocks, the disk has %llu", sb->nblocks,
			 (unsigned long long)disk_blocks);
		return why;
	}
	/* Each region starts where the previous ends or later, and all fit the disk. */
	uint64_t inode_slots = (uint64_t)sb->ninode_blocks * CLANFS_INODES_PER_BLOCK;
	uint64_t bits = (uint64_t)sb->nbmap_blocks * CLANFS_BLOCK_SIZE * 8;
	if (sb->log_start < 1 || (uint64_t)sb->log_start + sb->nlog > sb->inode_start ||
	    (uint64_t)sb->inode_start + sb->ninode_blocks > sb->bmap_start ||
	    (uint64_t)sb->bmap_start + sb->nbmap_blocks > sb->data_start ||
	    sb->data_start >= sb->nblocks || sb->nlog < 2 || sb->ninodes < 2 ||
	    sb->ninodes > inode_slots || bits < sb->nblocks || sb->nbmap_blocks == 0)
		return "the layout is out of order";
	if (sb->root_inum == 0 || sb->root_inum >= sb->ninodes)
		return "bad root inode number";
	if (sb->reserved != 0)
		return "a reserved field is not zero";
	return NULL;
}

int
fs_mount(struct blkdev *dev)
{
	char why[96];
	const char *problem;
	struct buf *b;
	struct inode *root;
	int err;

	if (fsys.mounted)
		return -EBUSY;
	bcache_drop(dev);
	err = bread(dev, 0, &b);
	if (err < 0) {
		printf("clanfs: %s: cannot read the superblock (%d)\n", dev->name, err);
		return err;
	}
	memcpy(&fsys.sb, b->data, sizeof(fsys.sb));
	/* The rest of block 0 is zero (fsck agrees): anything there is damage. */
	bool rest_zero = true;
	for (size_t i = sizeof(fsys.sb); i < CLANFS_BLOCK_SIZE; i++)
		rest_zero &= b->data[i] == 0;
	brelse(b);
	problem = rest_zero ? super_problem(&fsys.sb, dev, why, sizeof(why))
			    : "the superblock's block is not zero after its fields";
	if (problem) {
		printf("clanfs: %s: %s\n", dev->name, problem);
		return -EUCLEAN;
	}
	if (inode_table_reset() < 0)
		return -EBUSY;
	fsys.dev = dev;
	mutex_init(&fsys.ns_lock, "fs-names");
	err = log_init(dev, &fsys.sb);
	if (err < 0) {
		printf("clanfs: %s: the log cannot be recovered (%d)\n", dev->name, err);
		return err;
	}
	root = iget(fsys.sb.root_inum);
	if (!root)
		return -ENOMEM;
	err = ilock(root);
	if (err == 0) {
		if (root->d.type != CLANFS_T_DIR)
			err = -EUCLEAN;
		iunlock(root);
	}
	iput(root);
	if (err < 0) {
		printf("clanfs: %s: the root inode is not a directory\n", dev->name);
		inode_table_reset();
		return -EUCLEAN;
	}
	fsys.mounted = true;
#if LAB >= 6
	if (fs_written_hook)
		fs_written_hook(0);
#endif
	err = ifree_orphans();
	int64_t nfree = err < 0 ? err : bcount_free();
	if (nfree < 0) {
		fsys.mounted = false;
		return (int)nfree;
	}
	printf("clanfs: mounted %s: %u blocks, %u inodes, %lld free blocks\n", dev->name,
	       fsys.sb.nblocks, fsys.sb.ninodes, (long long)nfree);
	return 0;
}

int
fs_unmount(void)
{
	if (!fsys.mounted)
		return -ENODEV;
	if (inode_table_reset() < 0)
		return -EBUSY;
	fsys.mounted = false;
	log_close();
	bcache_drop(fsys.dev);
	fsys.dev = NULL;
	return 0;
}
#endif
