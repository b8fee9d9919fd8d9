#if LAB >= 5
/*
 * mkfs: build a CLANFS v2 image from a host directory tree.
 *
 *   mkfs -s SIZE[K|M|G] -o IMAGE [-i NINODES] [-l NLOGBLOCKS] [--owners FILE] [DIR]
 *
 * It works in three passes. scan() reads the host tree into nodes, sorted by
 * name, refusing names longer than CLANFS_NAME_MAX and skipping (with a
 * warning) anything that is neither a regular file nor a directory. Owners and
 * modes then come from defaults (files 64, executable files and directories
 * 75, uid 0), because host permission bits depend on git and the umask, and
 * from the owners file, lines "path uid mode". Finally the image is written:
 * the tree is numbered and sized first, so a tree that does not fit is refused
 * before anything is written; data blocks are handed out in order from
 * data_start, each file's indirect blocks just before the data they map.
 * The image file is truncated to its size and only used blocks are written,
 * so it stays sparse. Times are now, or SOURCE_DATE_EPOCH when set, so the
 * same tree and epoch give the same image byte for byte.
 *
 * From lab 6, --bin DIR puts every regular file of DIR into /bin (mode 75,
 * owner root) and writes beside each a clan-exec-v1 manifest,
 * /bin/<name>.manifest (kernel/exec/exec.h), with the file's SHA-256 and the
 * trust --trust FILE gives it (lines "name trust", user or system; user when
 * unlisted). The files are not checked as ELF: the kernel's loader judges
 * them, and graders put malformed ones in /bin on purpose.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "image.h"
#if LAB >= 6
#include "lib/sha256.h"
#endif

#define MODE_FILE 064
#define MODE_EXEC 075
#define DEFAULT_BYTES_PER_INODE (16 * 1024)
#define DEFAULT_NLOG_LARGE (1 + 512) /* images of 16 MiB or more */

struct node {
	char *name;    /* entry name; "" for the root */
	char *host;    /* path on the host */
	char *path;    /* path in the image */
	uint16_t type; /* CLANFS_T_FILE or CLANFS_T_DIR */
	uint16_t mode;
	uint32_t uid;
	uint32_t inum;
	uint64_t size;      /* bytes: the host file's, or the directory's blocks */
	uint32_t ndata;     /* data blocks */
	struct node **kids; /* a directory's entries, sorted by name */
	int nkids;
	struct node *parent;
#if LAB >= 6
	char *data; /* the contents, made here (a manifest) rather than read from host */
#endif
};

/* The image being written: open for die() to remove it. */
static const char *out_path;
static int out_fd = -1;

static struct clanfs_super sb;
static uint8_t *itable; /* the inode table, written at the end */
static uint8_t *bitmap;
static uint32_t next_block; /* the next free data block */
static uint64_t now;

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("mkfs: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (out_fd >= 0)
		unlink(out_path);
	exit(1);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		die("out of memory");
	return p;
}

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = xcalloc(n, 1);

	snprintf(s, n, "%s%s%s", a, (a[0] && a[strlen(a) - 1] == '/') ? "" : "/", b);
	return s;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct node *const *)a)->name, (*(struct node *const *)b)->name);
}

/* Read the host directory dir->host into dir->kids, recursively. */
static void
scan(struct node *dir)
{
	DIR *d = opendir(dir->host);
	struct dirent *de;
	int cap = 0;

	if (!d)
		die("%s: %s", dir->host, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		struct node *n;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *host = join(dir->host, de->d_name);
		if (lstat(host, &st) < 0)
			die("%s: %s", host, strerror(errno));
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "mkfs: warning: skipping %s: %s\n", host,
				S_ISLNK(st.st_mode) ? "a symbolic link"
						    : "not a file or directory");
			free(host);
			continue;
		}
		if (!image_name_ok(de->d_name, strlen(de->d_name)))
			die("%s: name longer than %d bytes", host, CLANFS_NAME_MAX);
		n = xcalloc(1, sizeof(*n));
		n->name = strdup(de->d_name);
		n->host = host;
		n->path = join(dir->path, de->d_name);
		n->parent = dir;
		if (S_ISDIR(st.st_mode)) {
			n->type = CLANFS_T_DIR;
			n->mode = MODE_EXEC;
		} else {
			n->type = CLANFS_T_FILE;
			n->mode = (st.st_mode & S_IXUSR) ? MODE_EXEC : MODE_FILE;
			n->size = (uint64_t)st.st_size;
		}
		if (dir->nkids == cap) {
			cap = cap ? 2 * cap : 16;
			dir->kids = realloc(dir->kids, (size_t)cap * sizeof(*dir->kids));
			if (!dir->kids)
				die("out of memory");
		}
		dir->kids[dir->nkids++] = n;
	}
	closedir(d);
	if (dir->nkids > 1)
		qsort(dir->kids, (size_t)dir->nkids, sizeof(*dir->kids), by_name);
	for (int i = 0; i < dir->nkids; i++)
		if (dir->kids[i]->type == CLANFS_T_DIR)
			scan(dir->kids[i]);
}

static struct node *
find(struct node *n, const char *path)
{
	if (strcmp(n->path, path) == 0)
		return n;
	for (int i = 0; i < n->nkids; i++) {
		struct node *hit = find(n->kids[i], path);
		if (hit)
			return hit;
	}
	return NULL;
}

/* Apply the owners file: lines "path uid mode", mode two octal digits, '#' comments. */
static void
read_owners(const char *file, struct node *root)
{
	FILE *f = fopen(file, "r");
	char line[1024];
	int lineno = 0;

	if (!f)
		die("%s: %s", file, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char path[1024], uid[32], mode[32], extra[2];
		char *end;
		struct node *n;

		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		int got = sscanf(line, "%1023s %31s %31s %1s", path, uid, mode, extra);
		if (got <= 0)
			continue;
		if (got != 3)
			die("%s:%d: expected \"path uid mode\"", file, lineno);
		unsigned long u = strtoul(uid, &end, 10);
		if (*end || uid[0] < '0' || uid[0] > '9' || u > UINT32_MAX)
			die("%s:%d: bad uid \"%s\"", file, lineno, uid);
		unsigned long m = strtoul(mode, &end, 8);
		if (*end || strlen(mode) > 2 || mode[0] < '0' || mode[0] > '7' ||
		    m > CLANFS_MODE_MASK)
			die("%s:%d: bad mode \"%s\" (two octal digits, as 64)", file, lineno, mode);
		n = find(root, path);
		if (!n)
			die("%s:%d: %s is not in the tree", file, lineno, path);
		n->uid = (uint32_t)u;
		n->mode = (uint16_t)m;
	}
	fclose(f);
}

/* Data blocks plus the indirect blocks that map them. */
static uint64_t
blocks_with_indirect(uint64_t ndata)
{
	uint64_t n = ndata;

	if (ndata > CLANFS_NDIRECT)
		n++;
	if (ndata > CLANFS_NDIRECT + CLANFS_PTRS_PER_BLOCK) {
		uint64_t rest = ndata - CLANFS_NDIRECT - CLANFS_PTRS_PER_BLOCK;
		n += 1 + (rest + CLANFS_PTRS_PER_BLOCK - 1) / CLANFS_PTRS_PER_BLOCK;
	}
	return n;
}

/* Number the tree's inodes in preorder; add up the inodes and blocks it needs. */
static void
plan(struct node *n, uint32_t *ninodes, uint64_t *nblocks)
{
	uint64_t ndata;

	n->inum = (*ninodes)++;
	if (n->type == CLANFS_T_DIR) {
		ndata = (uint64_t)(n->nkids + CLANFS_DIRENTS_PER_BLOCK - 1) /
			CLANFS_DIRENTS_PER_BLOCK;
		if (ndata == 0)
			ndata = 1; /* every directory has a block: its tail names the parent */
		n->size = ndata * CLANFS_BLOCK_SIZE;
	} else {
		ndata = (n->size + CLANFS_BLOCK_SIZE - 1) / CLANFS_BLOCK_SIZE;
		if (ndata > CLANFS_MAX_FILE_BLOCKS)
			die("%s: larger than the largest CLANFS file", n->host);
	}
	n->ndata = (uint32_t)ndata;
	*nblocks += blocks_with_indirect(ndata);
	for (int i = 0; i < n->nkids; i++)
		plan(n->kids[i], ninodes, nblocks);
}

/* Write one block, unless it is all zeros: the image file starts as one hole, so it stays
 * sparse. */
static void
write_block(uint32_t bno, const void *data)
{
	static const uint8_t zero[CLANFS_BLOCK_SIZE];

	if (memcmp(data, zero, CLANFS_BLOCK_SIZE) == 0)
		return;
	if (pwrite(out_fd, data, CLANFS_BLOCK_SIZE, (off_t)bno * CLANFS_BLOCK_SIZE) !=
	    CLANFS_BLOCK_SIZE)
		die("%s: write: %s", out_path, strerror(errno));
}

static uint32_t
alloc_block(void)
{
	uint32_t b = next_block++;

	image_set_bit(bitmap, b);
	return b;
}

/* Hands out one inode's data blocks in order, with the indirect blocks that map them. */
struct mapper {
	struct clanfs_dinode *ip;
	uint32_t ind[CLANFS_PTRS_PER_BLOCK];  /* the indirect block being filled */
	uint32_t ind_bno;                     /* its number; 0: none */
	uint32_t dind[CLANFS_PTRS_PER_BLOCK]; /* the double-indirect block */
};

static void
flush_indirect(struct mapper *m)
{
	if (m->ind_bno) {
		write_block(m->ind_bno, m->ind);
		memset(m->ind, 0, sizeof(m->ind));
		m->ind_bno = 0;
	}
}

/* Allocate the home of data block i (i counts up from 0) and the indirect blocks it needs. */
static uint32_t
map_next(struct mapper *m, uint32_t i)
{
	const uint32_t ind_end = CLANFS_NDIRECT + CLANFS_PTRS_PER_BLOCK;

	if (i < CLANFS_NDIRECT)
		return m->ip->direct[i] = alloc_block();
	if (i < ind_end) {
		if (i == CLANFS_NDIRECT)
			m->ip->indirect = m->ind_bno = alloc_block();
		return m->ind[i - CLANFS_NDIRECT] = alloc_block();
	}
	uint32_t k = (i - ind_end) % CLANFS_PTRS_PER_BLOCK;
	if (i == ind_end) {
		flush_indirect(m);
		m->ip->dindirect = alloc_block();
	}
	if (k == 0) {
		flush_indirect(m);
		m->ind_bno = alloc_block();
		m->dind[(i - ind_end) / CLANFS_PTRS_PER_BLOCK] = m->ind_bno;
	}
	return m->ind[k] = alloc_block();
}

static void
map_finish(struct mapper *m)
{
	flush_indirect(m);
	if (m->ip->dindirect)
		write_block(m->ip->dindirect, m->dind);
}

static void
write_file(struct node *n, struct mapper *m, uint8_t *buf)
{
#if LAB >= 6
	if (n->data) {
		for (uint32_t i = 0; i < n->ndata; i++) {
			uint64_t off = (uint64_t)i * CLANFS_BLOCK_SIZE, left = n->size - off;
			memset(buf, 0, CLANFS_BLOCK_SIZE);
			memcpy(buf, n->data + off,
			       left < CLANFS_BLOCK_SIZE ? left : CLANFS_BLOCK_SIZE);
			write_block(map_next(m, i), buf);
		}
		return;
	}
#endif
	int fd = open(n->host, O_RDONLY);

	if (fd < 0)
		die("%s: %s", n->host, strerror(errno));
	for (uint32_t i = 0; i < n->ndata; i++) {
		uint64_t left = n->size - (uint64_t)i * CLANFS_BLOCK_SIZE;
		size_t want = left < CLANFS_BLOCK_SIZE ? (size_t)left : CLANFS_BLOCK_SIZE;
		memset(buf, 0, CLANFS_BLOCK_SIZE);
		if (read(fd, buf, want) != (ssize_t)want)
			die("%s: changed or unreadable while copying", n->host);
		write_block(map_next(m, i), buf);
	}
	if (read(fd, buf, 1) != 0)
		die("%s: grew while copying", n->host);
	close(fd);
}

static void
write_dir(struct node *n, struct mapper *m, uint8_t *buf)
{
	for (uint32_t b = 0; b < n->ndata; b++) {
		struct clanfs_dirent *de = (struct clanfs_dirent *)buf;
		struct clanfs_dirtail *tail =
			(struct clanfs_dirtail *)(buf + CLANFS_DIRENTS_PER_BLOCK * sizeof(*de));

		memset(buf, 0, CLANFS_BLOCK_SIZE);
		for (int e = 0; e < CLANFS_DIRENTS_PER_BLOCK; e++) {
			int k = (int)b * CLANFS_DIRENTS_PER_BLOCK + e;
			if (k >= n->nkids)
				break;
			de[e].inum = n->kids[k]->inum;
			memcpy(de[e].name, n->kids[k]->name, strlen(n->kids[k]->name));
		}
		tail->magic = CLANFS_DIRTAIL_MAGIC;
		tail->inum = n->inum;
		tail->parent = n->parent ? n->parent->inum : n->inum;
		tail->checksum = image_dirblock_crc(buf);
		write_block(map_next(m, b), buf);
	}
}

/* Write n's blocks and inode, then its subtree's. */
static void
write_tree(struct node *n, uint8_t *buf)
{
	static struct mapper m;
	struct clanfs_dinode *ip = (struct clanfs_dinode *)itable + n->inum;

	memset(&m, 0, sizeof(m));
	m.ip = ip;
	ip->type = n->type;
	ip->mode = n->mode;
	ip->uid = n->uid;
	ip->nlink = 1; /* the root's one link is the mount */
	ip->size = n->size;
	ip->mtime = ip->ctime = now;
	if (n->type == CLANFS_T_DIR)
		write_dir(n, &m, buf);
	else
		write_file(n, &m, buf);
	map_finish(&m);
	ip->checksum = image_inode_crc(ip);
	for (int i = 0; i < n->nkids; i++)
		write_tree(n->kids[i], buf);
}

#if LAB >= 6
/* One line of the trust file. */
struct trust {
	char name[CLANFS_NAME_MAX + 1];
	char trust[8]; /* "user" or "system" */
	int used;      /* a program of that name was found */
};

static struct trust *trusts;
static int ntrusts;

/* Read the trust file: lines "name trust", trust user or system, '#' comments. */
static void
read_trust(const char *file)
{
	FILE *f = fopen(file, "r");
	char line[1024];
	int lineno = 0, cap = 0;

	if (!f)
		die("%s: %s", file, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char name[1024], trust[32], extra[2];

		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		int got = sscanf(line, "%1023s %31s %1s", name, trust, extra);
		if (got <= 0)
			continue;
		if (got != 2)
			die("%s:%d: expected \"name trust\"", file, lineno);
		if (strcmp(trust, "user") != 0 && strcmp(trust, "system") != 0)
			die("%s:%d: bad trust \"%s\" (user or system)", file, lineno, trust);
		if (!image_name_ok(name, strlen(name)))
			die("%s:%d: bad program name \"%s\"", file, lineno, name);
		for (int i = 0; i < ntrusts; i++)
			if (strcmp(trusts[i].name, name) == 0)
				die("%s:%d: %s is listed twice", file, lineno, name);
		if (ntrusts == cap) {
			cap = cap ? 2 * cap : 32;
			trusts = realloc(trusts, (size_t)cap * sizeof(*trusts));
			if (!trusts)
				die("out of memory");
		}
		memset(&trusts[ntrusts], 0, sizeof(*trusts));
		strcpy(trusts[ntrusts].name, name);
		strcpy(trusts[ntrusts].trust, trust);
		ntrusts++;
	}
	fclose(f);
}

static const char *
trust_of(const char *name)
{
	for (int i = 0; i < ntrusts; i++)
		if (strcmp(trusts[i].name, name) == 0) {
			trusts[i].used = 1;
			return trusts[i].trust;
		}
	return "user";
}

static struct node *
add_node(struct node *dir, const char *name, uint16_t type, uint16_t mode)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->name = strdup(name);
	n->path = join(dir->path, name);
	n->type = type;
	n->mode = mode;
	n->parent = dir;
	dir->kids = realloc(dir->kids, (size_t)(dir->nkids + 1) * sizeof(*dir->kids));
	if (!n->name || !dir->kids)
		die("out of memory");
	dir->kids[dir->nkids++] = n;
	return n;
}

/* The whole host file at path, its length in *len. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		die("%s: %s", path, strerror(errno));
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			data = realloc(data, cap);
			if (!data)
				die("out of memory");
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
	*len = n;
	return data;
}

/* Put every regular file of the host directory bindir into /bin, each with its manifest. */
static void
add_bin(struct node *root, const char *bindir)
{
	struct node *bin;
	DIR *d = opendir(bindir);
	struct dirent *de;

	if (!d)
		die("%s: %s", bindir, strerror(errno));
	for (int i = 0; i < root->nkids; i++)
		if (strcmp(root->kids[i]->name, "bin") == 0)
			die("%s: the tree has a bin already; --bin makes /bin", root->host);
	bin = add_node(root, "bin", CLANFS_T_DIR, MODE_EXEC);
	while ((de = readdir(d)) != NULL) {
		char mname[sizeof(de->d_name) + 16], hex[2 * SHA256_BYTES + 1];
		struct stat st;
		size_t len;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *host = join(bindir, de->d_name);
		if (stat(host, &st) < 0)
			die("%s: %s", host, strerror(errno));
		if (!S_ISREG(st.st_mode)) {
			fprintf(stderr, "mkfs: warning: skipping %s: not a file\n", host);
			free(host);
			continue;
		}
		size_t nlen = strlen(de->d_name), slen = strlen(".manifest");
		if (nlen + slen > CLANFS_NAME_MAX)
			die("%s: name too long for a program: %s.manifest must fit in %d bytes",
			    host, de->d_name, CLANFS_NAME_MAX);
		if (nlen > slen && strcmp(de->d_name + nlen - slen, ".manifest") == 0)
			die("%s: a program's name may not end in .manifest", host);
		snprintf(mname, sizeof(mname), "%s.manifest", de->d_name);
		struct node *prog = add_node(bin, de->d_name, CLANFS_T_FILE, MODE_EXEC);
		prog->host = host;
		prog->data = slurp(host, &len);
		prog->size = len;
		sha256_hex(prog->data, len, hex);

		struct node *man = add_node(bin, mname, CLANFS_T_FILE, MODE_FILE);
		size_t cap = 256 + 2 * strlen(de->d_name);
		man->data = xcalloc(cap, 1);
		man->size = (uint64_t)snprintf(man->data, cap,
					       "clan-exec-v1\nname=%s\nimage=/bin/%s\ntrust=%s\n"
					       "owner=root\ndigest=sha256:%s\n",
					       de->d_name, de->d_name, trust_of(de->d_name), hex);
		man->host = host;
	}
	closedir(d);
	for (int i = 0; i < ntrusts; i++)
		if (!trusts[i].used)
			die("trust file: %s is not a program in %s", trusts[i].name, bindir);
	if (bin->nkids > 1)
		qsort(bin->kids, (size_t)bin->nkids, sizeof(*bin->kids), by_name);
	qsort(root->kids, (size_t)root->nkids, sizeof(*root->kids), by_name);
}
#endif

static uint64_t
parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end == s || s[0] == '-')
		die("bad size \"%s\"", s);
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (*end || v % CLANFS_BLOCK_SIZE)
		die("bad size \"%s\": a multiple of 4 KiB, as 32M", s);
	if (v / CLANFS_BLOCK_SIZE > UINT32_MAX)
		die("size %s is too large", s);
	return v;
}

static uint32_t
parse_count(const char *s, const char *what)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (end == s || *end || s[0] == '-' || v > UINT32_MAX / 2)
		die("bad %s \"%s\"", what, s);
	return (uint32_t)v;
}

static void
usage(void)
{
#if LAB >= 6
	die("usage: mkfs -s SIZE[K|M|G] -o IMAGE [-i NINODES] [-l NLOGBLOCKS] [--owners FILE] "
	    "[--bin DIR [--trust FILE]] [DIR]");
#else
	die("usage: mkfs -s SIZE[K|M|G] -o IMAGE [-i NINODES] [-l NLOGBLOCKS] [--owners FILE] "
	    "[DIR]");
#endif
}

int
main(int argc, char **argv)
{
	const char *owners = NULL, *dir = NULL, *out = NULL;
#if LAB >= 6
	const char *bindir = NULL, *trustfile = NULL;
#endif
	uint64_t size = 0, need = 0;
	uint32_t ninodes = 0, nlog = 0, used_inodes = CLANFS_ROOT_INUM;
	struct node root = { .name = "", .path = "/", .type = CLANFS_T_DIR, .mode = MODE_EXEC };

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-') {
			if (dir)
				usage();
			dir = arg;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (strcmp(arg, "-s") == 0)
			size = parse_size(argv[++i]);
		else if (strcmp(arg, "-o") == 0)
			out = argv[++i];
		else if (strcmp(arg, "-i") == 0)
			ninodes = parse_count(argv[++i], "inode count");
		else if (strcmp(arg, "-l") == 0)
			nlog = parse_count(argv[++i], "log size");
		else if (strcmp(arg, "--owners") == 0)
			owners = argv[++i];
#if LAB >= 6
		else if (strcmp(arg, "--bin") == 0)
			bindir = argv[++i];
		else if (strcmp(arg, "--trust") == 0)
			trustfile = argv[++i];
#endif
		else
			usage();
	}
	if (!size || !out)
		usage();
#if LAB >= 6
	if (trustfile && !bindir)
		usage();
#endif

	uint32_t nblocks = (uint32_t)(size / CLANFS_BLOCK_SIZE);
	if (!ninodes)
		ninodes = (uint32_t)(size / DEFAULT_BYTES_PER_INODE);
	ninodes = (ninodes + CLANFS_INODES_PER_BLOCK - 1) / CLANFS_INODES_PER_BLOCK *
		  CLANFS_INODES_PER_BLOCK;
	if (ninodes < CLANFS_INODES_PER_BLOCK)
		ninodes = CLANFS_INODES_PER_BLOCK;
	if (!nlog) {
		nlog = nblocks / 8;
		nlog = nlog < 16 ? 16 : nlog;
		nlog = nlog > DEFAULT_NLOG_LARGE - 1 ? DEFAULT_NLOG_LARGE - 1 : nlog;
		nlog++;
	}
	if (nlog < 2 || nlog > 1 + CLANFS_LOG_MAX)
		die("the log is 2 to %d blocks, its header included", 1 + CLANFS_LOG_MAX);
	if (!image_layout(&sb, nblocks, ninodes, nlog))
		die("%llu bytes is too small: the metadata alone takes %u blocks",
		    (unsigned long long)size, sb.data_start);

	root.host = (char *)(dir ? dir : "");
	if (dir)
		scan(&root);
#if LAB >= 6
	if (trustfile)
		read_trust(trustfile);
	if (bindir)
		add_bin(&root, bindir);
#endif
	if (owners)
		read_owners(owners, &root);
	plan(&root, &used_inodes, &need);
	if (used_inodes > ninodes)
		die("the tree does not fit: %u files and directories, %u inodes (try -i)",
		    used_inodes - 1, ninodes - 1);
	if (need > nblocks - sb.data_start)
		die("the tree does not fit: it needs %llu blocks, the image has %u data blocks",
		    (unsigned long long)need, nblocks - sb.data_start);

	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	now = epoch ? strtoull(epoch, NULL, 10) : (uint64_t)time(NULL);

	out_path = out;
	out_fd = open(out, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (out_fd < 0) {
		out_fd = -1;
		die("%s: %s", out, strerror(errno));
	}
	if (ftruncate(out_fd, (off_t)size) < 0)
		die("%s: %s", out, strerror(errno));
	itable = xcalloc(sb.ninode_blocks, CLANFS_BLOCK_SIZE);
	bitmap = xcalloc(sb.nbmap_blocks, CLANFS_BLOCK_SIZE);
	for (uint32_t b = 0; b < sb.data_start; b++)
		image_set_bit(bitmap, b);
	next_block = sb.data_start;

	uint8_t *buf = xcalloc(1, CLANFS_BLOCK_SIZE);
	write_tree(&root, buf);

	for (uint32_t i = 0; i < sb.ninode_blocks; i++)
		write_block(sb.inode_start + i, itable + (size_t)i * CLANFS_BLOCK_SIZE);
	for (uint32_t i = 0; i < sb.nbmap_blocks; i++)
		write_block(sb.bmap_start + i, bitmap + (size_t)i * CLANFS_BLOCK_SIZE);

	struct clanfs_loghdr *lh = xcalloc(1, CLANFS_BLOCK_SIZE);
	lh->magic = CLANFS_LOG_MAGIC;
	lh->checksum = image_log_crc(0, lh);
	write_block(sb.log_start, lh);

	sb.created = now;
	sb.checksum = image_super_crc(&sb);
	memset(buf, 0, CLANFS_BLOCK_SIZE);
	memcpy(buf, &sb, sizeof(sb));
	write_block(0, buf);
	if (fsync(out_fd) < 0 || close(out_fd) < 0)
		die("%s: %s", out, strerror(errno));
	return 0;
}
#endif
