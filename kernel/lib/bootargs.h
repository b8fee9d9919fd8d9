/*
 * Boot arguments: "key=value key=value" text from the boot disk's config
 * sector (make qemu ARGS="gate=all"). Problems are warnings, never fatal:
 * a bad token is reported and skipped, and the kernel boots with defaults.
 */
#ifndef LIB_BOOTARGS_H
#define LIB_BOOTARGS_H

#include <stdbool.h>

#define BOOTARGS_MAX 16
#define BOOTARGS_KEY_MAX 16   /* including the NUL */
#define BOOTARGS_VALUE_MAX 64 /* including the NUL */

struct bootarg {
	char key[BOOTARGS_KEY_MAX];
	char value[BOOTARGS_VALUE_MAX];
};

struct bootargs {
	int count;
	struct bootarg arg[BOOTARGS_MAX];
};

/* Called once per skipped token, e.g. warn("foo", "is not a known key"). */
typedef void bootargs_warn_fn(const char *token, const char *problem);

/*
 * Parse text into ba, keeping key=value pairs whose key is in known (a
 * NULL-terminated list). A token with no '=', an empty, overlong or unknown
 * key, an overlong value, a repeated key or one past BOOTARGS_MAX is passed
 * to warn and skipped. Returns the number of tokens skipped.
 */
int bootargs_parse(struct bootargs *ba, const char *text, const char *const *known,
		   bootargs_warn_fn *warn);

/* The value of key in ba, or NULL if it was not given. */
const char *bootargs_get(const struct bootargs *ba, const char *key);

#endif
