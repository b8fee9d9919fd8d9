#if LAB >= 2
/*
 * test=ticks: print a line every HZ ticks for three seconds. The grader
 * times the lines with the host's clock, so a wrongly calibrated timer (or
 * one that runs from a wrongly calibrated TSC) shows up as a wrong rate.
 */
#include "ktest/ktest.h"
#include "arch/x86/cpu.h"
#include "dev/clock.h"
#include "dev/console.h"

void
ktest_ticks(void)
{
	uint64_t start = clock_ticks();

	for (uint64_t n = HZ; n <= 3 * HZ; n += HZ) {
		while (clock_ticks() - start < n)
			wait_for_interrupt();
		printf("ktest: ticks: tick %lu at %lu ns\n", clock_ticks() - start, clock_ns());
	}
}
#endif
