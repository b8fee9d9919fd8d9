#if LAB >= 5
/* What the host tests of the file system add to the kernel's interfaces (host_blk.c,
 * host_fs.c). */
#ifndef TEST_HOST_FS_H
#define TEST_HOST_FS_H

#include <stdint.h>

struct blkdev;

/* The disk "vblk0" over the open file fd of bytes bytes. */
struct blkdev *host_blk_attach(int fd, uint64_t bytes);

/* A 4 KiB block for the buffer cache (malloc). */
void *host_frame(void);

#endif
#endif
