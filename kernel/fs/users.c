#if LAB >= 5
/*
 * The users of the system (seed scope 10): read once, at mount, from the
 * lines "name:uid:role" of /etc/passwd. Until then, or without the file,
 * root is the only user. The table never changes after users_load, so
 * lookups take no lock. The parsing is in fs/passwd.c.
 */
#include "fs/cred.h"
#include "dev/console.h"
#include "fs/clanfs.h"
#include "fs/fs.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"

#define PASSWD_MAX 8192 /* a longer /etc/passwd is refused */

const struct cred cred_root = { .uid = 0, .role = ROLE_ROOT, .name = "root" };

static struct cred users[USERS_MAX];
static int nusers;

static void
report_bad_line(int line, const char *why)
{
	printf("users: %s line %d ignored: %s\n", CLANFS_PASSWD_PATH, line, why);
}

/* Root only, for a file system without a usable users file. */
static void
root_only(const char *why)
{
	users[0] = cred_root;
	nusers = 1;
	printf("users: %s %s; root is the only user\n", CLANFS_PASSWD_PATH, why);
}

void
users_load(void)
{
	struct inode *ip;
	struct fs_stat st;

	if (fs_open(&cred_root, CLANFS_PASSWD_PATH, FS_O_READ, 0, &ip) < 0)
		return root_only("cannot be opened");
	char *text = NULL;
	int64_t n = -1;
	if (fs_fstat(ip, &st) == 0 && st.size <= PASSWD_MAX && (text = kmalloc(PASSWD_MAX)))
		n = fs_read(ip, text, 0, st.size);
	fs_close(ip);
	if (n < 0) {
		kfree(text);
		return root_only(st.size > PASSWD_MAX ? "is too long" : "cannot be read");
	}
	nusers = users_parse(text, (size_t)n, users, USERS_MAX, report_bad_line);
	kfree(text);
	bool has_root = false;
	for (int i = 0; i < nusers; i++)
		has_root |= users[i].uid == 0;
	if (!has_root)
		return root_only("has no uid 0");
	printf("users: %d users from %s\n", nusers, CLANFS_PASSWD_PATH);
}

int
users_lookup(const char *name, struct cred *out)
{
	for (int i = 0; i < nusers; i++) {
		if (strcmp(users[i].name, name) == 0) {
			*out = users[i];
			return 0;
		}
	}
	if (nusers == 0 && strcmp(name, "root") == 0) { /* before users_load */
		*out = cred_root;
		return 0;
	}
	return -ENOENT;
}

void
users_name(uint32_t uid, char *buf, size_t size)
{
	for (int i = 0; i < nusers; i++) {
		if (users[i].uid == uid) {
			snprintf(buf, size, "%s", users[i].name);
			return;
		}
	}
	snprintf(buf, size, uid == 0 ? "root" : "%u", uid);
}
#endif
