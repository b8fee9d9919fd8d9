#if LAB >= 5
/*
 * The format rules mkfs and fsck share (see image.h). Every checksum is the
 * structure's CRC-32 with its checksum field zeroed, computed on a copy so
 * the caller's structure is never modified.
 */
#include "image.h"

#include <string.h>

#include "lib/crc32.h"

uint32_t
image_super_crc(const struct clanfs_super *sb)
{
	struct clanfs_super copy = *sb;

	copy.checksum = 0;
	return crc32(0, &copy, sizeof(copy));
}

uint32_t
image_inode_crc(const struct clanfs_dinode *ip)
{
	struct clanfs_dinode copy = *ip;

	copy.checksum = 0;
	return crc32(0, &copy, sizeof(copy));
}

uint32_t
image_dirblock_crc(const void *block)
{
	size_t tail = CLANFS_BLOCK_SIZE - sizeof(struct clanfs_dirtail);
	struct clanfs_dirtail copy;

	memcpy(&copy, (const uint8_t *)block + tail, sizeof(copy));
	copy.checksum = 0;
	return crc32(crc32(0, block, tail), &copy, sizeof(copy));
}

uint32_t
image_log_crc(uint32_t crc, const struct clanfs_loghdr *lh)
{
	static struct clanfs_loghdr copy; /* 4 KiB: not on the stack */

	copy = *lh;
	copy.checksum = 0;
	return crc32(crc, &copy, sizeof(copy));
}

bool
image_layout(struct clanfs_super *sb, uint32_t nblocks, uint32_t ninodes, uint32_t nlog)
{
	const uint64_t bits_per_block = 8 * CLANFS_BLOCK_SIZE;
	uint64_t end;

	memset(sb, 0, sizeof(*sb));
	sb->magic = CLANFS_MAGIC;
	sb->version = CLANFS_VERSION;
	sb->block_size = CLANFS_BLOCK_SIZE;
	sb->nblocks = nblocks;
	sb->ninodes = ninodes;
	sb->log_start = 1;
	sb->nlog = nlog;
	sb->inode_start = sb->log_start + nlog;
	sb->ninode_blocks =
		(uint32_t)((ninodes + CLANFS_INODES_PER_BLOCK - 1) / CLANFS_INODES_PER_BLOCK);
	sb->bmap_start = sb->inode_start + sb->ninode_blocks;
	sb->nbmap_blocks = (uint32_t)((nblocks + bits_per_block - 1) / bits_per_block);
	sb->data_start = sb->bmap_start + sb->nbmap_blocks;
	sb->root_inum = CLANFS_ROOT_INUM;
	end = (uint64_t)1 + nlog + sb->ninode_blocks + sb->nbmap_blocks;
	return end < nblocks;
}

bool
image_name_ok(const char *name, size_t n)
{
	if (n == 0 || n > CLANFS_NAME_MAX)
		return false;
	if ((n == 1 && name[0] == '.') || (n == 2 && name[0] == '.' && name[1] == '.'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (name[i] == '/' || name[i] == '\0')
			return false;
	return true;
}
#endif
