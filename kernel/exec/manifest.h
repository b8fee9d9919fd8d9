#if LAB >= 6
/*
 * clan-exec-v1 manifests (the format is in exec/exec.h): parsed strictly,
 * so a manifest either says exactly what a program is or is refused with
 * the reason. Pure: the host tests run it.
 */
#ifndef EXEC_MANIFEST_H
#define EXEC_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "lib/sha256.h"
#include "proc/proc.h"

#define MANIFEST_MAGIC "clan-exec-v1"
#define MANIFEST_MAX 1024 /* bytes a manifest may have */
#define MANIFEST_VALUE_MAX                                                    \
	64 /* bytes of a value, NUL included (a digest's 64 hex digits do not \
	      count: they are stored as bytes) */
#define MANIFEST_WHY_MAX 96

struct manifest {
	char name[PROC_NAME_MAX]; /* the process's name */
	char image[MANIFEST_VALUE_MAX];
	enum trust trust;
	char owner[USER_NAME_MAX + 1];
	uint8_t digest[SHA256_BYTES];
};

/*
 * Parse the n bytes of text (no NUL needed): the first line MANIFEST_MAGIC, then exactly the
 * lines name=, image=, trust= (user or system), owner=, digest=sha256:<64 lowercase hex
 * digits>, in any order, each once, and nothing else (an empty last line is allowed).
 * 0 with *m filled, or -ENOEXEC with why (MANIFEST_WHY_MAX bytes) saying what is wrong,
 * e.g. "line 3: unknown key 'color'".
 */
int manifest_parse(const char *text, size_t n, struct manifest *m, char *why);

#endif
#endif
