#if LAB >= 5
/*
 * What mkfs and fsck share beyond the format header kernel/fs/clanfs.h: the
 * checksum of each checksummed structure, the layout mkfs lays out and fsck
 * expects, the name rule, and the bitmap. One definition, so the tool that
 * writes an image and the tool that checks it cannot drift apart.
 */
#ifndef MKFS_IMAGE_H
#define MKFS_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/clanfs.h"

/* Checksum of a superblock, an inode, a directory block (4 KiB, tail included): the
 * structure's CRC-32 computed with its checksum field taken as 0. */
uint32_t image_super_crc(const struct clanfs_super *sb);
uint32_t image_inode_crc(const struct clanfs_dinode *ip);
uint32_t image_dirblock_crc(const void *block);

/* Checksum of a log header: crc is the CRC-32 of its n logged blocks (0 for n = 0), continued
 * over the header struct with its checksum field taken as 0. */
uint32_t image_log_crc(uint32_t crc, const struct clanfs_loghdr *lh);

/* Fill every field of sb but created and checksum for a file system of nblocks blocks,
 * ninodes inodes (a multiple of CLANFS_INODES_PER_BLOCK) and nlog log blocks, the regions
 * laid out in order from block 1. Returns false if the metadata leaves no data block. */
bool image_layout(struct clanfs_super *sb, uint32_t nblocks, uint32_t ninodes, uint32_t nlog);

/* Whether the n bytes at name are a valid entry name: 1..CLANFS_NAME_MAX bytes, no '/'
 * or NUL, not "." or "..". */
bool image_name_ok(const char *name, size_t n);

/* Bit b of a bitmap. */
static inline bool
image_bit(const uint8_t *map, uint64_t b)
{
	return (map[b / 8] >> (b % 8)) & 1;
}

static inline void
image_set_bit(uint8_t *map, uint64_t b)
{
	map[b / 8] |= (uint8_t)(1u << (b % 8));
}

#endif
#endif
