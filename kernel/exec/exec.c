#if LAB >= 6
/*
 * exec_spawn (exec/exec.h): from a path to a running process. In order:
 * the manifest, the image (execute permission needed), its digest, the ELF
 * check, then the process, its address space, its stack with argv, and its
 * thread. Each refusal prints one line "exec: <path>: <why>"; each failure
 * gives back everything taken before it.
 *
 * Hashing a program costs more than the rest of a spawn, so a digest that
 * matched is remembered per inode (the verified cache below) and the next
 * spawn of the same unchanged file skips the hash. "Unchanged" is the file
 * system's word: fs_write calls fs_written_hook before it changes a byte,
 * and a mount calls it with 0 (inode numbers may now name other files);
 * either drops the entry. A spawn trusts an entry only if no fs_write at
 * all began between the start of its read and the check, so a write
 * racing with the read is never missed (it merely costs a hash).
 */
#include <stdbool.h>

#include "exec/exec.h"
#include "arch/x86/usermode.h"
#include "dev/console.h"
#include "exec/elf.h"
#include "exec/manifest.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/printf.h"
#include "lib/sha256.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uvm.h"
#include "proc/uproc.h"
#include "sync/spinlock.h"
#include "sys/syscall_nr.h"

#define EXEC_FILE_MAX (4u << 20) /* bytes of an image file: kmalloc's largest block */
#define PATH_MAX_LEN (MANIFEST_VALUE_MAX - 1)
#define VERIFIED_SLOTS 16

/* A verified image: the inode inum of size bytes hashed to digest. */
struct verified {
	uint32_t inum; /* 0: a free slot */
	uint64_t size;
	uint8_t digest[SHA256_BYTES];
};

static struct spinlock verified_lock = SPINLOCK_INIT("exec-verified");
static struct verified verified[VERIFIED_SLOTS]; /* verified_lock */
static uint64_t writes;                          /* verified_lock: fs_written_hook calls */
static unsigned next_victim;                     /* verified_lock: round-robin replacement */

/* fs_written_hook: inode inum (0: every inode) is about to change. */
static void
forget_verified(uint32_t inum)
{
	spin_lock(&verified_lock);
	writes++;
	for (int i = 0; i < VERIFIED_SLOTS; i++)
		if (verified[i].inum && (inum == 0 || verified[i].inum == inum))
			verified[i].inum = 0;
	spin_unlock(&verified_lock);
}

/* The count of fs_written_hook calls: taken before an image is read. */
static uint64_t
writes_now(void)
{
	spin_lock(&verified_lock);
	uint64_t w = writes;
	spin_unlock(&verified_lock);
	return w;
}

/* True, with the digest in d, if inum (size bytes) was verified and nothing was written
 * anywhere since writes_before: then the bytes read since are the bytes once hashed. */
static bool
lookup_verified(uint32_t inum, uint64_t size, uint64_t writes_before, uint8_t d[SHA256_BYTES])
{
	bool found = false;

	spin_lock(&verified_lock);
	for (int i = 0; i < VERIFIED_SLOTS && !found && writes == writes_before; i++)
		if (verified[i].inum == inum && verified[i].size == size) {
			found = true;
			memcpy(d, verified[i].digest, SHA256_BYTES);
		}
	spin_unlock(&verified_lock);
	return found;
}

/* Remember that inum (size bytes) hashed to d, unless some file was written since
 * writes_before (what was hashed may then not be what the inode holds). */
static void
remember_verified(uint32_t inum, uint64_t size, const uint8_t d[SHA256_BYTES],
		  uint64_t writes_before)
{
	spin_lock(&verified_lock);
	if (writes == writes_before) {
		struct verified *v = &verified[next_victim++ % VERIFIED_SLOTS];
		*v = (struct verified){ .inum = inum, .size = size };
		memcpy(v->digest, d, SHA256_BYTES);
	}
	spin_unlock(&verified_lock);
}

/* Print "exec: path: why" and return err. */
static int __attribute__((format(printf, 3, 4)))
refuse(int err, const char *path, const char *fmt, ...)
{
	char why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("exec: %s: %s\n", path, why);
	return err;
}

/* Read and parse path's manifest into m; check it names path and the image's owner. */
static int
read_manifest(const struct cred *c, const char *path, const struct fs_stat *image,
	      struct manifest *m)
{
	char mpath[PATH_MAX_LEN + 16], text[MANIFEST_MAX + 1], why[MANIFEST_WHY_MAX];
	struct inode *ip;
	struct fs_stat st;

	snprintf(mpath, sizeof(mpath), "%s.manifest", path);
	int err = fs_open(c, mpath, FS_O_READ, 0, &ip);
	if (err < 0)
		return refuse(err, path, "manifest %s: %s", mpath, errno_text(err));
	int64_t n = fs_read(ip, text, 0, sizeof(text));
	err = n < 0 ? (int)n : fs_fstat(ip, &st);
	fs_close(ip);
	if (err < 0)
		return refuse(err, path, "manifest %s: %s", mpath, errno_text(err));
	if (manifest_parse(text, (size_t)n, m, why) < 0)
		return refuse(-ENOEXEC, path, "manifest %s: %s", mpath, why);
	if (strcmp(m->image, path) != 0)
		return refuse(-ENOEXEC, path, "manifest %s names image %s", mpath, m->image);
	char owner[USER_NAME_MAX + 1];
	users_name(image->uid, owner, sizeof(owner));
	if (strcmp(owner, m->owner) != 0)
		return refuse(-EPERM, path, "owned by %s, the manifest says owner=%s", owner,
			      m->owner);
	if (m->trust == TRUST_SYSTEM && (image->uid != 0 || st.uid != 0))
		return refuse(-EPERM, path,
			      "trust=system needs the image and manifest owned by root");
	return 0;
}

/* Read the image (execute permission needed) into a new buffer *data of *size bytes. */
static int
read_image(const struct cred *c, const char *path, struct fs_stat *st, uint8_t **data)
{
	struct inode *ip;
	int err = fs_open(c, path, FS_O_READ | FS_O_EXEC, 0, &ip);

	if (err < 0)
		return refuse(err, path, "%s", errno_text(err));
	err = fs_fstat(ip, st);
	if (err == 0 && st->size > EXEC_FILE_MAX)
		err = refuse(-E2BIG, path, "image is %lu bytes, more than %u", st->size,
			     EXEC_FILE_MAX);
	else if (err == 0 && st->size == 0)
		err = refuse(-ENOEXEC, path, "empty file");
	*data = err == 0 ? kmalloc(st->size) : NULL;
	if (err == 0 && !*data)
		err = -ENOMEM;
	int64_t n = err == 0 ? fs_read(ip, *data, 0, st->size) : 0;
	fs_close(ip);
	if (err == 0 && n != (int64_t)st->size)
		err = refuse(n < 0 ? (int)n : -EIO, path, "short read of the image");
	if (err < 0 && err != -ENOMEM && *data)
		kfree(*data), *data = NULL;
	return err == -ENOMEM ? refuse(err, path, "%s", errno_text(err)) : err;
}

/* Check the image's digest against the manifest's, through the verified cache. */
static int
check_digest(const char *path, const struct fs_stat *st, const uint8_t *data,
	     const struct manifest *m, uint64_t writes_before)
{
	uint8_t d[SHA256_BYTES];

	if (!lookup_verified(st->inum, st->size, writes_before, d)) {
		struct sha256 s;
		sha256_init(&s);
		sha256_update(&s, data, st->size);
		sha256_final(&s, d);
		remember_verified(st->inum, st->size, d, writes_before);
	}
	if (memcmp(d, m->digest, SHA256_BYTES) != 0)
		return refuse(-EPERM, path, "digest mismatch");
	return 0;
}

/* What the new thread needs to leave for ring 3. */
struct start {
	uint64_t entry, rsp, argc, argv;
};

/* The first code of a user process's thread: load its address space and enter ring 3. */
static void
user_start(void *arg)
{
	struct start s = *(struct start *)arg;

	kfree(arg);
	as_load(proc_current()->as);
	usermode_enter(s.entry, s.rsp, s.argc, s.argv);
}

/*
 * Map the stack and lay out argv the System V way: rsp (16-byte aligned) -> argc, argv[0..argc),
 * NULL, envp NULL, auxv AT_NULL (two zeros); the strings above. Fills s.
 */
static int
build_stack(struct addrspace *as, int argc, char *const argv[], struct start *s)
{
	uint64_t ptrs[SPAWN_ARGS_MAX + 5];
	uint64_t strings = 0;

	int err = as_map(as, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE, UVM_WRITE);
	if (err < 0)
		return err;
	for (int i = 0; i < argc; i++)
		strings += strlen(argv[i]) + 1;
	uint64_t at = USER_STACK_TOP - strings;
	int n = 0;
	ptrs[n++] = (uint64_t)argc;
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;
		ptrs[n++] = at;
		if ((err = as_write(as, at, argv[i], len)) < 0)
			return err;
		at += len;
	}
	for (int i = 0; i < 4; i++)
		ptrs[n++] = 0; /* argv's NULL, envp's NULL, AT_NULL's type and value */
	s->rsp = (USER_STACK_TOP - strings - n * sizeof(ptrs[0])) & ~15ULL;
	s->argc = (uint64_t)argc;
	s->argv = s->rsp + sizeof(ptrs[0]);
	return as_write(as, s->rsp, ptrs, n * sizeof(ptrs[0]));
}

/* Check argv: 1 .. SPAWN_ARGS_MAX strings each shorter than SPAWN_ARG_LEN. */
static int
check_args(const char *path, int argc, char *const argv[])
{
	if (argc < 1 || argc > SPAWN_ARGS_MAX)
		return refuse(-E2BIG, path, "%d arguments (1 .. %d)", argc, SPAWN_ARGS_MAX);
	for (int i = 0; i < argc; i++)
		if (strnlen(argv[i], SPAWN_ARG_LEN) >= SPAWN_ARG_LEN)
			return refuse(-E2BIG, path, "argument %d longer than %d bytes", i,
				      SPAWN_ARG_LEN - 1);
	return 0;
}

/* Build the process for the checked image and start it: its pid or a negative errno. */
static int
start_process(const struct cred *c, const char *path, const struct manifest *m, const uint8_t *data,
	      const struct elf_info *info, int argc, char *const argv[], struct proc *parent)
{
	char why[ELF_WHY_MAX];
	struct proc *p = uproc_new(m->name, c, m->trust);
	struct start *s = kmalloc(sizeof(*s));
	int err = p && s ? 0 : -ENOMEM;

	if (err == 0)
		p->as = as_create();
	if (err == 0 && !p->as)
		err = -ENOMEM;
	if (err == 0 && (err = elf_load(p->as, data, info, why)) < 0)
		refuse(err, path, "%s", why);
	if (err == 0 && (err = build_stack(p->as, argc, argv, s)) < 0)
		refuse(err, path, "user stack: %s", errno_text(err));
	if (err == 0) {
		s->entry = info->entry;
		int pid = p->pid;
		if ((err = uproc_start(p, parent, user_start, s)) == 0)
			return pid;
	}
	if (err == -ENOMEM)
		refuse(err, path, "%s", errno_text(err));
	kfree(s);
	if (p)
		uproc_free(p);
	return err;
}

int
exec_spawn(const struct cred *c, const char *name, int argc, char *const argv[],
	   struct proc *parent)
{
	char path[PATH_MAX_LEN + 1], why[ELF_WHY_MAX];
	struct manifest m;
	struct fs_stat st;
	struct elf_info *info = NULL;
	uint8_t *data = NULL;

	if (strnlen(name, PATH_MAX_LEN - 5) > PATH_MAX_LEN - 6)
		return refuse(-ENAMETOOLONG, "?", "path longer than %d bytes", PATH_MAX_LEN - 6);
	snprintf(path, sizeof(path), "%s%s", name[0] == '/' ? "" : "/bin/", name);
	fs_written_hook = forget_verified;
	int err = check_args(path, argc, argv);
	uint64_t writes_before = writes_now();
	if (err == 0)
		err = read_image(c, path, &st, &data);
	if (err == 0)
		err = read_manifest(c, path, &st, &m);
	if (err == 0)
		err = check_digest(path, &st, data, &m, writes_before);
	if (err == 0 && !(info = kmalloc(sizeof(*info))))
		err = refuse(-ENOMEM, path, "%s", errno_text(-ENOMEM));
	if (err == 0 && (err = elf_check(data, st.size, info, why)) < 0)
		refuse(err, path, "%s", why);
	if (err == 0)
		err = start_process(c, path, &m, data, info, argc, argv, parent);
	kfree(info);
	kfree(data);
	return err;
}
#endif
