#if LAB >= 5
/*
 * Block allocation from the bitmap (fs/inode.h): bit b of the bitmap, in
 * block bmap_start + b / (8 * block size), is 1 when block b is in use.
 * balloc looks from a moving hint so files written one after another get
 * blocks in order; a new block is zeroed in the cache (logged with the
 * transaction that allocated it), so a crash never exposes old contents.
 */
#include "fs/inode.h"
#include "dev/console.h"
#include "fs/bcache.h"
#include "fs/log.h"
#include "lib/errno.h"
#include "lib/string.h"

#define BITS_PER_BLOCK (CLANFS_BLOCK_SIZE * 8)

static uint32_t balloc_hint; /* the next block to try; races are harmless */

bool
block_ok(uint32_t blockno)
{
	return blockno >= fsys.sb.data_start && blockno < fsys.sb.nblocks;
}

/* Take a free bit at or after from in bitmap block bi: its block number, or 0. */
static uint32_t
take_bit(struct buf *b, uint32_t bi, uint32_t from)
{
	uint32_t first = bi * BITS_PER_BLOCK;
	uint32_t *words = (uint32_t *)b->data;

	for (uint32_t w = (from - first) / 32; w < BITS_PER_BLOCK / 32; w++) {
		if (words[w] == 0xffffffffu)
			continue;
		for (uint32_t bit = 0; bit < 32; bit++) {
			uint32_t blockno = first + w * 32 + bit;
			if (blockno >= fsys.sb.nblocks)
				return 0;
			if (blockno < from || blockno < fsys.sb.data_start ||
			    (words[w] & (1u << bit)))
				continue;
			words[w] |= 1u << bit;
			return blockno;
		}
	}
	return 0;
}

int
balloc(uint32_t *out)
{
	uint32_t start = balloc_hint, nb = fsys.sb.nbmap_blocks;
	struct buf *b;

	if (!block_ok(start))
		start = fsys.sb.data_start;
	/* Each bitmap block once from the hint on, then the hint's block again from its start. */
	for (uint32_t k = 0; k <= nb; k++) {
		uint32_t bi = (start / BITS_PER_BLOCK + k) % nb;
		uint32_t from = k == 0 ? start : bi * BITS_PER_BLOCK;
		int err = bread(fsys.dev, fsys.sb.bmap_start + bi, &b);
		if (err < 0)
			return err;
		uint32_t blockno = take_bit(b, bi, from);
		if (blockno) {
			log_write(b);
			brelse(b);
			balloc_hint = blockno + 1;
			err = bget_noread(fsys.dev, blockno, &b);
			if (err < 0)
				return err;
			memset(b->data, 0, CLANFS_BLOCK_SIZE);
			log_write(b);
			brelse(b);
			*out = blockno;
			return 0;
		}
		brelse(b);
	}
	return -ENOSPC;
}

int
bfree(uint32_t blockno)
{
	struct buf *b;
	uint32_t bit = blockno % BITS_PER_BLOCK;

	if (!block_ok(blockno)) {
		printf("clanfs: block %u: freed, but not a data block\n", blockno);
		return -EUCLEAN;
	}
	int err = bread(fsys.dev, fsys.sb.bmap_start + blockno / BITS_PER_BLOCK, &b);
	if (err < 0)
		return err;
	uint32_t *word = (uint32_t *)b->data + bit / 32;
	if (!(*word & (1u << (bit % 32)))) {
		brelse(b);
		printf("clanfs: block %u: freed but not in use\n", blockno);
		return -EUCLEAN;
	}
	*word &= ~(1u << (bit % 32));
	log_write(b);
	brelse(b);
	if (blockno < balloc_hint)
		balloc_hint = blockno;
	return 0;
}

int64_t
bcount_free(void)
{
	int64_t nfree = 0;

	for (uint32_t bi = 0; bi < fsys.sb.nbmap_blocks; bi++) {
		struct buf *b;
		int err = bread(fsys.dev, fsys.sb.bmap_start + bi, &b);
		if (err < 0)
			return err;
		for (uint32_t i = 0; i < BITS_PER_BLOCK; i++) {
			uint32_t blockno = bi * BITS_PER_BLOCK + i;
			if (blockno >= fsys.sb.nblocks)
				break;
			if (!(b->data[i / 8] & (1u << (i % 8))))
				nfree++;
		}
		brelse(b);
	}
	return nfree;
}
#endif
