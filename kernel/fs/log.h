#if LAB >= 5
/*
 * The redo log (format in fs/clanfs.h). Every change to the disk happens
 * inside an operation: begin_op reserves room for the blocks the operation
 * may change, log_write records a changed buffer, end_op returns once the
 * transaction holding the operation has committed. Operations that overlap
 * share one transaction (group commit); a transaction commits when the
 * last of them ends.
 */
#ifndef FS_LOG_H
#define FS_LOG_H

#include <stdint.h>

#include "fs/clanfs.h"

struct blkdev;
struct buf;

#define LOG_TX_MAX 256    /* most blocks one transaction logs */
#define LOG_MIN_BLOCKS 32 /* the smallest usable log: room for the largest fixed-size op */

/* Take over the log area of sb on dev: replay a committed transaction found there (printing
 * what was done or discarded), then start empty. 0, or -EIO, -ENOMEM, -EUCLEAN (log area too
 * small). Called by fs_mount with no operation running. */
int log_init(struct blkdev *dev, const struct clanfs_super *sb);

/* Forget the log at unmount (no operation may be running). */
void log_close(void);

/* Blocks one operation may reserve at most. */
int log_cap(void);

/* Start an operation that changes at most nblocks distinct blocks (at most log_cap()); waits
 * while a commit runs or the open transaction lacks room. Thread context; take it before
 * any inode lock. */
void begin_op(int nblocks);

/* End the operation; commit if it was the last of its transaction, else wait for the commit.
 * 0, or -EIO when the commit failed (then every later operation fails too). Hold no inode
 * lock. */
int end_op(void);

/* Record that b (locked by the caller, inside an operation) changed: it is pinned in the
 * cache and written by the commit. */
void log_write(struct buf *b);

/* Transactions committed since mount. */
uint64_t log_commits(void);

#endif
#endif
