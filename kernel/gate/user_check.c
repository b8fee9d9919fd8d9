#if LAB >= 6
/*
 * The gate's "user" check: /bin/hello (from the image's user programs, with
 * its manifest) is spawned, runs in ring 3, and exits with status 0 to the
 * kernel process that waits for it; every frame it took is free again
 * afterwards. A file that is not an ELF program, with a manifest whose
 * digest is right, is refused with -ENOEXEC, and with a wrong digest with
 * -EPERM. Broken, it spawns a program that does not exist.
 */
#include "gate/gate.h"
#include "dev/console.h"
#include "exec/exec.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/errstr.h"
#include "lib/printf.h"
#include "lib/sha256.h"
#include "lib/string.h"
#include "mm/buddy.h"
#include "mm/slab.h"
#include "proc/proc.h"

#define BAD "/gate-user-bad"
#define BAD_TEXT "this is not an ELF program\n"

static bool
failed(const char *what, int err)
{
	if (err)
		printf("gate: user: %s: %s\n", what, errno_text(err));
	else
		printf("gate: user: %s\n", what);
	return false;
}

/* Write text into path (created, emptied). */
static int
put(const char *path, const char *text)
{
	struct inode *ip;
	int err = fs_open(&cred_root, path, FS_O_WRITE | FS_O_CREATE | FS_O_TRUNC, 070, &ip);

	if (err < 0)
		return err;
	int64_t n = fs_write(ip, text, 0, strlen(text));
	fs_close(ip);
	return n < 0 ? (int)n : 0;
}

/* Spawn name with no arguments and wait: its exit status into *status. */
static int
run(const char *name, int *status)
{
	char *argv[] = { (char *)name };
	int pid = exec_spawn(&cred_root, name, 1, argv, &kernel_proc);

	if (pid < 0)
		return pid;
	int r = proc_wait(pid, status);
	return r < 0 ? r : 0;
}

/* BAD with a manifest whose digest is right (want -ENOEXEC) or wrong (want -EPERM). */
static bool
refused(bool right_digest)
{
	char hex[2 * SHA256_BYTES + 1], manifest[256];
	int status, want = right_digest ? -ENOEXEC : -EPERM;

	sha256_hex(BAD_TEXT, strlen(BAD_TEXT), hex);
	if (!right_digest)
		hex[0] = hex[0] == '0' ? '1' : '0';
	snprintf(manifest, sizeof(manifest),
		 "clan-exec-v1\nname=gate-bad\nimage=" BAD "\ntrust=user\nowner=root\n"
		 "digest=sha256:%s\n",
		 hex);
	int err = put(BAD ".manifest", manifest);
	if (err < 0)
		return failed("write " BAD ".manifest", err);
	err = run(BAD, &status);
	if (err != want) {
		printf("gate: user: %s: got %d, expected %d\n",
		       right_digest ? "a non-ELF image" : "a digest mismatch", err, want);
		return false;
	}
	return true;
}

bool
gate_check_user(bool break_it)
{
	const char *name = break_it ? "no-such-program" : "hello";
	int status, err;
	bool ok = true;

	if (!fs_mounted())
		return failed("no file system mounted", 0);
	/* Once before measuring: the first spawn fills caches (blocks, slabs, the kernel half
	   of address spaces) that stay. */
	if ((err = run(name, &status)) < 0)
		return failed(name, err);
	if ((err = put(BAD, BAD_TEXT)) < 0)
		return failed("write " BAD, err);
	ok = refused(true) && refused(false);

	kmem_trim();
	uint64_t before = buddy_free_frames();
	if ((err = run(name, &status)) < 0)
		ok = failed(name, err);
	else if (status != 0)
		ok = false,
		printf("gate: user: %s exited with status %d, expected 0\n", name, status);
	ok = refused(false) && ok;
	kmem_trim();
	uint64_t after = buddy_free_frames();
	if (after != before)
		ok = false,
		printf("gate: user: %lu frames free before %s, %lu after\n", before, name, after);
	fs_unlink(&cred_root, BAD);
	fs_unlink(&cred_root, BAD ".manifest");
	return ok;
}
#endif
