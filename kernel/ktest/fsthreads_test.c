#if LAB >= 5
/*
 * test=fsthreads: four threads use the file system at once, preempted by
 * the timer wherever they are: each writes files of random sizes, reads
 * them back, renames them over names another thread also uses, and removes
 * them. Their operations meet in the same transactions (group commit) and
 * the same directory, so a lock taken in the wrong order deadlocks (the
 * test then never ends) and a lost update shows as wrong bytes. At the end
 * every block and inode must be free again.
 */
#include "ktest/ktest.h"
#include "dev/console.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/xorshift.h"
#include "mm/slab.h"
#include "proc/thread.h"

#define NTHREADS 4
#define ROUNDS 150
#define MAX_BYTES 20000
#define DIR "/mt"

struct worker {
	int id, tid;
	uint32_t rng;
	uint8_t *buf, *back;
	int failures;
	uint64_t bytes;
};

static void
worker_fail(struct worker *w, const char *what, const char *path, int64_t r)
{
	printf("fsthreads: thread %d: %s %s: %s\n", w->id, what, path,
	       r < 0 ? errno_text((int)r) : "wrong bytes");
	w->failures++;
}

/* Write n bytes of the stream from seed to path, read them back and compare. */
static void
put_and_check(struct worker *w, const char *path, uint32_t seed, uint64_t n)
{
	struct inode *ip;
	int flags = FS_O_READ | FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC;
	int r = fs_open(&cred_root, path, flags, 064, &ip);
	if (r < 0)
		return worker_fail(w, "create", path, r);
	for (uint64_t i = 0; i < n; i++)
		w->buf[i] = (uint8_t)xorshift32(&seed);
	int64_t done = fs_write(ip, w->buf, 0, n);
	if (done == (int64_t)n)
		done = fs_read(ip, w->back, 0, MAX_BYTES);
	fs_close(ip);
	if (done < 0 || (uint64_t)done != n || memcmp(w->buf, w->back, n) != 0)
		return worker_fail(w, "write and read back", path, done < 0 ? done : 0);
	w->bytes += n;
}

static void
worker_run(void *arg)
{
	struct worker *w = arg;
	char own[32], shared[32];

	for (int i = 0; i < ROUNDS && w->failures < 3; i++) {
		snprintf(own, sizeof(own), DIR "/t%d-%d", w->id, i % 8);
		snprintf(shared, sizeof(shared), DIR "/shared-%d", i % 4);
		put_and_check(w, own, xorshift32(&w->rng) | 1, xorshift32(&w->rng) % MAX_BYTES);
		int r = 0;
		if (i % 3 == 0) /* over a name every thread renames onto */
			r = fs_rename(&cred_root, own, shared);
		else if (i % 5 == 0)
			r = fs_unlink(&cred_root, own);
		if (r < 0)
			worker_fail(w, i % 3 == 0 ? "rename" : "unlink", own, r);
	}
	for (int i = 0; i < 8; i++) {
		snprintf(own, sizeof(own), DIR "/t%d-%d", w->id, i);
		int r = fs_unlink(&cred_root, own);
		if (r < 0 && r != -ENOENT)
			worker_fail(w, "unlink", own, r);
	}
}

static bool
counts(uint64_t *blocks, uint64_t *inodes)
{
	struct fs_statfs sf;
	if (fs_statfs(&sf) < 0)
		return false;
	*blocks = sf.free_blocks;
	*inodes = sf.free_inodes;
	return true;
}

void
ktest_fsthreads(void)
{
	static struct worker workers[NTHREADS];
	uint64_t blocks0, inodes0, blocks1 = 0, inodes1 = 0;
	int failures = 0, r;

	if (!counts(&blocks0, &inodes0) || (r = fs_mkdir(&cred_root, DIR, 075)) < 0) {
		printf("fsthreads: FAILED: no file system to test, or mkdir " DIR " failed\n");
		return;
	}
	for (int i = 0; i < NTHREADS; i++) {
		struct worker *w = &workers[i];
		*w = (struct worker){ .id = i, .rng = 0x9e3779b9u * (uint32_t)(i + 1) };
		w->buf = kmalloc(MAX_BYTES);
		w->back = kmalloc(MAX_BYTES);
		struct thread *t = w->buf && w->back
					   ? thread_create("fsworker", worker_run, w, SCHED_NORMAL)
					   : NULL;
		if (!t) {
			printf("fsthreads: FAILED: cannot start thread %d\n", i);
			return;
		}
		w->tid = t->tid;
	}
	uint64_t bytes = 0;
	for (int i = 0; i < NTHREADS; i++) {
		thread_join(workers[i].tid, NULL);
		failures += workers[i].failures;
		bytes += workers[i].bytes;
		kfree(workers[i].buf);
		kfree(workers[i].back);
	}
	for (int i = 0; i < 4; i++) {
		char shared[32];
		snprintf(shared, sizeof(shared), DIR "/shared-%d", i);
		fs_unlink(&cred_root, shared);
	}
	fs_unlink(&cred_root, DIR);
	if (!counts(&blocks1, &inodes1) || blocks1 != blocks0 || inodes1 != inodes0) {
		printf("fsthreads: FAILED: %lu blocks and %lu inodes free at the start, %lu and "
		       "%lu "
		       "after\n",
		       blocks0, inodes0, blocks1, inodes1);
		return;
	}
	if (failures == 0)
		printf("fsthreads: ok: %d threads, %d rounds each, %lu bytes written and read "
		       "back; every block and inode free again\n",
		       NTHREADS, ROUNDS, bytes);
}
#endif
