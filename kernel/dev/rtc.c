#if LAB >= 5
/*
 * The CMOS real-time clock (MC146818 and its copies), read through the index
 * port 0x70 and the data port 0x71. The clock updates its registers once a
 * second, and while it does (status A's update-in-progress bit) they must not
 * be read; even after waiting for that bit an update can start in the middle
 * of the reads, so the registers are read until two rounds agree. Status B
 * says whether the values are BCD or binary and whether the hour is 12-hour
 * (bit 7 of the hour: PM). The result, converted to seconds since 1970, is
 * kept with the clock_ns() of the reading; later calls add the time since.
 */
#include <stdbool.h>

#include "dev/rtc.h"
#include "arch/x86/io.h"
#include "dev/clock.h"
#include "dev/console.h"
#include "sync/spinlock.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_CENTURY 0x32 /* where PC firmware (QEMU, Bochs) keeps it */
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B

#define RTC_A_UIP 0x80    /* an update is in progress */
#define RTC_B_24HOUR 0x02 /* hours run 0-23, not 1-12 with bit 7 for PM */
#define RTC_B_BINARY 0x04 /* values are binary, not BCD */
#define RTC_HOUR_PM 0x80

#define RTC_MAX_ROUNDS 1000 /* reads until two agree; each takes well under 1 ms */

struct rtc_time {
	uint8_t sec, min, hour, day, month, year, century;
};

static struct spinlock rtc_lock = SPINLOCK_INIT("rtc");
static bool rtc_known;       /* rtc_lock; then the two below never change */
static uint64_t rtc_base;    /* seconds since 1970 at the reading */
static uint64_t rtc_base_ns; /* clock_ns() at the reading */

static uint8_t
cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

/* One round of reads, after the update-in-progress bit is clear. */
static void
rtc_read_raw(struct rtc_time *t)
{
	for (int spin = 0; spin < 100000 && (cmos_read(RTC_STATUS_A) & RTC_A_UIP); spin++)
		;
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
}

static bool
rtc_same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year && a->century == b->century;
}

static uint8_t
bcd(uint8_t v)
{
	return (uint8_t)((v >> 4) * 10 + (v & 0x0F));
}

/* Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Seconds since 1970 of the clock's registers t, decoded per status B. */
static uint64_t
rtc_decode(struct rtc_time t, uint8_t status_b)
{
	bool pm = t.hour & RTC_HOUR_PM;

	t.hour &= (uint8_t)~RTC_HOUR_PM;
	if (!(status_b & RTC_B_BINARY)) {
		t.sec = bcd(t.sec);
		t.min = bcd(t.min);
		t.hour = bcd(t.hour);
		t.day = bcd(t.day);
		t.month = bcd(t.month);
		t.year = bcd(t.year);
		t.century = bcd(t.century);
	}
	if (!(status_b & RTC_B_24HOUR))
		t.hour = (uint8_t)(t.hour % 12 + (pm ? 12 : 0)); /* 12 AM is 0, 12 PM is 12 */
	/* A century register that makes no sense is ignored: 20xx. */
	int64_t year = (t.century >= 19 && t.century <= 99 ? t.century : 20) * 100 + t.year;
	if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.min > 59 ||
	    t.sec > 60)
		return 0;
	int64_t days = days_from_civil(year, t.month, t.day);
	if (days < 0)
		return 0;
	return (uint64_t)days * 86400 + t.hour * 3600u + t.min * 60u + t.sec;
}

uint64_t
rtc_now(void)
{
	spin_lock(&rtc_lock);
	if (!rtc_known) {
		struct rtc_time a, b;

		rtc_read_raw(&a);
		for (int round = 0; round < RTC_MAX_ROUNDS; round++) {
			rtc_read_raw(&b);
			if (rtc_same(&a, &b))
				break;
			a = b;
		}
		rtc_base = rtc_decode(b, cmos_read(RTC_STATUS_B));
		if (rtc_base == 0)
			printf("rtc: the CMOS clock holds no valid date; counting from 1970\n");
		rtc_base_ns = clock_ns();
		rtc_known = true;
	}
	spin_unlock(&rtc_lock);
	return rtc_base + (clock_ns() - rtc_base_ns) / 1000000000ULL;
}
#endif
