#if LAB >= 5
/*
 * File contents (fs/inode.h): which disk block holds each block of a file,
 * through 12 direct pointers, one indirect block of 1024 pointers and one
 * double-indirect block of 1024 indirect blocks; reading, writing and
 * truncating through that map. Every pointer read from an indirect block
 * is checked before it is followed.
 */
#include <stddef.h>

#include "fs/inode.h"
#include "dev/console.h"
#include "fs/bcache.h"
#include "fs/log.h"
#include "lib/errno.h"
#include "lib/string.h"

#define BS CLANFS_BLOCK_SIZE
#define NPTR CLANFS_PTRS_PER_BLOCK
#define IND_FIRST CLANFS_NDIRECT           /* first file block mapped by indirect */
#define DIND_FIRST (CLANFS_NDIRECT + NPTR) /* first mapped by dindirect */
#define MAX_BYTES ((uint64_t)CLANFS_MAX_FILE_BLOCKS * BS)

static int
bad_pointer(struct inode *ip, uint32_t p)
{
	printf("clanfs: inode %u: block number %u out of range\n", ip->inum, p);
	return -EUCLEAN;
}

/* Follow (or with alloc fill) the pointer *slot, in the inode (b NULL) or in the locked
 * buffer b: 0 and *out (0 for a hole). */
static int
follow(struct inode *ip, uint32_t *slot, struct buf *b, bool alloc, uint32_t *out)
{
	if (*slot == 0 && alloc) {
		int err = balloc(slot);
		if (err < 0)
			return err;
		if (b)
			log_write(b);
	} else if (*slot && !block_ok(*slot)) {
		return bad_pointer(ip, *slot);
	}
	*out = *slot;
	return 0;
}

/* Entry i of pointer block pb: 0 and *out (0 for a hole or when pb is 0). */
static int
follow_in(struct inode *ip, uint32_t pb, uint32_t i, bool alloc, uint32_t *out)
{
	struct buf *b;

	*out = 0;
	if (pb == 0)
		return 0;
	int err = bread(fsys.dev, pb, &b);
	if (err < 0)
		return err;
	err = follow(ip, (uint32_t *)b->data + i, b, alloc, out);
	brelse(b);
	return err;
}

int
bmap(struct inode *ip, uint64_t blk, bool alloc, uint32_t *out)
{
	if (blk < IND_FIRST)
		return follow(ip, &ip->d.direct[blk], NULL, alloc, out);
#if SOL >= 5 /* exercise bmap */
	uint32_t mid;
	int err;

	if (blk < DIND_FIRST) {
		err = follow(ip, &ip->d.indirect, NULL, alloc, &mid);
		return err < 0 ? err : follow_in(ip, mid, blk - IND_FIRST, alloc, out);
	}
	if (blk >= CLANFS_MAX_FILE_BLOCKS)
		return -EFBIG;
	blk -= DIND_FIRST;
	err = follow(ip, &ip->d.dindirect, NULL, alloc, &mid);
	if (err == 0)
		err = follow_in(ip, mid, blk / NPTR, alloc, &mid);
	return err < 0 ? err : follow_in(ip, mid, blk % NPTR, alloc, out);
#else
	/* LAB 5: your code here (exercise bmap). Map file blocks past the direct ones:
	   blocks IND_FIRST .. DIND_FIRST-1 through the single indirect block (ip->d.indirect,
	   NPTR pointers), blocks from DIND_FIRST through the double-indirect block, whose
	   entries point to indirect blocks; -EFBIG from CLANFS_MAX_FILE_BLOCKS on. follow()
	   reads (or with alloc fills) a pointer in the inode, follow_in() one in a pointer
	   block. Until then a file ends after its CLANFS_NDIRECT direct blocks (48 KiB). */
	(void)follow_in;
	return -EFBIG;
#endif
}

int64_t
readi(struct inode *ip, void *dst, uint64_t off, uint64_t n)
{
	uint64_t done = 0;

	if (off >= ip->d.size)
		return 0;
	if (n > ip->d.size - off)
		n = ip->d.size - off;
	while (done < n) {
		uint64_t o = (off + done) % BS, k = BS - o < n - done ? BS - o : n - done;
		uint32_t blockno;
		struct buf *b;
		int err = bmap(ip, (off + done) / BS, false, &blockno);
		if (err == 0 && blockno) {
			err = bread(fsys.dev, blockno, &b);
			if (err == 0) {
				memcpy((uint8_t *)dst + done, b->data + o, k);
				brelse(b);
			}
		} else if (err == 0) {
			memset((uint8_t *)dst + done, 0, k);
		}
		if (err < 0)
			return done ? (int64_t)done : err;
		done += k;
	}
	return (int64_t)done;
}

int64_t
writei(struct inode *ip, const void *src, uint64_t off, uint64_t n)
{
	uint64_t done = 0;
	int err = 0;

	if (off > MAX_BYTES || n > MAX_BYTES - off)
		return -EFBIG;
	while (done < n) {
		uint64_t o = (off + done) % BS, k = BS - o < n - done ? BS - o : n - done;
		uint32_t blockno;
		struct buf *b;
		err = bmap(ip, (off + done) / BS, true, &blockno);
		if (err < 0)
			break;
		err = k == BS ? bget_noread(fsys.dev, blockno, &b) : bread(fsys.dev, blockno, &b);
		if (err < 0)
			break;
		memcpy(b->data + o, (const uint8_t *)src + done, k);
		log_write(b);
		brelse(b);
		done += k;
	}
	if (off + done > ip->d.size)
		ip->d.size = off + done;
	ip->d.mtime = ip->d.ctime = fs_now();
	int uerr = iupdate(ip);
	if (done == 0)
		return err < 0 ? err : uerr;
	return (int64_t)done;
}

/* Distinct pointer blocks that file blocks first..last (inclusive) pass through. */
static uint64_t
pointer_blocks(uint64_t first, uint64_t last)
{
	uint64_t k = 0;

	if (last >= IND_FIRST && first < DIND_FIRST)
		k++;
	if (last >= DIND_FIRST) {
		uint64_t f = first > DIND_FIRST ? first - DIND_FIRST : 0;
		k += 1 + (last - DIND_FIRST) / NPTR - f / NPTR + 1;
	}
	return k;
}

static uint64_t
bitmap_blocks(uint64_t changed)
{
	return changed < fsys.sb.nbmap_blocks ? changed : fsys.sb.nbmap_blocks;
}

int
writei_blocks(uint64_t off, uint64_t n)
{
	if (n == 0)
		return 1;
	uint64_t first = off / BS, last = (off + n - 1) / BS;
	uint64_t data = last - first + 1, ptrs = pointer_blocks(first, last);
	uint64_t total = data + ptrs + bitmap_blocks(data + ptrs) + 1;

	return total > (1u << 30) ? 1 << 30 : (int)total;
}

#define TRUNC_PTRS 16 /* pointer blocks one truncation step may change */

/* What one truncation step has changed so far. */
struct trunc {
	uint64_t freed; /* blocks given back */
	uint32_t logged[TRUNC_PTRS];
	int nlogged; /* distinct pointer blocks changed */
};

int
itrunc_blocks(uint64_t max)
{
	/* The inode, the pointer blocks changed, the bitmap blocks of the blocks freed. */
	uint64_t total = 1 + TRUNC_PTRS + bitmap_blocks(max + TRUNC_PTRS);

	return total > (1u << 30) ? 1 << 30 : (int)total;
}

uint64_t
itrunc_step_size(void)
{
	uint64_t step = 1ULL << 20;

	while (step > 1 && itrunc_blocks(step) > log_cap())
		step /= 2;
	return step;
}

/* Give back block blockno (a pointer just cleared). */
static int
drop_block(struct inode *ip, struct trunc *t, uint32_t blockno)
{
	if (!block_ok(blockno))
		return bad_pointer(ip, blockno);
	t->freed++;
	return bfree(blockno);
}

/* Clear entry i of pointer block pb and free the block it names; *left: whether pb
 * still maps something before i (if not, the caller frees pb itself). */
static int
clear_entry(struct inode *ip, struct trunc *t, uint32_t pb, uint32_t i)
{
	struct buf *b;
	int err = bread(fsys.dev, pb, &b);

	if (err < 0)
		return err;
	uint32_t *slot = (uint32_t *)b->data + i, p = *slot;
	if (p) {
		*slot = 0;
		log_write(b);
		bool seen = false;
		for (int k = 0; k < t->nlogged; k++)
			seen |= t->logged[k] == pb;
		if (!seen)
			t->logged[t->nlogged++] = pb;
	}
	brelse(b);
	return p ? drop_block(ip, t, p) : 0;
}

/* Entry i of pointer block pb (checked), or 0. */
static int
entry(struct inode *ip, uint32_t pb, uint32_t i, uint32_t *out)
{
	return follow_in(ip, pb, i, false, out);
}

/* Free file block blk, the last one the file may hold, and any pointer block that maps
 * nothing below it. Returns how many file blocks are now gone from the end (more than 1
 * when a whole range is a hole), or an error. */
static int64_t
drop_last(struct inode *ip, struct trunc *t, uint64_t blk)
{
	uint32_t *top, i, l2;
	int err;

	if (blk < IND_FIRST) {
		uint32_t p = ip->d.direct[blk];
		ip->d.direct[blk] = 0;
		return p ? (err = drop_block(ip, t, p)) < 0 ? err : 1 : 1;
	}
	if (blk < DIND_FIRST) {
		top = &ip->d.indirect;
		i = (uint32_t)(blk - IND_FIRST);
		if (*top == 0)
			return i + 1;
		err = clear_entry(ip, t, *top, i);
	} else {
		uint64_t j = blk - DIND_FIRST;
		int64_t gone = 1;
		top = &ip->d.dindirect;
		i = (uint32_t)(j / NPTR);
		if (*top == 0)
			return (int64_t)j + 1;
		err = entry(ip, *top, i, &l2);
		if (err < 0)
			return err;
		if (l2) {
			err = clear_entry(ip, t, l2, (uint32_t)(j % NPTR));
			if (err < 0 || j % NPTR)
				return err < 0 ? err : 1;
		} else {
			gone = (int64_t)(j % NPTR) + 1; /* the rest of this range is a hole */
		}
		/* Nothing is left in entry i's range: clear it (freeing l2). */
		err = clear_entry(ip, t, *top, i);
		if (err == 0 && i == 0) {
			err = drop_block(ip, t, *top);
			*top = 0;
		}
		return err < 0 ? err : gone;
	}
	if (err < 0)
		return err;
	if (i == 0) {
		err = drop_block(ip, t, *top);
		*top = 0;
		if (err < 0)
			return err;
	}
	return 1;
}

int
itrunc_step(struct inode *ip, uint64_t max)
{
	struct trunc t = { 0 };
	uint64_t nb = (ip->d.size + BS - 1) / BS;
	int err = 0;

	/* A file or directory never holds blocks past its size, so its last block is the
	 * place to start; each drop changes at most two new pointer blocks. */
	while (nb > 0 && t.freed < max && t.nlogged <= TRUNC_PTRS - 2) {
		int64_t gone = drop_last(ip, &t, nb - 1);
		if (gone < 0) {
			err = (int)gone;
			break;
		}
		nb -= (uint64_t)gone;
	}
	if (ip->d.size > nb * BS)
		ip->d.size = nb * BS;
	ip->d.mtime = ip->d.ctime = fs_now();
	int uerr = iupdate(ip);
	if (err < 0 || uerr < 0)
		return err < 0 ? err : uerr;
	return nb == 0;
}

/* Blocks pointer block pb maps, itself included. */
static int64_t
count_ptrs(struct inode *ip, uint32_t pb)
{
	struct buf *b;
	int64_t n = 1;

	if (!block_ok(pb))
		return bad_pointer(ip, pb);
	int err = bread(fsys.dev, pb, &b);
	if (err < 0)
		return err;
	for (int i = 0; i < NPTR; i++)
		n += ((uint32_t *)b->data)[i] != 0;
	brelse(b);
	return n;
}

int64_t
iblocks(struct inode *ip)
{
	int64_t n = 0, k;
	uint32_t l2;

	for (int i = 0; i < CLANFS_NDIRECT; i++)
		n += ip->d.direct[i] != 0;
	if (ip->d.indirect) {
		if ((k = count_ptrs(ip, ip->d.indirect)) < 0)
			return k;
		n += k;
	}
	if (ip->d.dindirect) {
		n++;
		for (uint32_t i = 0; i < NPTR; i++) {
			int err = entry(ip, ip->d.dindirect, i, &l2);
			if (err < 0)
				return err;
			if (l2 && (k = count_ptrs(ip, l2)) < 0)
				return k;
			n += l2 ? k : 0;
		}
	}
	return n;
}
#endif
