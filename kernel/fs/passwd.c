#if LAB >= 5
/*
 * Parsing the users file, "name:uid:role" per line: pure functions on text,
 * so the host tests run them on every malformed line there is. fs/users.c
 * reads the file and keeps the table.
 */
#include "fs/cred.h"
#include "lib/string.h"

#include <stdbool.h>

static const char *const role_names[NROLES] = {
	[ROLE_ROOT] = "root",
	[ROLE_ADMIN] = "admin",
	[ROLE_USER] = "user",
	[ROLE_GUEST] = "guest",
};

const char *
role_name(enum role r)
{
	return (unsigned)r < NROLES ? role_names[r] : "?";
}

static bool
valid_name(const char *s, size_t n)
{
	if (n == 0 || n > USER_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

/* A decimal uid below 2^31, or -1. */
static int64_t
parse_uid(const char *s, size_t n)
{
	int64_t v = 0;

	if (n == 0 || n > 10)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v < (1LL << 31) ? v : -1;
}

static int
parse_role(const char *s, size_t n)
{
	for (int r = 0; r < NROLES; r++)
		if (strlen(role_names[r]) == n && memcmp(role_names[r], s, n) == 0)
			return r;
	return -1;
}

/* Check one line (n bytes, no newline) and fill *u; NULL, or what is wrong with it. */
static const char *
parse_line(const char *line, size_t n, const struct cred *seen, int nseen, struct cred *u)
{
	const char *field[3];
	size_t len[3];
	int nfields = 0;
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && line[i] != ':')
			continue;
		if (nfields == 3)
			return "more than three fields (name:uid:role)";
		field[nfields] = line + start;
		len[nfields++] = i - start;
		start = i + 1;
	}
	if (nfields != 3)
		return "fewer than three fields (name:uid:role)";
	if (!valid_name(field[0], len[0]))
		return "the name must be 1-15 characters of a-z, 0-9, _ and -";
	int64_t uid = parse_uid(field[1], len[1]);
	if (uid < 0)
		return "the uid must be a number below 2147483648";
	int role = parse_role(field[2], len[2]);
	if (role < 0)
		return "the role must be root, admin, user or guest";
	memset(u, 0, sizeof(*u));
	memcpy(u->name, field[0], len[0]);
	u->uid = (uint32_t)uid;
	u->role = (enum role)role;
	for (int i = 0; i < nseen; i++) {
		if (strcmp(seen[i].name, u->name) == 0)
			return "a user of that name came before";
		if (seen[i].uid == u->uid)
			return "a user with that uid came before";
	}
	return NULL;
}

int
users_parse(const char *text, size_t n, struct cred *out, int max,
	    void (*bad)(int line, const char *why))
{
	int count = 0, number = 0;
	size_t start = 0;

	while (start < n) {
		size_t end = start;
		while (end < n && text[end] != '\n')
			end++;
		number++;
		size_t len = end - start;
		if (len > 0 && text[start + len - 1] == '\r')
			len--;
		if (len > 0 && text[start] != '#') {
			const char *why = count == max ? "too many users" : NULL;
			if (!why)
				why = parse_line(text + start, len, out, count, &out[count]);
			if (why)
				bad(number, why);
			else
				count++;
		}
		start = end + 1;
	}
	return count;
}
#endif
