#if LAB >= 5
/*
 * fsck's state, shared by its two files: fsck.c reads the image, checks the
 * superblock, replays the log and prints what was asked; fsck_check.c checks
 * the inodes, the directory tree, the link counts and the bitmap.
 */
#ifndef MKFS_FSCK_H
#define MKFS_FSCK_H

#include <stdint.h>
#include <stdio.h>

#include "image.h"

/* The longest path fsck follows, its NUL included, as Linux's PATH_MAX. */
#define FSCK_PATH_MAX 4096

/* What fsck knows of each inode once fsck_check() has run. */
enum istate { I_FREE, I_BAD, I_FILE, I_DIR };

struct entry {
	char name[CLANFS_NAME_MAX + 1];
	uint32_t inum;
};

struct inode_info {
	enum istate state;
	uint32_t links;     /* valid entries naming it */
	uint32_t parent;    /* a reached directory: the directory naming it */
	char *path;         /* reached: its first path; NULL: not reached from the root */
	struct entry *kids; /* a reached directory: its valid entries, sorted by name */
	uint32_t nkids;
};

struct fsck {
	struct clanfs_super sb;
	uint8_t *img;           /* the image file as read, and replayed in memory */
	uint64_t file_blocks;   /* whole blocks in the image file */
	uint32_t *owner;        /* per block: the inode whose data or indirect block it is */
	uint8_t *meta;          /* per block: 1 if it holds metadata */
	struct inode_info *ino; /* per inode */
	uint32_t nfiles, ndirs, used_blocks;
	int problems;
	FILE *report; /* where problem and summary lines go */
};

extern struct fsck fs;

/* Report one problem: prints "fsck: " and the message on its own line. */
void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Block b of the image: its bytes, or zeros past the end of a truncated image. */
uint8_t *fsck_block(uint32_t b);

/* The disk inode inum (below sb.ninodes). */
struct clanfs_dinode *fsck_inode(uint32_t inum);

/* The block holding byte i * CLANFS_BLOCK_SIZE of an inode, or 0 for a hole or a pointer
 * that leads outside the data area. */
uint32_t fsck_bmap(const struct clanfs_dinode *ip, uint64_t i);

/* Check everything after the superblock and the log; fills fs.ino, fs.owner, fs.meta. */
void fsck_check(void);

#endif
#endif
