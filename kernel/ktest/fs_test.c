#if LAB >= 5
/*
 * File-system tests the lab 5 graders boot; each works on the mounted disk
 * through fs/fs.h as root and the host checks the image afterwards with fsck.
 *
 * test=fs1000 makes /many holding 1000 empty files and counts them back
 * with fs_readdir, so a directory spans many blocks (63 entries a block).
 *
 * test=fsstress (grade/fs_crash.py) does random operations in /stress until
 * the host kills the emulator: each is printed before it starts and "ok"
 * after it returns, when it has committed, so the host can rebuild the
 * expected contents from the console. The names are few (directories a, b, c
 * under /stress, files f0..f5 in each) so operations collide: replacing
 * renames, a directory moved with its files, a directory removed once empty.
 * A put writes /stress/.tmp from the xorshift32 stream of its seed (the bytes
 * the monitor's fill writes) and renames it over the target, so the target
 * changes in one transaction however large the write. The test learns what
 * exists from the disk when it starts, so a round continues from whatever
 * the previous, killed round left behind.
 *
 * test=fsdamage (grade/fs_damage.py) runs on a deliberately damaged image:
 * it stats every entry, reads every file and then creates, writes, renames
 * and removes a scratch file, counting the errors the file system reports.
 * It passes if it gets to the end: damage must never panic the kernel.
 */
#include "ktest/ktest.h"
#include "kernel.h"
#include "dev/console.h"
#include "fs/clanfs.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/xorshift.h"
#include "mm/slab.h"

#define CHUNK 65536 /* bytes moved per fs_read or fs_write */

/* The boot argument seed=N (decimal), or 1. */
static uint32_t
seed_arg(void)
{
	const char *s = bootarg("seed");
	uint32_t v = 0;

	for (; s && *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint32_t)(*s - '0');
	return v ? v : 1;
}

/* fs1000 */

#define MANY_DIR "/many"
#define MANY_FILES 1000

/* n for a name "f<nnnn>" below MANY_FILES, else -1. */
static int
many_index(const char *name)
{
	int n = 0;

	if (strlen(name) != 5 || name[0] != 'f')
		return -1;
	for (int k = 1; k < 5; k++) {
		if (name[k] < '0' || name[k] > '9')
			return -1;
		n = n * 10 + name[k] - '0';
	}
	return n < MANY_FILES ? n : -1;
}

void
ktest_fs1000(void)
{
	static bool seen[MANY_FILES];
	char path[32];
	struct inode *ip;
	int r;

	if ((r = fs_mkdir(&cred_root, MANY_DIR, 075)) < 0) {
		printf("ktest: fs1000: FAILED: mkdir %s: %s\n", MANY_DIR, errno_text(r));
		return;
	}
	for (int i = 0; i < MANY_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%04d", MANY_DIR, i);
		r = fs_open(&cred_root, path, FS_O_WRITE | FS_O_CREATE | FS_O_EXCL, 064, &ip);
		if (r < 0) {
			printf("ktest: fs1000: FAILED: create %s: %s\n", path, errno_text(r));
			return;
		}
		fs_close(ip);
	}
	if ((r = fs_open(&cred_root, MANY_DIR, FS_O_READ, 0, &ip)) < 0) {
		printf("ktest: fs1000: FAILED: open %s: %s\n", MANY_DIR, errno_text(r));
		return;
	}
	struct fs_dirent de;
	uint64_t cookie = 0;
	int count = 0, bad = 0;
	while ((r = fs_readdir(ip, &cookie, &de)) > 0) {
		int n = many_index(de.name);
		if (n < 0 || seen[n])
			bad++;
		else
			seen[n] = true;
		count++;
	}
	fs_close(ip);
	if (r < 0)
		printf("ktest: fs1000: FAILED: readdir %s: %s\n", MANY_DIR, errno_text(r));
	else if (count != MANY_FILES || bad)
		printf("ktest: fs1000: FAILED: readdir gave %d entries, %d of them unexpected or "
		       "repeated; want f0000..f0999 once each\n",
		       count, bad);
	else if ((r = fs_sync()) < 0)
		printf("ktest: fs1000: FAILED: sync: %s\n", errno_text(r));
	else
		printf("fs1000: ok\n");
}

/* fsstress */

#define STRESS_DIR "/stress"
#define STRESS_TMP "/stress/.tmp"
#define NDIRS 4  /* slot 0 is /stress itself, 1..3 its subdirectories */
#define NFILES 6 /* f0..f5 in each directory */
#define PUT_MAX (200 * 1024)
#define PUT_SMALL (16 * 1024) /* three puts in four are at most this long */

static const char *const dir_path[NDIRS] = { STRESS_DIR, "/stress/a", "/stress/b", "/stress/c" };

/* What the test believes is on the disk; only its one thread touches it. */
static struct {
	bool dir[NDIRS];
	bool file[NDIRS][NFILES];
	uint32_t rng;
	uint8_t *buf; /* CHUNK bytes */
} stress;

enum op_kind { OP_PUT, OP_RM, OP_MV, OP_MKDIR, OP_RMDIR, OP_MVDIR };

struct op {
	enum op_kind kind;
	int d1, f1, d2, f2; /* source and target slots */
	uint32_t len, seed; /* OP_PUT */
};

static uint32_t
pick(uint32_t n)
{
	return xorshift32(&stress.rng) % n;
}

static void
file_path(char *buf, size_t size, int d, int f)
{
	snprintf(buf, size, "%s/f%d", dir_path[d], f);
}

/* An existing directory slot (0, /stress, always exists). */
static int
pick_dir(void)
{
	int d;
	do
		d = (int)pick(NDIRS);
	while (!stress.dir[d]);
	return d;
}

/* An existing file's slots; false if there is none. */
static bool
pick_file(int *d, int *f)
{
	int n = 0;
	for (int i = 0; i < NDIRS; i++)
		for (int j = 0; j < NFILES; j++)
			n += stress.file[i][j];
	if (n == 0)
		return false;
	int k = (int)pick((uint32_t)n);
	for (int i = 0; i < NDIRS; i++)
		for (int j = 0; j < NFILES; j++)
			if (stress.file[i][j] && k-- == 0) {
				*d = i, *f = j;
				return true;
			}
	return false;
}

static bool
dir_empty(int d)
{
	for (int j = 0; j < NFILES; j++)
		if (stress.file[d][j])
			return false;
	return true;
}

/* Choose the next operation, one that must succeed given what exists. */
static void
choose(struct op *op)
{
	for (;;) {
		uint32_t p = pick(100);
		op->d1 = 1 + (int)pick(NDIRS - 1); /* a subdirectory, for the directory ops */
		op->d2 = 1 + (int)pick(NDIRS - 1);
		if (p < 45) {
			op->kind = OP_PUT;
			op->d1 = pick_dir();
			op->f1 = (int)pick(NFILES);
			op->len = pick(4) == 0 ? pick(PUT_MAX + 1) : pick(PUT_SMALL + 1);
			op->seed = xorshift32(&stress.rng) | 1;
			return;
		}
		if (p < 60 && pick_file(&op->d1, &op->f1)) {
			op->kind = OP_RM;
			return;
		}
		if (p < 80 && pick_file(&op->d1, &op->f1)) {
			op->kind = OP_MV;
			op->d2 = pick_dir();
			op->f2 = (int)pick(NFILES);
			if (op->d2 != op->d1 || op->f2 != op->f1)
				return;
		} else if (p >= 80 && p < 88 && !stress.dir[op->d1]) {
			op->kind = OP_MKDIR;
			return;
		} else if (p >= 88 && p < 94 && stress.dir[op->d1] && dir_empty(op->d1)) {
			op->kind = OP_RMDIR;
			return;
		} else if (p >= 94 && stress.dir[op->d1] && !stress.dir[op->d2]) {
			op->kind = OP_MVDIR;
			return;
		}
	}
}

/* Write len bytes of seed's stream to STRESS_TMP and rename it over path. */
static int64_t
put(const char *path, uint32_t len, uint32_t seed)
{
	struct inode *ip;
	int64_t r =
		fs_open(&cred_root, STRESS_TMP, FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC, 064, &ip);
	if (r < 0)
		return r;
	for (uint32_t off = 0; off < len && r >= 0; off += CHUNK) {
		uint32_t n = len - off < CHUNK ? len - off : CHUNK;
		for (uint32_t i = 0; i < n; i++)
			stress.buf[i] = (uint8_t)xorshift32(&seed);
		r = fs_write(ip, stress.buf, off, n);
		if (r >= 0 && r != n)
			r = -EIO; /* a short write with space left is a bug */
	}
	fs_close(ip);
	return r < 0 ? r : fs_rename(&cred_root, STRESS_TMP, path);
}

/* Print op i, do it, update the beliefs; 0 or the error. */
static int64_t
run_op(uint64_t i, const struct op *op)
{
	char a[32], b[32];
	int64_t r = 0;

	switch (op->kind) {
	case OP_PUT:
		file_path(a, sizeof(a), op->d1, op->f1);
		printf("fsstress: op %lu put %s %u %u\n", i, a, op->len, op->seed);
		if ((r = put(a, op->len, op->seed)) == 0)
			stress.file[op->d1][op->f1] = true;
		break;
	case OP_RM:
		file_path(a, sizeof(a), op->d1, op->f1);
		printf("fsstress: op %lu rm %s\n", i, a);
		if ((r = fs_unlink(&cred_root, a)) == 0)
			stress.file[op->d1][op->f1] = false;
		break;
	case OP_MV:
		file_path(a, sizeof(a), op->d1, op->f1);
		file_path(b, sizeof(b), op->d2, op->f2);
		printf("fsstress: op %lu mv %s %s\n", i, a, b);
		if ((r = fs_rename(&cred_root, a, b)) == 0) {
			stress.file[op->d1][op->f1] = false;
			stress.file[op->d2][op->f2] = true;
		}
		break;
	case OP_MKDIR:
		printf("fsstress: op %lu mkdir %s\n", i, dir_path[op->d1]);
		if ((r = fs_mkdir(&cred_root, dir_path[op->d1], 075)) == 0)
			stress.dir[op->d1] = true;
		break;
	case OP_RMDIR:
		printf("fsstress: op %lu rmdir %s\n", i, dir_path[op->d1]);
		if ((r = fs_unlink(&cred_root, dir_path[op->d1])) == 0)
			stress.dir[op->d1] = false;
		break;
	case OP_MVDIR:
		printf("fsstress: op %lu mv %s %s\n", i, dir_path[op->d1], dir_path[op->d2]);
		if ((r = fs_rename(&cred_root, dir_path[op->d1], dir_path[op->d2])) == 0) {
			stress.dir[op->d1] = false;
			stress.dir[op->d2] = true;
			memcpy(stress.file[op->d2], stress.file[op->d1], sizeof(stress.file[0]));
			memset(stress.file[op->d1], 0, sizeof(stress.file[0]));
		}
		break;
	}
	return r;
}

/* Learn what a previous round left in /stress, making the directory if needed. */
static int
stress_scan(void)
{
	struct fs_stat st;
	char path[32];
	int r = fs_stat(&cred_root, STRESS_DIR, &st);

	if (r == -ENOENT)
		r = fs_mkdir(&cred_root, STRESS_DIR, 075);
	if (r < 0)
		return r;
	for (int d = 0; d < NDIRS; d++) {
		stress.dir[d] =
			fs_stat(&cred_root, dir_path[d], &st) == 0 && st.type == CLANFS_T_DIR;
		for (int f = 0; f < NFILES; f++) {
			file_path(path, sizeof(path), d, f);
			stress.file[d][f] = stress.dir[d] && fs_stat(&cred_root, path, &st) == 0 &&
					    st.type == CLANFS_T_FILE;
		}
	}
	return 0;
}

void
ktest_fsstress(void)
{
	uint32_t seed = seed_arg();
	struct op op;
	int r;

	stress.rng = seed * 2654435761u ^ 0x9e3779b9u;
	if (stress.rng == 0)
		stress.rng = 1;
	if (!(stress.buf = kmalloc(CHUNK))) {
		printf("ktest: fsstress: FAILED: no memory for a buffer\n");
		return;
	}
	if ((r = stress_scan()) < 0) {
		printf("ktest: fsstress: FAILED: %s: %s\n", STRESS_DIR, errno_text(r));
		return;
	}
	printf("fsstress: start (seed %u)\n", seed);
	for (uint64_t i = 0;; i++) {
		choose(&op);
		int64_t e = run_op(i, &op);
		if (e < 0) {
			printf("ktest: fsstress: FAILED: op %lu: %s\n", i, errno_text((int)e));
			break;
		}
		printf("fsstress: ok %lu\n", i);
	}
	kfree(stress.buf);
}

/* fsdamage */

#define WALK_DEPTH 16           /* deeper directories are not entered (a damaged loop) */
#define WALK_READ_MAX (8 << 20) /* bytes read of one file at most (a damaged size) */

static struct {
	char path[256];
	uint64_t entries, errors;
	uint8_t *buf; /* CHUNK bytes */
} walk;

static void
walk_error(const char *what, const char *path, int64_t r)
{
	walk.errors++;
	printf("fsdamage: %s %s: %s\n", what, path, errno_text((int)r));
}

static void
walk_file(const char *path)
{
	struct inode *ip;
	int64_t n = fs_open(&cred_root, path, FS_O_READ, 0, &ip);

	if (n < 0) {
		walk_error("open", path, n);
		return;
	}
	for (uint64_t off = 0; off < WALK_READ_MAX; off += (uint64_t)n)
		if ((n = fs_read(ip, walk.buf, off, CHUNK)) <= 0)
			break;
	if (n < 0)
		walk_error("read", path, n);
	fs_close(ip);
}

/* Walk the directory at walk.path, len bytes long; walk.path is as it was on return. */
static void
walk_dir(size_t len, int depth)
{
	struct inode *dir;
	struct fs_dirent de;
	struct fs_stat st;
	uint64_t cookie = 0;
	int r = fs_open(&cred_root, walk.path, FS_O_READ, 0, &dir);

	if (r < 0) {
		walk_error("open", walk.path, r);
		return;
	}
	size_t base = len == 1 ? 1 : len + 1; /* where a name goes: after "/" or "dir/" */
	while ((r = fs_readdir(dir, &cookie, &de)) > 0) {
		size_t n = strnlen(de.name, sizeof(de.name));
		walk.entries++;
		if (base + n + 1 > sizeof(walk.path)) {
			walk_error("name in", walk.path, -ENAMETOOLONG);
			continue;
		}
		if (len != 1)
			walk.path[len] = '/';
		memcpy(walk.path + base, de.name, n);
		walk.path[base + n] = '\0';
		if ((r = fs_stat(&cred_root, walk.path, &st)) < 0)
			walk_error("stat", walk.path, r);
		else if (st.type == CLANFS_T_DIR && depth < WALK_DEPTH)
			walk_dir(base + n, depth + 1);
		else if (st.type != CLANFS_T_DIR)
			walk_file(walk.path);
		walk.path[len] = '\0';
	}
	if (r < 0)
		walk_error("readdir", walk.path, r);
	fs_close(dir);
}

/* Create, write, rename and remove a scratch file: the allocator on a damaged disk. */
static void
scratch(void)
{
	const char *tmp = "/fsdamage.tmp", *moved = "/fsdamage.new";
	struct inode *ip;
	uint32_t seed = 1;
	int64_t r = fs_open(&cred_root, tmp, FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC, 064, &ip);

	if (r < 0) {
		walk_error("create", tmp, r);
		return;
	}
	for (uint32_t i = 0; i < CHUNK; i++)
		walk.buf[i] = (uint8_t)xorshift32(&seed);
	if ((r = fs_write(ip, walk.buf, 0, CHUNK)) < 0)
		walk_error("write", tmp, r);
	fs_close(ip);
	if ((r = fs_rename(&cred_root, tmp, moved)) < 0) {
		walk_error("rename", tmp, r);
		moved = tmp;
	}
	if ((r = fs_unlink(&cred_root, moved)) < 0)
		walk_error("remove", moved, r);
}

void
ktest_fsdamage(void)
{
	if (!fs_mounted()) {
		printf("fsdamage: no file system mounted\n");
		return;
	}
	if (!(walk.buf = kmalloc(CHUNK))) {
		printf("ktest: fsdamage: FAILED: no memory for a buffer\n");
		return;
	}
	strlcpy(walk.path, "/", sizeof(walk.path));
	walk_dir(1, 0);
	scratch();
	kfree(walk.buf);
	printf("fsdamage: done: %lu entries, %lu errors\n", walk.entries, walk.errors);
}
#endif
