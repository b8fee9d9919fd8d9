#if LAB >= 5
/*
 * fsck's checks of everything the superblock describes, in three passes.
 *
 * 1. The inode table: every slot is all zeros (free) or an in-use inode with
 *    a right checksum, a known type, a mode in range, zero reserved fields
 *    and a size in range. Each in-use inode's block pointers are followed:
 *    in range, in the data area, owned by no other inode, zero beyond the
 *    size. Blocks are owned in fs.owner; directory and indirect blocks are
 *    marked as metadata.
 * 2. The tree, breadth first from the root: each directory block's tail
 *    (magic, owner, parent, checksum), each entry (name rule, zero padding,
 *    an in-use inode, no duplicate). A directory reached twice has two
 *    parents. Entries naming each inode are counted. Paths stop at
 *    FSCK_PATH_MAX bytes, which bounds the memory they take and the depth of
 *    --ls's recursion.
 * 3. Link counts against the counts, every in-use inode reached, and the
 *    bitmap equal to the metadata area plus the owned blocks, with no bit set
 *    beyond the last block.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "fsck.h"

static bool
all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* Take block bno for inode inum; false (reported) if it cannot be its block. */
static bool
claim(uint32_t inum, uint32_t bno, bool meta)
{
	if (bno >= fs.sb.nblocks) {
		problem("inode %u: block %u out of range", inum, bno);
		return false;
	}
	if (bno < fs.sb.data_start) {
		problem("inode %u: block %u in the metadata area", inum, bno);
		return false;
	}
	if (fs.owner[bno]) {
		problem("block %u used twice: by inodes %u and %u", bno, fs.owner[bno], inum);
		return false;
	}
	fs.owner[bno] = inum;
	fs.meta[bno] = meta;
	return true;
}

/* Pointer to file block i of inode inum (nb blocks, directory or not): zero beyond the size,
 * nonzero inside a directory's size, and claimable. */
static void
check_ptr(uint32_t inum, uint64_t i, uint32_t p, uint64_t nb, bool dir)
{
	if (i >= nb) {
		if (p)
			problem("inode %u: block pointer %llu beyond its size is %u", inum,
				(unsigned long long)i, p);
	} else if (!p) {
		if (dir)
			problem("inode %u: directory block %llu missing", inum,
				(unsigned long long)i);
	} else {
		claim(inum, p, dir);
	}
}

/* An indirect block at bno mapping file blocks base.. of inode inum: claim it, check its
 * pointers. Nonzero only inside the size. */
static void
check_indirect(uint32_t inum, uint32_t bno, uint64_t base, uint64_t nb, bool dir)
{
	if (base >= nb) {
		if (bno)
			problem("inode %u: indirect block %u beyond its size", inum, bno);
		return;
	}
	if (!bno) {
		if (dir)
			problem("inode %u: directory indirect block missing", inum);
		return;
	}
	if (!claim(inum, bno, true))
		return;
	const uint32_t *p = (const uint32_t *)fsck_block(bno);
	for (uint32_t k = 0; k < CLANFS_PTRS_PER_BLOCK; k++)
		check_ptr(inum, base + k, p[k], nb, dir);
}

static void
check_blocks(uint32_t inum, const struct clanfs_dinode *ip)
{
	const uint64_t ind_end = CLANFS_NDIRECT + CLANFS_PTRS_PER_BLOCK;
	uint64_t nb = (ip->size + CLANFS_BLOCK_SIZE - 1) / CLANFS_BLOCK_SIZE;
	bool dir = ip->type == CLANFS_T_DIR;

	for (uint32_t i = 0; i < CLANFS_NDIRECT; i++)
		check_ptr(inum, i, ip->direct[i], nb, dir);
	check_indirect(inum, ip->indirect, CLANFS_NDIRECT, nb, dir);
	if (ind_end >= nb) {
		if (ip->dindirect)
			problem("inode %u: double-indirect block %u beyond its size", inum,
				ip->dindirect);
		return;
	}
	if (!ip->dindirect) {
		if (dir)
			problem("inode %u: directory double-indirect block missing", inum);
		return;
	}
	if (!claim(inum, ip->dindirect, true))
		return;
	const uint32_t *p = (const uint32_t *)fsck_block(ip->dindirect);
	for (uint32_t j = 0; j < CLANFS_PTRS_PER_BLOCK; j++)
		check_indirect(inum, p[j], ind_end + (uint64_t)j * CLANFS_PTRS_PER_BLOCK, nb, dir);
}

static void
check_inode(uint32_t inum)
{
	const struct clanfs_dinode *ip = fsck_inode(inum);

	fs.ino[inum].state = I_BAD;
	if (all_zero(ip, sizeof(*ip))) {
		fs.ino[inum].state = I_FREE;
		return;
	}
	if (inum == 0 || inum >= fs.sb.ninodes) {
		problem("inode %u: not zero, and no inode may use that slot", inum);
		return;
	}
	if (ip->checksum != image_inode_crc(ip)) {
		problem("inode %u: bad checksum", inum);
		return;
	}
	if (ip->type != CLANFS_T_FILE && ip->type != CLANFS_T_DIR) {
		problem("inode %u: bad type %u", inum, ip->type);
		return;
	}
	if (ip->mode > CLANFS_MODE_MASK)
		problem("inode %u: mode %#o out of range", inum, ip->mode);
	if (ip->reserved0 || !all_zero(ip->reserved, sizeof(ip->reserved)))
		problem("inode %u: reserved fields not zero", inum);
	if (ip->size > (uint64_t)CLANFS_MAX_FILE_BLOCKS * CLANFS_BLOCK_SIZE)
		problem("inode %u: size %llu beyond the largest file", inum,
			(unsigned long long)ip->size);
	if (ip->type == CLANFS_T_DIR && (ip->size == 0 || ip->size % CLANFS_BLOCK_SIZE))
		problem("inode %u: directory size %llu not a positive multiple of %d", inum,
			(unsigned long long)ip->size, CLANFS_BLOCK_SIZE);
	fs.ino[inum].state = ip->type == CLANFS_T_DIR ? I_DIR : I_FILE;
	check_blocks(inum, ip);
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = malloc(n);

	if (!s) {
		fprintf(stderr, "fsck: out of memory\n");
		exit(2);
	}
	snprintf(s, n, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
	return s;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The entry e of directory d, in block b of it: valid? Then record it in kids. */
static bool
check_entry(uint32_t d, const struct clanfs_dirent *e, struct entry *kid)
{
	const char *path = fs.ino[d].path;
	size_t len = strnlen(e->name, sizeof(e->name));

	if (e->inum == 0) {
		if (!all_zero(e, sizeof(*e)))
			problem("%s: a free entry is not zero", path);
		return false;
	}
	if (len == sizeof(e->name) || !image_name_ok(e->name, len) ||
	    !all_zero(e->name + len, sizeof(e->name) - len)) {
		problem("%s: entry for inode %u: bad name", path, e->inum);
		return false;
	}
	if (e->inum >= fs.sb.ninodes ||
	    (fs.ino[e->inum].state != I_FILE && fs.ino[e->inum].state != I_DIR)) {
		problem("%s: entry \"%s\" names inode %u, which is not in use", path, e->name,
			e->inum);
		return false;
	}
	memcpy(kid->name, e->name, sizeof(kid->name));
	kid->inum = e->inum;
	return true;
}

/* Check the blocks and entries of reached directory d; queue the directories it names. */
static void
check_dir(uint32_t d, uint32_t *queue, uint32_t *tail_q)
{
	const struct clanfs_dinode *ip = fsck_inode(d);
	struct inode_info *di = &fs.ino[d];
	uint64_t nb = ip->size / CLANFS_BLOCK_SIZE;

	if (nb > CLANFS_MAX_FILE_BLOCKS)
		nb = CLANFS_MAX_FILE_BLOCKS;
	for (uint64_t b = 0; b < nb; b++) {
		uint32_t bno = fsck_bmap(ip, b);
		if (!bno || fs.owner[bno] != d)
			continue; /* reported in the inode pass */
		const uint8_t *blk = fsck_block(bno);
		const struct clanfs_dirent *de = (const struct clanfs_dirent *)blk;
		const struct clanfs_dirtail *t =
			(const struct clanfs_dirtail *)(de + CLANFS_DIRENTS_PER_BLOCK);
		if (t->magic != CLANFS_DIRTAIL_MAGIC || t->checksum != image_dirblock_crc(blk)) {
			problem("%s: block %u: bad directory %s", di->path, bno,
				t->magic != CLANFS_DIRTAIL_MAGIC ? "tail magic" : "checksum");
			continue;
		}
		if (t->inum != d || t->parent != di->parent ||
		    !all_zero(t->reserved, sizeof(t->reserved)))
			problem("%s: block %u: tail says inode %u parent %u, expected %u and %u",
				di->path, bno, t->inum, t->parent, d, di->parent);
		di->kids = realloc(di->kids,
				   (di->nkids + CLANFS_DIRENTS_PER_BLOCK) * sizeof(*di->kids));
		if (!di->kids) {
			fprintf(stderr, "fsck: out of memory\n");
			exit(2);
		}
		for (int e = 0; e < CLANFS_DIRENTS_PER_BLOCK; e++)
			if (check_entry(d, &de[e], &di->kids[di->nkids]))
				di->nkids++;
	}
	if (di->nkids > 1)
		qsort(di->kids, di->nkids, sizeof(*di->kids), by_name);
	for (uint32_t k = 0; k < di->nkids; k++) {
		const struct entry *e = &di->kids[k];
		struct inode_info *ti = &fs.ino[e->inum];
		if (k > 0 && strcmp(e->name, di->kids[k - 1].name) == 0)
			problem("%s: two entries named \"%s\"", di->path, e->name);
		ti->links++;
		if (!ti->path && strlen(di->path) + 1 + strlen(e->name) >= FSCK_PATH_MAX) {
			problem("%s: entry \"%s\": path longer than %d bytes, not followed",
				di->path, e->name, FSCK_PATH_MAX - 1);
		} else if (!ti->path) {
			ti->path = join(di->path, e->name);
			ti->parent = d;
			if (ti->state == I_DIR)
				queue[(*tail_q)++] = e->inum;
		} else if (ti->state == I_DIR) {
			problem("%s/%s: directory %u already reached as %s: two parents",
				strcmp(di->path, "/") ? di->path : "", e->name, e->inum, ti->path);
		}
	}
}

static void
check_tree(void)
{
	uint32_t root = CLANFS_ROOT_INUM, head = 0, tail = 0;
	uint32_t *queue = calloc(fs.sb.ninodes, sizeof(*queue));

	if (!queue) {
		fprintf(stderr, "fsck: out of memory\n");
		exit(2);
	}
	if (fs.ino[root].state != I_DIR) {
		problem("root inode %u is not a directory", root);
	} else {
		fs.ino[root].path = join("/", "");
		fs.ino[root].parent = root;
		queue[tail++] = root;
	}
	while (head < tail)
		check_dir(queue[head++], queue, &tail);
	free(queue);
}

static void
check_links(void)
{
	for (uint32_t inum = 0; inum < fs.sb.ninodes; inum++) {
		struct inode_info *ii = &fs.ino[inum];
		if (ii->state != I_FILE && ii->state != I_DIR)
			continue;
		if (!ii->path && fsck_inode(inum)->nlink == 0) {
			/* Unlink removes the name, then frees the blocks in later transactions: a
			 * crash between leaves this, and the kernel's mount finishes the job. */
			fprintf(fs.report, "fsck: inode %u: orphan (no links): mount frees it\n", inum);
			continue;
		}
		if (!ii->path) {
			problem("inode %u: in use but not reachable", inum);
			continue;
		}
		/* The root is named by no entry: its one link is the mount. */
		uint32_t want = ii->links + (inum == CLANFS_ROOT_INUM);
		if (fsck_inode(inum)->nlink != want)
			problem("%s: link count %u, %u entries name it%s", ii->path,
				fsck_inode(inum)->nlink, ii->links,
				inum == CLANFS_ROOT_INUM ? " (and the mount)" : "");
		if (ii->state == I_DIR)
			fs.ndirs++;
		else
			fs.nfiles++;
	}
}

static void
check_bitmap(void)
{
	const uint8_t *map;
	uint64_t nbits = (uint64_t)fs.sb.nbmap_blocks * 8 * CLANFS_BLOCK_SIZE;
	uint64_t per_block = 8 * CLANFS_BLOCK_SIZE;

	for (uint64_t b = 0; b < nbits; b++) {
		map = fsck_block(fs.sb.bmap_start + (uint32_t)(b / per_block));
		bool set = image_bit(map, b % per_block);
		if (b >= fs.sb.nblocks) {
			if (set)
				problem("bitmap: bit %llu set, beyond the last block",
					(unsigned long long)b);
			continue;
		}
		bool want = b < fs.sb.data_start || fs.owner[b];
		fs.used_blocks += set;
		if (set && !want)
			problem("block %llu in use but not reachable", (unsigned long long)b);
		else if (!set && want)
			problem("block %llu %s but marked free", (unsigned long long)b,
				b < fs.sb.data_start ? "is metadata" : "is reachable");
	}
}

void
fsck_check(void)
{
	uint64_t slots = (uint64_t)fs.sb.ninode_blocks * CLANFS_INODES_PER_BLOCK;

	fs.meta[0] = fs.meta[fs.sb.log_start] = 1;
	for (uint32_t b = fs.sb.inode_start; b < fs.sb.data_start; b++)
		fs.meta[b] = 1; /* the inode table and the bitmap */
	for (uint64_t inum = 0; inum < slots; inum++)
		check_inode((uint32_t)inum);
	check_tree();
	check_links();
	check_bitmap();
}
#endif
