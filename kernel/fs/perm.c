#if LAB >= 5
/*
 * Permission checks (fs/dir.h) by the roles of fs/cred.h and the six mode
 * bits of fs/clanfs.h: root passes everything; an admin reads and searches
 * everything and otherwise goes by the bits; a user goes by the owner's
 * bits on what it owns and the others' bits elsewhere; a guest likewise,
 * but never writes.
 */
#include "fs/dir.h"
#include "lib/errno.h"

int
perm_check(const struct cred *c, const struct inode *ip, int want)
{
	int bits;

	if (c->role == ROLE_ROOT)
		return 0;
	if (c->role == ROLE_GUEST && (want & CLANFS_MODE_W))
		return -EACCES;
	if (c->role == ROLE_ADMIN) {
		/* Reading anything and searching directories need no bits. */
		want &= ~CLANFS_MODE_R;
		if (ip->d.type == CLANFS_T_DIR)
			want &= ~CLANFS_MODE_X;
	}
	bits = (ip->d.uid == c->uid ? ip->d.mode >> CLANFS_MODE_OWNER_SHIFT : ip->d.mode) & 7;
	return (bits & want) == want ? 0 : -EACCES;
}

int
perm_owner(const struct cred *c, const struct inode *ip)
{
	return c->role == ROLE_ROOT || ip->d.uid == c->uid ? 0 : -EPERM;
}
#endif
