/*
 * Calendar time in UTC: days since 1970-01-01 to a civil date and back
 * (Howard Hinnant's days_from_civil arithmetic, exact for the whole range
 * of a 64-bit time_t that fits in an int year). No time zones: localtime_r
 * and mktime are gmtime_r and timegm, as under TZ=UTC.
 */
#include <errno.h>
#include <time.h>

static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
	long secs = *t, days = secs / 86400, rem = secs % 86400;
	long z, era, y;
	unsigned doe, yoe, doy, mp, d, m;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	/* Years beyond int's range cannot be represented in tm_year. */
	if (days > 784351576776L || days < -784353015833L) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_hour = rem / 3600;
	tm->tm_min = rem / 60 % 60;
	tm->tm_sec = rem % 60;
	tm->tm_wday = (int)((days % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)d;
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
	return gmtime_r(t, tm);
}

time_t timegm(struct tm *tm)
{
	/* Normalize months first (tm_mon may be out of range), then let the
	 * day, hour, minute and second fields carry through the arithmetic. */
	long mon = tm->tm_mon, year = (long)tm->tm_year + 1900 + mon / 12;
	time_t t;

	mon %= 12;
	if (mon < 0) {
		mon += 12;
		year--;
	}
	t = (days_from_civil(year, (unsigned)mon + 1, 1) + tm->tm_mday - 1) * 86400L +
	    tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
	if (!gmtime_r(&t, tm))
		return (time_t)-1;
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}
