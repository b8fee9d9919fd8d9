#if LAB >= 5
/*
 * fs_init (fs/fs.h): at boot, make the buffer cache from page frames,
 * choose the disk (bootarg root=, else the first virtio disk, else the ATA
 * fs disk), mount it and load the users. Kernel only: the host tests make
 * their own cache and mount their image themselves.
 */
#include <stddef.h>

#include "fs/fs.h"
#include "dev/blk.h"
#include "dev/console.h"
#include "fs/bcache.h"
#include "kernel.h"
#include "lib/string.h"
#include "mm/buddy.h"

#define BCACHE_NBUF 1024 /* 4 MiB of cached blocks */

/* A frame for a buffer, or NULL. */
static void *
bcache_frame(void)
{
	struct page *pg = page_alloc(0, OWNER_BCACHE);

	return pg ? page_va(pg) : NULL;
}

void
fs_init(void)
{
	const char *want = bootarg("root");
	struct blkdev *dev;

	if (want && strcmp(want, "none") == 0) {
		printf("clanfs: root=none: no file system mounted\n");
	} else {
		dev = want ? blk_find(want) : blk_find("vblk0");
		if (!dev && !want)
			dev = blk_find("ata1");
		if (!dev)
			printf("clanfs: no disk %s to mount\n", want ? want : "vblk0 or ata1");
		else if (bcache_init(BCACHE_NBUF, bcache_frame) < 0)
			printf("clanfs: no memory for the buffer cache\n");
		else
			fs_mount(dev);
	}
	users_load();
}
#endif
