#if LAB >= 5
/*
 * The monitor's file commands: ls, cat, write, mkdir, rm, mv, stat, chmod,
 * df, sync, su, and fill/sum, which write and checksum large files so a
 * test can move megabytes without typing them. Each is a thin layer over
 * fs/fs.h run with the monitor's credential, which su changes; every
 * failure prints "<command>: <path>: <what is wrong>".
 */
#include "monitor/fs_commands.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "fs/clanfs.h"
#include "fs/cred.h"
#include "fs/fs.h"
#include "lib/crc32.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/xorshift.h"
#include "mm/slab.h"
#include "monitor/args.h"
#include "monitor/lineedit.h"

#define CHUNK 65536 /* bytes fill, sum and cat move per call */

static struct cred monitor_cred = { .uid = 0, .role = ROLE_ROOT, .name = "root" };

#if LAB >= 6
const struct cred *
monitor_credential(void)
{
	return &monitor_cred;
}
#endif

/* Print "cmd: path: error" for a negative result; true if there was one. */
static bool
failed(const char *cmd, const char *path, int64_t r)
{
	if (r >= 0)
		return false;
	printf("%s: %s: %s\n", cmd, path, errno_text((int)r));
	return true;
}

static bool
usage(int argc, int min, int max, const char *text)
{
	if (argc >= min && argc <= max)
		return false;
	printf("usage: %s\n", text);
	return true;
}

/* A two-digit octal mode, or -1. */
static int
parse_mode(const char *s)
{
	if (strlen(s) != 2 || s[0] < '0' || s[0] > '7' || s[1] < '0' || s[1] > '7')
		return -1;
	return (s[0] - '0') << CLANFS_MODE_OWNER_SHIFT | (s[1] - '0');
}

/* A decimal number with an optional K or M suffix, or -1. */
static int64_t
parse_size(const char *s)
{
	int64_t v = 0;

	if (!*s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > (1LL << 40))
			return -1;
	}
	if (*s == 'K' || *s == 'k')
		v <<= 10, s++;
	else if (*s == 'M' || *s == 'm')
		v <<= 20, s++;
	return *s ? -1 : v;
}

/* "drwxr-x": the type and the owner's and others' rwx. */
static void
format_mode(const struct fs_stat *st, char out[8])
{
	static const char rwx[] = "rwx";

	out[0] = st->type == CLANFS_T_DIR ? 'd' : '-';
	for (int i = 0; i < 6; i++)
		out[1 + i] = (st->mode >> (5 - i)) & 1 ? rwx[i % 3] : '-';
	out[7] = '\0';
}

static void
print_entry(const struct fs_stat *st, const char *name)
{
	char mode[8], owner[USER_NAME_MAX + 1];

	format_mode(st, mode);
	users_name(st->uid, owner, sizeof(owner));
	printf("%s %-8s %9lu %s\n", mode, owner, st->size, name);
}

/* Join dir and name into buf (size bytes); false if it does not fit. */
static bool
join_path(char *buf, size_t size, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	int len = snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
	return len >= 0 && (size_t)len < size;
}

void
cmd_ls(int argc, char **argv)
{
	if (usage(argc, 1, 2, "ls [path]"))
		return;
	const char *path = argc == 2 ? argv[1] : "/";
	struct fs_stat st;
	if (failed("ls", path, fs_stat(&monitor_cred, path, &st)))
		return;
	if (st.type != CLANFS_T_DIR) {
		print_entry(&st, path);
		return;
	}
	struct inode *dir;
	if (failed("ls", path, fs_open(&monitor_cred, path, FS_O_READ, 0, &dir)))
		return;
	struct fs_dirent de;
	uint64_t cookie = 0;
	int r, count = 0;
	static char full[512]; /* only the monitor's thread runs commands */
	while ((r = fs_readdir(dir, &cookie, &de)) > 0) {
		count++;
		if (!join_path(full, sizeof(full), path, de.name) ||
		    fs_stat(&monitor_cred, full, &st) < 0) {
			printf("?          ?         ? %s\n", de.name);
			continue;
		}
		print_entry(&st, de.name);
	}
	fs_close(dir);
	if (!failed("ls", path, r))
		printf("%d entries\n", count);
}

void
cmd_cat(int argc, char **argv)
{
	if (usage(argc, 2, 2, "cat path"))
		return;
	struct inode *ip;
	if (failed("cat", argv[1], fs_open(&monitor_cred, argv[1], FS_O_READ, 0, &ip)))
		return;
	char *buf = kmalloc(CHUNK);
	int64_t n = buf ? 0 : -ENOMEM;
	for (uint64_t off = 0; buf && (n = fs_read(ip, buf, off, CHUNK)) > 0; off += (uint64_t)n)
		for (int64_t i = 0; i < n; i++)
			console_putc(buf[i]);
	kfree(buf);
	fs_close(ip);
	failed("cat", argv[1], n);
}

/* write [-a] path words...: the words, joined by spaces, and a newline. */
void
cmd_write(int argc, char **argv)
{
	bool append = argc > 1 && strcmp(argv[1], "-a") == 0;
	int first = append ? 2 : 1;
	if (usage(argc, first + 1, ARGS_MAX, "write [-a] path text... (-a: append)"))
		return;
	const char *path = argv[first];
	struct inode *ip;
	int flags = FS_O_WRITE | FS_O_CREATE | (append ? 0 : FS_O_TRUNC);
	if (failed("write", path, fs_open(&monitor_cred, path, flags, 064, &ip)))
		return;
	/* The words came from one edited line with spaces between them, so joined by single
	 * spaces they and the newline fit in a line's buffer. */
	char line[LINEEDIT_MAX + 2];
	size_t len = 0;
	for (int i = first + 1; i < argc; i++) {
		if (i > first + 1)
			line[len++] = ' ';
		size_t n = strlen(argv[i]);
		memcpy(line + len, argv[i], n);
		len += n;
	}
	line[len++] = '\n';
	struct fs_stat st;
	int64_t r = fs_fstat(ip, &st);
	if (r == 0)
		r = fs_write(ip, line, append ? st.size : 0, len);
	fs_close(ip);
	if (!failed("write", path, r))
		printf("write: %s: %ld bytes\n", path, r);
}

/* fill path size [seed]: a file of size pseudo-random bytes; prints its crc32 and speed. */
void
cmd_fill(int argc, char **argv)
{
	if (usage(argc, 3, 4,
		  "fill path size[K|M] [seed]   (bytes: xorshift32 from seed, low byte)"))
		return;
	int64_t size = parse_size(argv[2]);
	int64_t seed = argc == 4 ? parse_size(argv[3]) : 1;
	if (size < 0 || seed <= 0 || seed > 0xffffffffLL) {
		printf("fill: size must be a number (K or M allowed), seed a number "
		       "1..4294967295\n");
		return;
	}
	struct inode *ip;
	int flags = FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC;
	if (failed("fill", argv[1], fs_open(&monitor_cred, argv[1], flags, 064, &ip)))
		return;
	uint8_t *buf = kmalloc(CHUNK);
	uint32_t state = (uint32_t)seed, crc = 0;
	uint64_t start = clock_ns(), off = 0;
	int64_t r = buf ? 0 : -ENOMEM;
	while (buf && off < (uint64_t)size) {
		uint64_t n = (uint64_t)size - off < CHUNK ? (uint64_t)size - off : CHUNK;
		for (uint64_t i = 0; i < n; i++)
			buf[i] = (uint8_t)xorshift32(&state);
		crc = crc32(crc, buf, n);
		if ((r = fs_write(ip, buf, off, n)) < 0)
			break;
		off += (uint64_t)r;
		if ((uint64_t)r < n)
			break;
	}
	uint64_t ns = clock_ns() - start + 1;
	kfree(buf);
	fs_close(ip);
	if (failed("fill", argv[1], r))
		return;
	printf("fill: %s: %lu bytes crc32 %08x in %lu ms (%lu KB/s)\n", argv[1], off, crc,
	       ns / 1000000, off * 1000000 / ns);
}

/* sum path: size and crc32 of the contents, and the read speed. */
void
cmd_sum(int argc, char **argv)
{
	if (usage(argc, 2, 2, "sum path"))
		return;
	struct inode *ip;
	if (failed("sum", argv[1], fs_open(&monitor_cred, argv[1], FS_O_READ, 0, &ip)))
		return;
	uint8_t *buf = kmalloc(CHUNK);
	uint32_t crc = 0;
	uint64_t start = clock_ns(), off = 0;
	int64_t n = buf ? 0 : -ENOMEM;
	while (buf && (n = fs_read(ip, buf, off, CHUNK)) > 0) {
		crc = crc32(crc, buf, (size_t)n);
		off += (uint64_t)n;
	}
	uint64_t ns = clock_ns() - start + 1;
	kfree(buf);
	fs_close(ip);
	if (failed("sum", argv[1], n))
		return;
	printf("sum: %s: %lu bytes crc32 %08x in %lu ms (%lu KB/s)\n", argv[1], off, crc,
	       ns / 1000000, off * 1000000 / ns);
}

void
cmd_mkdir(int argc, char **argv)
{
	if (!usage(argc, 2, 2, "mkdir path"))
		failed("mkdir", argv[1], fs_mkdir(&monitor_cred, argv[1], 075));
}

void
cmd_rm(int argc, char **argv)
{
	if (!usage(argc, 2, 2, "rm path   (a file or an empty directory)"))
		failed("rm", argv[1], fs_unlink(&monitor_cred, argv[1]));
}

void
cmd_mv(int argc, char **argv)
{
	if (!usage(argc, 3, 3, "mv from to"))
		failed("mv", argv[1], fs_rename(&monitor_cred, argv[1], argv[2]));
}

void
cmd_stat(int argc, char **argv)
{
	if (usage(argc, 2, 2, "stat path"))
		return;
	struct fs_stat st;
	if (failed("stat", argv[1], fs_stat(&monitor_cred, argv[1], &st)))
		return;
	char mode[8], owner[USER_NAME_MAX + 1];
	format_mode(&st, mode);
	users_name(st.uid, owner, sizeof(owner));
	printf("%s: inode %u, %s, mode %u%u (%s), owner %s (uid %u), %u links, %lu bytes, "
	       "%lu blocks, mtime %lu, ctime %lu\n",
	       argv[1], st.inum, st.type == CLANFS_T_DIR ? "directory" : "file",
	       st.mode >> CLANFS_MODE_OWNER_SHIFT & 7, st.mode & 7, mode, owner, st.uid, st.nlink,
	       st.size, st.blocks, st.mtime, st.ctime);
}

void
cmd_chmod(int argc, char **argv)
{
	if (usage(argc, 3, 3, "chmod mode path   (mode: two octal digits, owner and others: 64)"))
		return;
	int mode = parse_mode(argv[1]);
	if (mode < 0) {
		printf("chmod: %s: the mode is two octal digits, owner then others (64 = rw-r--)\n",
		       argv[1]);
		return;
	}
	failed("chmod", argv[2], fs_chmod(&monitor_cred, argv[2], mode));
}

void
cmd_df(int argc, char **argv)
{
	(void)argc, (void)argv;
	struct fs_statfs sf;
	if (failed("df", "/", fs_statfs(&sf)))
		return;
	uint64_t kib = sf.block_size / 1024;
	printf("%s: %lu KiB, %lu KiB used, %lu KiB free; %lu of %lu inodes free; %lu commits\n",
	       sf.dev, sf.nblocks * kib, (sf.nblocks - sf.free_blocks) * kib, sf.free_blocks * kib,
	       sf.free_inodes, sf.ninodes, sf.commits);
}

void
cmd_sync(int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!failed("sync", "/", fs_sync()))
		printf("sync: done\n");
}

void
cmd_su(int argc, char **argv)
{
	if (usage(argc, 2, 2, "su user"))
		return;
	struct cred c;
	if (users_lookup(argv[1], &c) < 0) {
		printf("su: %s: no such user (see /etc/passwd)\n", argv[1]);
		return;
	}
	monitor_cred = c;
	printf("su: now %s (uid %u, role %s)\n", c.name, c.uid, role_name(c.role));
}

void
cmd_whoami(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("%s (uid %u, role %s)\n", monitor_cred.name, monitor_cred.uid,
	       role_name(monitor_cred.role));
}
#endif
