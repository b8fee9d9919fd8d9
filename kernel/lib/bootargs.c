/*
 * Boot-argument parsing. Tokens are separated by spaces; each must be
 * key=value. The text comes from a disk image anyone can edit, so every
 * length is checked and nothing is trusted to be terminated in time.
 */
#include <stddef.h>

#include "lib/bootargs.h"
#include "lib/string.h"

#define TOKEN_MAX 128 /* longer tokens are reported cut to this length */

static bool
is_known(const char *key, const char *const *known)
{
	for (; *known; known++)
		if (strcmp(key, *known) == 0)
			return true;
	return false;
}

/* Check one token and add it to ba; returns NULL or the problem to report. */
static const char *
add_token(struct bootargs *ba, const char *token, const char *const *known)
{
	const char *eq = token;

	while (*eq && *eq != '=')
		eq++;
	if (!*eq)
		return "has no '=' (expected key=value)";
	size_t key_len = (size_t)(eq - token);
	if (key_len == 0)
		return "has an empty key";
	if (key_len >= BOOTARGS_KEY_MAX)
		return "has an overlong key";
	if (strlen(eq + 1) >= BOOTARGS_VALUE_MAX)
		return "has an overlong value";

	struct bootarg a;
	memcpy(a.key, token, key_len);
	a.key[key_len] = '\0';
	strlcpy(a.value, eq + 1, sizeof(a.value));
	if (!is_known(a.key, known))
		return "is not a known key";
	if (bootargs_get(ba, a.key))
		return "repeats a key given before";
	if (ba->count == BOOTARGS_MAX)
		return "is one argument too many";
	ba->arg[ba->count++] = a;
	return NULL;
}

int
bootargs_parse(struct bootargs *ba, const char *text, const char *const *known,
	       bootargs_warn_fn *warn)
{
	int skipped = 0;

	ba->count = 0;
	while (*text) {
		if (*text == ' ') {
			text++;
			continue;
		}
		char token[TOKEN_MAX + 1];
		size_t len = 0;
		while (text[len] && text[len] != ' ')
			len++;
		size_t keep = len < TOKEN_MAX ? len : TOKEN_MAX;
		memcpy(token, text, keep);
		token[keep] = '\0';
		text += len;

		const char *problem = len > TOKEN_MAX ? "is overlong" : add_token(ba, token, known);
		if (problem) {
			warn(token, problem);
			skipped++;
		}
	}
	return skipped;
}

const char *
bootargs_get(const struct bootargs *ba, const char *key)
{
	for (int i = 0; i < ba->count; i++)
		if (strcmp(ba->arg[i].key, key) == 0)
			return ba->arg[i].value;
	return NULL;
}
