#if LAB >= 5
/*
 * xorshift32 (Marsaglia): a tiny pseudo-random generator whose stream the
 * graders recompute on the host. The monitor's fill writes the low byte of
 * each step from a seed; kernel tests draw their random choices from it.
 */
#ifndef LIB_XORSHIFT_H
#define LIB_XORSHIFT_H

#include <stdint.h>

/* Advance *state (never 0) one step and return the new value. */
static inline uint32_t
xorshift32(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif
#endif
