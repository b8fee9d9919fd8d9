#if LAB >= 5
/*
 * CLANFS version 2: the on-disk format, and nothing else. The kernel
 * (fs/), the host tools (mkfs/mkfs.c, mkfs/fsck.c) and the host tests all
 * include this one header, so the three can never disagree about a layout.
 * All integers are little-endian (the only byte order x86 has).
 *
 * The disk is an array of 4 KiB blocks:
 *
 *   block 0                     superblock
 *   log_start ..                log: a header block, then nlog-1 blocks of logged data
 *   inode_start ..              inode table, CLANFS_INODES_PER_BLOCK inodes per block
 *   bmap_start ..               block bitmap, one bit per block of the disk (1: in use)
 *   data_start .. nblocks-1     file and directory data, indirect blocks
 *
 * Metadata carries CRC-32 checksums (the superblock, each in-use inode, each
 * directory block, the log header), so a flipped bit is found, not believed.
 * Free inodes are all zeros. The bitmap has no checksum of its own: fsck
 * compares it with the blocks reachable from the inodes, which finds any flip.
 */
#ifndef FS_CLANFS_H
#define FS_CLANFS_H

#include <stdint.h>

#define CLANFS_MAGIC 0x53464e414c43ULL /* "CLANFS\0\0" read as a little-endian uint64 */
#define CLANFS_VERSION 2
#define CLANFS_BLOCK_SIZE 4096
#define CLANFS_SECTORS_PER_BLOCK (CLANFS_BLOCK_SIZE / 512)
#define CLANFS_ROOT_INUM \
	1 /* inode 0 is never used: 0 in a directory entry or block pointer is "none" */

/* Block 0. Everything after checksum is zero. */
struct clanfs_super {
	uint64_t magic;       /* CLANFS_MAGIC */
	uint32_t version;     /* CLANFS_VERSION */
	uint32_t block_size;  /* CLANFS_BLOCK_SIZE */
	uint32_t nblocks;     /* blocks in the file system, the superblock included */
	uint32_t ninodes;     /* inodes, inode 0 included */
	uint32_t log_start;   /* first block of the log (its header) */
	uint32_t nlog;        /* blocks of the log, the header included */
	uint32_t inode_start; /* first block of the inode table */
	uint32_t ninode_blocks;
	uint32_t bmap_start; /* first block of the bitmap */
	uint32_t nbmap_blocks;
	uint32_t data_start; /* first data block; every block below it is marked in use */
	uint32_t root_inum;  /* CLANFS_ROOT_INUM */
	uint64_t created;    /* seconds since 1970 when mkfs made it */
	uint32_t reserved;   /* zero */
	uint32_t checksum;   /* crc32 of this struct with checksum set to 0 */
};
_Static_assert(sizeof(struct clanfs_super) == 72, "superblock layout");

/* Inode types. */
#define CLANFS_T_FREE 0
#define CLANFS_T_FILE 1
#define CLANFS_T_DIR 2

/* Mode: rwx for the owner (bits 5..3) and for everyone else (bits 2..0), as in the seed's
 * scope 10. There are no groups. Printed and given to chmod as two octal digits: 64 = rw-r--. */
#define CLANFS_MODE_R 4
#define CLANFS_MODE_W 2
#define CLANFS_MODE_X 1
#define CLANFS_MODE_OWNER_SHIFT 3
#define CLANFS_MODE_MASK 077

#define CLANFS_NDIRECT 12
#define CLANFS_PTRS_PER_BLOCK (CLANFS_BLOCK_SIZE / 4) /* block numbers in an indirect block */
/* Largest file: 12 + 1024 + 1024*1024 blocks (about 4 GiB); sizes are checked against it. */
#define CLANFS_MAX_FILE_BLOCKS \
	(CLANFS_NDIRECT + CLANFS_PTRS_PER_BLOCK + CLANFS_PTRS_PER_BLOCK * CLANFS_PTRS_PER_BLOCK)

/* One inode, 128 bytes. Block pointers are block numbers >= data_start, or 0 for a hole. */
struct clanfs_dinode {
	uint16_t type;  /* CLANFS_T_* */
	uint16_t mode;  /* CLANFS_MODE_* bits, at most CLANFS_MODE_MASK */
	uint32_t uid;   /* owner */
	uint32_t nlink; /* directory entries naming it ("." and ".." are not stored) */
	uint32_t reserved0;
	uint64_t size;  /* bytes */
	uint64_t mtime; /* seconds since 1970: last change of the contents */
	uint64_t ctime; /* seconds since 1970: last change of the inode */
	uint32_t direct[CLANFS_NDIRECT];
	uint32_t indirect;  /* a block of CLANFS_PTRS_PER_BLOCK pointers */
	uint32_t dindirect; /* a block of pointers to indirect blocks */
	uint32_t reserved[7];
	uint32_t checksum; /* crc32 of the inode with checksum 0; a free inode is all zeros */
};
_Static_assert(sizeof(struct clanfs_dinode) == 128, "inode layout");
#define CLANFS_INODES_PER_BLOCK (CLANFS_BLOCK_SIZE / sizeof(struct clanfs_dinode))

/*
 * A directory's data is whole blocks, each CLANFS_DIRENTS_PER_BLOCK entries and a tail.
 * An entry with inum 0 is free and all zeros. Names are 1..CLANFS_NAME_MAX bytes, any byte
 * but '/' and NUL, not "." or ".."; the rest of name is zeros. A directory has no "." or ".."
 * entries: the parent is kept in the tail of every one of its blocks.
 */
#define CLANFS_NAME_MAX 59
struct clanfs_dirent {
	uint32_t inum;
	char name[CLANFS_NAME_MAX + 1]; /* NUL-padded */
};
_Static_assert(sizeof(struct clanfs_dirent) == 64, "directory entry layout");

#define CLANFS_DIRENTS_PER_BLOCK 63
#define CLANFS_DIRTAIL_MAGIC 0x52494443 /* "CDIR" */
struct clanfs_dirtail {
	uint32_t magic;  /* CLANFS_DIRTAIL_MAGIC */
	uint32_t inum;   /* the directory this block belongs to */
	uint32_t parent; /* its parent directory (the root's parent is itself) */
	uint32_t reserved[12];
	uint32_t checksum; /* crc32 of the whole block with checksum 0 */
};
_Static_assert(sizeof(struct clanfs_dirtail) == 64, "directory tail layout");
_Static_assert(CLANFS_DIRENTS_PER_BLOCK * sizeof(struct clanfs_dirent) +
			       sizeof(struct clanfs_dirtail) ==
		       CLANFS_BLOCK_SIZE,
	       "a directory block is entries and a tail");

/*
 * The log's first block. A transaction is committed when this header, naming n blocks and
 * carrying a checksum over itself and those n logged blocks, is on disk; mount then copies
 * each logged block i (log_start + 1 + i) to its home block[i] and writes n = 0. A header
 * whose checksum does not match is an uncommitted transaction and is discarded.
 */
#define CLANFS_LOG_MAGIC 0x474f4c43 /* "CLOG" */
#define CLANFS_LOG_MAX 1000 /* most blocks one transaction may log (fits in the header block) */
struct clanfs_loghdr {
	uint32_t magic;    /* CLANFS_LOG_MAGIC */
	uint32_t n;        /* blocks logged; 0: nothing to replay */
	uint64_t sequence; /* counts commits, for reports */
	uint32_t checksum; /* crc32 of the n logged blocks, then of this header with checksum 0 */
	uint32_t reserved;
	uint32_t block[CLANFS_LOG_MAX]; /* home block of each logged block */
};
_Static_assert(sizeof(struct clanfs_loghdr) <= CLANFS_BLOCK_SIZE, "log header fits a block");

/* The users file every image carries: lines "name:uid:role", role one of root, admin, user,
 * guest (see fs/cred.h). */
#define CLANFS_PASSWD_PATH "/etc/passwd"

#endif
#endif
