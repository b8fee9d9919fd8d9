#if LAB >= 5
/*
 * Directories, path names and permission checks inside the file system
 * (fs/dir.c, fs/perm.c). Private to fs/. Directory inodes passed in are
 * locked by the caller unless a comment says otherwise.
 */
#ifndef FS_DIR_H
#define FS_DIR_H

#include <stdbool.h>
#include <stdint.h>

#include "fs/cred.h"
#include "fs/inode.h"

/* Blocks an operation reserves for one dir_add (a new block, its pointers, bitmap, inode). */
#define DIR_ADD_BLOCKS 8

/* May c have access want (CLANFS_MODE_R|W|X bits) to ip (locked)? 0 or -EACCES. */
int perm_check(const struct cred *c, const struct inode *ip, int want);

/* May c change ip's mode (its owner, or root)? 0 or -EPERM. */
int perm_owner(const struct cred *c, const struct inode *ip);

/* Is name (NUL-terminated) a valid entry name? 0, -ENAMETOOLONG or -EINVAL. */
int dir_name_check(const char *name);

/* The inode number name has in dp: 0 and *inum, or -ENOENT, -EUCLEAN, -EIO. */
int dir_lookup(struct inode *dp, const char *name, uint32_t *inum);

/* dp's parent, from the tail of its first block. */
int dir_parent(struct inode *dp, uint32_t *parent);

/* Add name -> inum to dp, reusing a free slot or growing dp by a block; inside an operation
 * with DIR_ADD_BLOCKS reserved. -ENOSPC, -EFBIG, -EUCLEAN, -EIO. */
int dir_add(struct inode *dp, const char *name, uint32_t inum);

/* Point name in dp at inum instead (rename over an existing entry); inside an operation. */
int dir_replace(struct inode *dp, const char *name, uint32_t inum);

/* Remove name from dp; inside an operation. -ENOENT. */
int dir_remove(struct inode *dp, const char *name);

/* 1 if dp has no entries, 0 if it has, or an error. */
int dir_is_empty(struct inode *dp);

/* Make dp (new, empty, locked) a directory of one block under parent; inside an
 * operation (2 blocks and the bitmap). */
int dir_init(struct inode *dp, uint32_t parent);

/* Record parent in every block's tail of dp (a directory moved); inside an operation that
 * reserved dp's size in blocks. */
int dir_set_parent(struct inode *dp, uint32_t parent);

/* The next used entry of dp at or after *cookie: 1 and *inum/name (60 bytes), 0 at the
 * end, or an error. */
int dir_next(struct inode *dp, uint64_t *cookie, uint32_t *inum, char *name);

/* Resolve path for c: 0 and *out (referenced, unlocked). Needs search (X) on every
 * directory passed through. -ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG, -EUCLEAN, -EIO. */
int namei(const struct cred *c, const char *path, struct inode **out);

/* Resolve all but the last component: 0, *out the parent (a directory, referenced,
 * unlocked) and name (CLANFS_NAME_MAX + 1 bytes) the last component. -EINVAL for "/",
 * "." or "..". */
int namei_parent(const struct cred *c, const char *path, struct inode **out, char *name);

#endif
#endif
