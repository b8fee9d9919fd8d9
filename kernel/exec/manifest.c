#if LAB >= 6
/*
 * Parsing clan-exec-v1 manifests (exec/manifest.h). Strict on purpose: a
 * manifest decides a program's trust level, so anything unexpected (an
 * unknown or repeated key, a missing one, a value too long or with odd
 * characters) is refused rather than guessed at.
 */
#include <stdbool.h>

#include "exec/manifest.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"

enum key { K_NAME, K_IMAGE, K_TRUST, K_OWNER, K_DIGEST, NKEYS };

static const char *const key_names[NKEYS] = { "name", "image", "trust", "owner", "digest" };

/* Fill why and return -ENOEXEC. */
static int __attribute__((format(printf, 2, 3))) refuse(char *why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, MANIFEST_WHY_MAX, fmt, ap);
	va_end(ap);
	return -ENOEXEC;
}

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* True if the len bytes at v are all name_char (or, with path, also '/' and '.'). */
static bool
all_chars(const char *v, size_t len, bool path)
{
	for (size_t i = 0; i < len; i++)
		if (!name_char(v[i]) && !(path && (v[i] == '/' || v[i] == '.')))
			return false;
	return true;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Store value v (len bytes) of key k from line ln into m. */
static int
set_value(struct manifest *m, enum key k, const char *v, size_t len, int ln, char *why)
{
	static const size_t max[NKEYS] = { PROC_NAME_MAX - 1, MANIFEST_VALUE_MAX - 1, 6,
					   USER_NAME_MAX, 7 + 2 * SHA256_BYTES };

	if (len == 0)
		return refuse(why, "line %d: empty value for '%s'", ln, key_names[k]);
	if (len > max[k])
		return refuse(why, "line %d: value of '%s' too long (at most %zu bytes)", ln,
			      key_names[k], max[k]);
	switch (k) {
	case K_NAME:
	case K_OWNER:
		if (!all_chars(v, len, false))
			return refuse(why, "line %d: '%s' may hold only a-z 0-9 _ -", ln,
				      key_names[k]);
		memcpy(k == K_NAME ? m->name : m->owner, v, len);
		break;
	case K_IMAGE:
		if (v[0] != '/' || !all_chars(v, len, true))
			return refuse(why,
				      "line %d: image must be an absolute path of a-z 0-9 _ - . /",
				      ln);
		memcpy(m->image, v, len);
		break;
	case K_TRUST:
		if (len == 4 && memcmp(v, "user", 4) == 0)
			m->trust = TRUST_USER;
		else if (len == 6 && memcmp(v, "system", 6) == 0)
			m->trust = TRUST_SYSTEM;
		else
			return refuse(why, "line %d: trust must be user or system", ln);
		break;
	default:
		if (len != 7 + 2 * SHA256_BYTES || memcmp(v, "sha256:", 7) != 0)
			return refuse(why, "line %d: digest must be sha256: and 64 hex digits", ln);
		for (int i = 0; i < SHA256_BYTES; i++) {
			int hi = hex_digit(v[7 + 2 * i]), lo = hex_digit(v[8 + 2 * i]);
			if (hi < 0 || lo < 0)
				return refuse(why, "line %d: digest must be lowercase hex", ln);
			m->digest[i] = (uint8_t)(hi << 4 | lo);
		}
		break;
	}
	return 0;
}

/* Parse line ln (len bytes at s, no newline) "key=value" into m, marking the key in seen. */
static int
parse_line(struct manifest *m, const char *s, size_t len, int ln, bool seen[NKEYS], char *why)
{
	const char *eq = NULL;

	for (size_t i = 0; i < len && !eq; i++)
		if (s[i] == '=')
			eq = s + i;
	if (len == 0)
		return refuse(why, "line %d: empty line", ln);
	if (!eq)
		return refuse(why, "line %d: not key=value", ln);
	size_t klen = (size_t)(eq - s);
	for (int k = 0; k < NKEYS; k++) {
		if (strlen(key_names[k]) != klen || memcmp(s, key_names[k], klen) != 0)
			continue;
		if (seen[k])
			return refuse(why, "line %d: duplicate key '%s'", ln, key_names[k]);
		seen[k] = true;
		return set_value(m, (enum key)k, eq + 1, len - klen - 1, ln, why);
	}
	char key[24];
	size_t shown = klen < sizeof(key) - 1 ? klen : sizeof(key) - 1;
	memcpy(key, s, shown);
	key[shown] = '\0';
	return refuse(why, "line %d: unknown key '%s'", ln,
		      all_chars(key, shown, false) ? key : "?");
}

int
manifest_parse(const char *text, size_t n, struct manifest *m, char *why)
{
	bool seen[NKEYS] = { false };
	size_t magic = strlen(MANIFEST_MAGIC);

	memset(m, 0, sizeof(*m));
	if (n > MANIFEST_MAX)
		return refuse(why, "longer than %d bytes", MANIFEST_MAX);
	for (size_t i = 0; i < n; i++)
		if (text[i] == '\0')
			return refuse(why, "a NUL byte at offset %zu", i);
	if (n < magic + 1 || memcmp(text, MANIFEST_MAGIC, magic) != 0 || text[magic] != '\n')
		return refuse(why, "line 1: not '%s'", MANIFEST_MAGIC);
	int ln = 1;
	for (size_t pos = magic + 1; pos < n;) {
		size_t end = pos;
		while (end < n && text[end] != '\n')
			end++;
		int err = parse_line(m, text + pos, end - pos, ++ln, seen, why);
		if (err < 0)
			return err;
		pos = end + 1;
	}
	for (int k = 0; k < NKEYS; k++)
		if (!seen[k])
			return refuse(why, "missing key '%s'", key_names[k]);
	return 0;
}
#endif
