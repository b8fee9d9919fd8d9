#if LAB >= 5
/*
 * Wall-clock time: the CMOS real-time clock, read once, then carried forward
 * by the calibrated TSC (dev/clock.h). The file system stamps mtime and ctime
 * with it.
 */
#ifndef DEV_RTC_H
#define DEV_RTC_H

#include <stdint.h>

/* Seconds since 1970-01-01 00:00 UTC (the RTC is taken to hold UTC). The first call reads
 * the CMOS clock, waiting up to a few ms for an update to pass; needs clock_init. */
uint64_t rtc_now(void);

#endif
#endif
