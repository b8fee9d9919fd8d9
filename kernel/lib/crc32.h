#if LAB >= 5
/*
 * CRC-32 (the IEEE polynomial of zlib, Ethernet and PNG), which CLANFS uses to
 * checksum its metadata. Host tools and tests link the same file.
 */
#ifndef LIB_CRC32_H
#define LIB_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continue crc over n more bytes at p; start with crc 0. crc32(0, "123456789", 9) is
 * 0xcbf43926, and crc32(crc32(0, a, n), b, m) is the CRC of a followed by b. */
uint32_t crc32(uint32_t crc, const void *p, size_t n);

#endif
#endif
