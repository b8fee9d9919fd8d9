#if LAB >= 5
/* What an error number means, in the words Unix uses, for messages people read. */
#ifndef LIB_ERRSTR_H
#define LIB_ERRSTR_H

/* "no such file or directory" for ENOENT or -ENOENT; "error N" for one it does not know. The
 * unknown case formats into a static buffer: callers print the result at once. */
const char *errno_text(int err);

#endif
#endif
