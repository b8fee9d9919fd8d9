#if LAB >= 5
/*
 * Users and their credentials (seed scope 10). The users are static: the
 * lines "name:uid:role" of /etc/passwd on the mounted image, read at mount.
 * A credential is what a permission check looks at; the monitor holds one
 * (`su` changes it) and from lab 6 every process does.
 *
 * Roles, strongest first:
 *   root   passes every permission check;
 *   admin  reads and searches everything, writes as the mode bits allow;
 *   user   as the mode bits allow;
 *   guest  as the mode bits allow, but never writes or creates anything.
 */
#ifndef FS_CRED_H
#define FS_CRED_H

#include <stddef.h>
#include <stdint.h>

enum role { ROLE_ROOT, ROLE_ADMIN, ROLE_USER, ROLE_GUEST, NROLES };

#define USER_NAME_MAX 15
#define USERS_MAX 32

struct cred {
	uint32_t uid;
	enum role role;
	char name[USER_NAME_MAX + 1];
};

/* uid 0, role root: the monitor's credential at boot and the kernel's own. */
extern const struct cred cred_root;

/* "root", "admin", "user", "guest". */
const char *role_name(enum role r);

/*
 * Parse passwd text (n bytes, need not end in NUL) into at most max users. Lines that are
 * empty or start with '#' are skipped; a malformed line (wrong field count, a name that is
 * empty, too long or not [a-z0-9_-], a uid that is not a number below 2^31, an unknown
 * role, a name or uid seen before) is reported through bad(line_number, why) and skipped.
 * Returns how many users were filled in. Pure: the host tests run it.
 */
int users_parse(const char *text, size_t n, struct cred *out, int max,
		void (*bad)(int line, const char *why));

/* Read CLANFS_PASSWD_PATH from the mounted file system into the user table, printing
 * "users: <n> users from /etc/passwd" or what is wrong. Without a file only root exists. */
void users_load(void);

/* The user of that name: 0, or -ENOENT. */
int users_lookup(const char *name, struct cred *out);

/* The name of uid into buf (size bytes): the user's name, or the number for an unknown uid. */
void users_name(uint32_t uid, char *buf, size_t size);

#endif
#endif
