/*
 * Host unit tests link kernel library code into an ordinary program, next to
 * the C library. The kernel's memset, snprintf, ... would collide with libc's,
 * so every kernel file compiled for a test and every test (after its system
 * headers) sees them renamed. The tests then exercise the kernel's own code,
 * never libc's by accident.
 */
#ifndef TEST_HOST_NAMES_H
#define TEST_HOST_NAMES_H

#define memset k_memset
#define memcpy k_memcpy
#define memmove k_memmove
#define memcmp k_memcmp
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#define strlcpy k_strlcpy
#define snprintf k_snprintf
#define vsnprintf k_vsnprintf

/* Declare the renamed functions wherever the names are used. */
#include "lib/printf.h"
#include "lib/string.h"

#endif
