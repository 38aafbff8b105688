/*
 * kernel/lib/vsnprintf.c against glibc's vsnprintf: a hand-written table
 * of edge cases, then every combination of flags, width, precision, length
 * modifier and conversion over a set of boundary values. Each check
 * compares the text, the return value, and the output truncated at several
 * buffer sizes (bytes past the size must stay untouched), and the
 * scnprintf family against the same expectations. The deliberate
 * differences from glibc (no floating point, %n never writes, an
 * unfinished conversion is printed as written) are checked on their own.
 */
#include <stdint.h>
#include <wchar.h>

#include "unit.h"
#include "klib.h"

enum { BUF = 1024 };

/* Compare one format at full size and at a few truncated sizes. */
static void vcheck(int line, bool sweep, const char *fmt, va_list ap)
{
	char h[BUF], k[BUF];
	int hr, kr, kc;
	va_list aq;

	va_copy(aq, ap);
	memset(h, '#', BUF);
	hr = vsnprintf(h, BUF, fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	memset(k, '#', BUF);
	kr = klib_vsnprintf(k, BUF, fmt, aq);
	va_end(aq);
	if (hr != kr || memcmp(h, k, BUF)) {
		CHECK(0, "line %d: format \"%s\": glibc [%.*s] %d, ours [%.*s] %d", line, fmt,
		      (int)strnlen(h, 200), h, hr, (int)strnlen(k, 200), k, kr);
		return;
	}
	if (hr < 0)
		return;

	size_t sizes[] = { 0, 1, 2, (size_t)hr / 2, (size_t)hr, (size_t)hr + 1, (size_t)hr + 2 };
	for (size_t i = 0; i < (sweep ? sizeof(sizes) / sizeof(sizes[0]) : 1); i++) {
		size_t sz = sizes[i];
		size_t want_c;

		if (sz > BUF)
			continue;
		memset(h, '#', BUF);
		memset(k, '#', BUF);
		va_copy(aq, ap);
		hr = vsnprintf(h, sz, fmt, aq);
		va_end(aq);
		va_copy(aq, ap);
		kr = klib_vsnprintf(sz ? k : NULL, sz, fmt, aq);
		va_end(aq);
		CHECK(hr == kr && !memcmp(h, k, BUF),
		      "line %d: format \"%s\" size %zu: glibc %d, ours %d", line, fmt, sz, hr, kr);

		memset(k, '#', BUF);
		va_copy(aq, ap);
		kc = klib_vscnprintf(k, sz, fmt, aq);
		va_end(aq);
		want_c = sz == 0 ? 0 : ((size_t)hr < sz - 1 ? (size_t)hr : sz - 1);
		CHECK((size_t)kc == want_c && !memcmp(h, k, BUF),
		      "line %d: vscnprintf \"%s\" size %zu: %d, want %zu", line, fmt, sz, kc, want_c);
	}
}

static void check_at(int line, bool sweep, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcheck(line, sweep, fmt, ap);
	va_end(ap);
}

#define T(...) check_at(__LINE__, true, __VA_ARGS__)

static void test_table(void)
{
	/* Plain text and %%. */
	T("");
	T("hello, world");
	T("%%");
	T("100%% sure %%%%");
	T("%5%|%-5%|%05%|");
	T("a%cb", 0);

	/* %d and %i */
	T("%d %i", 0, 0);
	T("%d", INT_MIN);
	T("%d", INT_MAX);
	T("%i", -1);
	T("%+d %+d %+d", 0, 5, -5);
	T("% d % d % d", 0, 5, -5);
	T("%+ d|% +d", 7, 7);
	T("%5d|%-5d|%05d|%-05d|%0-5d", -42, -42, -42, -42, -42);
	T("%.0d|%.0d|%+.0d|% .0d|%5.0d|%-5.0d|", 0, 1, 0, 0, 0, 0);
	T("%.5d|%.5d|%8.5d|%-8.5d|%08.5d|%+.5d", 42, -42, 42, -42, 42, 42);
	T("%00005d|%0+5d|%0 5d", 3, 3, 3);
	T("%*d|%-*d|%*d", 6, 1, 6, 2, -6, 3);
	T("%.*d|%.*d|%.*d", 3, 7, -1, 7, 0, 0);
	T("%*.*d|%-*.*d", 8, 4, -12, -8, 4, -12);
	T("%hhd %hhd %hhd %hhd", 127, 128, 255, 256 + 5);
	T("%hd %hd %hd", 32767, 32768, 65535);
	T("%ld %ld", LONG_MIN, LONG_MAX);
	T("%lld %lld", LLONG_MIN, LLONG_MAX);
	T("%jd %zd %td", (intmax_t)-5, (ssize_t)-6, (ptrdiff_t)-7);
	T("%Ld %qd %Zd", LLONG_MIN, LLONG_MAX, (size_t)-1);
	T("%'d|%'10d|%I5d", 1234567, -1234567, 5);

	/* Unsigned conversions. */
	T("%u %u", 0u, UINT_MAX);
	T("%+u % u", 5u, 5u);
	T("%o %#o %#o %#.0o %.0o %#5o %#05o %#.3o %#.3o", 8, 8, 0, 0, 0, 8, 8, 8, 0);
	T("%x %X %#x %#X %#x %#.0x %.0x", 255, 255, 255, 255, 0, 0, 0);
	T("%#08x|%#-8x|%#8.3x|%08.3x|%#.8X", 255, 255, 255, 255, 255);
	T("%lu %lx %lo %lX", ULONG_MAX, ULONG_MAX, ULONG_MAX, ULONG_MAX);
	T("%llu %llx %#llo", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
	T("%hhu %hhx %hho %hhu", 255, 256 + 0xab, -1, -1);
	T("%hu %hx %ho", 65535, 65536 + 0x1234, -1);
	T("%zu %zx %ju %tx", (size_t)-1, (size_t)-1, UINTMAX_MAX, (ptrdiff_t)-1);

	/* %c */
	T("%c%c%c", 'a', 'b', 'c');
	T("%5c|%-5c|%05c|%.0c|%.3c|%#c|%+c", 'x', 'x', 'x', 'x', 'x', 'x', 'x');
	T("%c|%c|%c", 255, -1, 256 + 'A');
	T("%*c|%-*c|%*c", 4, 'q', 4, 'q', -4, 'q');
	T("%lc|%5lc|%-5lc|", (wint_t)'A', (wint_t)'B', (wint_t)'C');

	/* %s */
	T("%s|%10s|%-10s|%.2s|%10.2s|%-10.2s|%.0s|%.10s", "hello", "hello", "hello",
	  "hello", "hello", "hello", "hello", "hello");
	T("%05s|%-05s|%#s|%+s|% s", "ab", "ab", "ab", "ab", "ab");
	T("%s|%.6s|%.5s|%.0s|%10s|%-10s|%.3s", (char *)NULL, (char *)NULL, (char *)NULL,
	  (char *)NULL, (char *)NULL, (char *)NULL, (char *)NULL);
	T("%*s|%-*s|%.*s|%.*s", 8, "ab", 8, "ab", 1, "ab", -1, "ab");
	T("%s", "\x80\xff\x01 high bytes");
	T("%ls|%.1ls|%5ls|%-5ls|%ls|%.3ls", L"hi", L"hi", L"ab", L"ab", (wchar_t *)NULL,
	  (wchar_t *)NULL);

	/* %p */
	T("%p|%p|%p", (void *)0x1234, (void *)1, (void *)UINTPTR_MAX);
	T("%p|%5p|%-8p|%08p|%.3p|%+p|% p|%#p", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	T("%+p|% p|%020p|%.20p|%-20p|%#p|%5p|%+.3p|%08.3p|%-08p", (void *)0x1234,
	  (void *)0x1234, (void *)0x1234, (void *)0x1234, (void *)0x1234, (void *)0x1234,
	  (void *)0x1234, (void *)0x12, (void *)0x12, (void *)0x12);
	T("%.0p|%.p|%5.0p|", (void *)1, (void *)1, (void *)1);
	T("%p", (void *)0xffff800000000000);

	/* Mixed and long. */
	T("%s=%d (%#x) at %p%c", "answer", 42, 42, (void *)0xdeadbeef, '!');
	T("[%-20s][%20s][%-+8d][%08.3x]", "left", "right", 12, 0xab);
	T("%600d|%-700s|", 1, "x");
	T("%d %u %x %o %c %s %p %i %ld %llu %hhd %hu %zu", -1, 2u, 3u, 4u, '5', "6",
	  (void *)7, 8, 9L, 10ULL, 11, 12, (size_t)13);

	/* Unknown conversions are shown as written, as glibc does. */
	T("%y|%5y|%k|%-y");
}

/* Arguments by length modifier class. */
enum arg_kind { ARG_INT, ARG_LONG, ARG_LLONG };

static void check_value(const char *fmt, enum arg_kind kind, int nstars, int s1, int s2,
			unsigned long long v)
{
	switch (kind) {
	case ARG_INT:
		if (nstars == 0)
			check_at(__LINE__, false, fmt, (int)v);
		else if (nstars == 1)
			check_at(__LINE__, false, fmt, s1, (int)v);
		else
			check_at(__LINE__, false, fmt, s1, s2, (int)v);
		break;
	case ARG_LONG:
		if (nstars == 0)
			check_at(__LINE__, false, fmt, (long)v);
		else if (nstars == 1)
			check_at(__LINE__, false, fmt, s1, (long)v);
		else
			check_at(__LINE__, false, fmt, s1, s2, (long)v);
		break;
	case ARG_LLONG:
		if (nstars == 0)
			check_at(__LINE__, false, fmt, (long long)v);
		else if (nstars == 1)
			check_at(__LINE__, false, fmt, s1, (long long)v);
		else
			check_at(__LINE__, false, fmt, s1, s2, (long long)v);
		break;
	}
}

static const char *const flag_chars = "-+ #0";
static const char *const widths[] = { "", "1", "7", "23", "*" };
static const char *const precisions[] = { "", ".", ".0", ".1", ".4", ".19", ".*" };
static const int star_values[] = { -12, -1, 0, 1, 5, 17 };

/* Builds "%<flags><width><precision><length><conv>" into @buf. */
static int build_format(char *buf, unsigned int flags, const char *width, const char *prec,
			const char *length, char conv)
{
	char *p = buf;

	*p++ = '%';
	for (int f = 0; f < 5; f++) {
		if (flags & (1u << f))
			*p++ = flag_chars[f];
	}
	p += sprintf(p, "%s%s%s%c", width, prec, length, conv);
	return (*width == '*') + (*prec && prec[1] == '*');
}

static void test_integers(void)
{
	static const struct {
		const char *mod;
		enum arg_kind kind;
	} lengths[] = {
		{ "hh", ARG_INT }, { "h", ARG_INT }, { "", ARG_INT }, { "l", ARG_LONG },
		{ "ll", ARG_LLONG }, { "j", ARG_LONG }, { "z", ARG_LONG }, { "t", ARG_LONG },
		{ "L", ARG_LLONG }, { "q", ARG_LLONG }, { "Z", ARG_LONG },
	};
	static const unsigned long long values[] = {
		0, 1, 2, 7, 8, 9, 10, 15, 16, 42, 99, 100, 127, 128, 255, 256,
		(unsigned long long)-1, (unsigned long long)-7, (unsigned long long)-128,
		(unsigned long long)-129, 32767, 32768, 65535, 65536, INT_MAX,
		(unsigned long long)INT_MIN, UINT_MAX, 0x100000000ULL, LLONG_MAX,
		(unsigned long long)LLONG_MIN, ULLONG_MAX, 01234567012345670ULL,
		0xdeadbeefcafebabeULL, 1000000000000000000ULL,
		(unsigned long long)-1000000000000000000LL,
	};
	const char *convs = "diuoxX";
	char fmt[32];
	unsigned long n = 0;

	for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++) {
		for (const char *c = convs; *c; c++) {
			for (unsigned int flags = 0; flags < 32; flags++) {
				for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
					for (size_t p = 0; p < sizeof(precisions) / sizeof(precisions[0]); p++) {
						int nstars = build_format(fmt, flags, widths[w], precisions[p],
									  lengths[l].mod, *c);

						for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
							int s1 = star_values[(n + v) % 6];
							int s2 = star_values[(n + 3 * v + 1) % 6];

							check_value(fmt, lengths[l].kind, nstars, s1, s2, values[v]);
						}
						n++;
						if (UNIT_FAILURES() > 20)
							return;
					}
				}
			}
		}
	}
	CHECK(n == 11 * 6 * 32 * 5 * 7, "only %lu formats tried", n);
}

static void test_strings_chars_pointers(void)
{
	static const char *const strs[] = { "", "a", "hello", "hello, world!", NULL, "\x80\xff" };
	static const int chars[] = { 'a', 0, 255, -1, ' ' };
	static void *const ptrs[] = {
		NULL, (void *)1, (void *)0x1234, (void *)0xffffffffffffffff,
		(void *)0x7fff12345678, (void *)0xffff800000000000,
	};
	char fmt[32];
	unsigned long n = 0;

	for (unsigned int flags = 0; flags < 32; flags++) {
		for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			for (size_t p = 0; p < sizeof(precisions) / sizeof(precisions[0]); p++, n++) {
				int s1 = star_values[n % 6], s2 = star_values[(n / 6) % 6];
				int nstars;

				nstars = build_format(fmt, flags, widths[w], precisions[p], "", 's');
				for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
					if (nstars == 0)
						check_at(__LINE__, true, fmt, strs[i]);
					else if (nstars == 1)
						check_at(__LINE__, true, fmt, s1, strs[i]);
					else
						check_at(__LINE__, true, fmt, s1, s2, strs[i]);
				}
				nstars = build_format(fmt, flags, widths[w], precisions[p], "", 'c');
				for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++) {
					if (nstars == 0)
						check_at(__LINE__, true, fmt, chars[i]);
					else if (nstars == 1)
						check_at(__LINE__, true, fmt, s1, chars[i]);
					else
						check_at(__LINE__, true, fmt, s1, s2, chars[i]);
				}
				nstars = build_format(fmt, flags, widths[w], precisions[p], "", 'p');
				for (size_t i = 0; i < sizeof(ptrs) / sizeof(ptrs[0]); i++) {
					if (nstars == 0)
						check_at(__LINE__, true, fmt, ptrs[i]);
					else if (nstars == 1)
						check_at(__LINE__, true, fmt, s1, ptrs[i]);
					else
						check_at(__LINE__, true, fmt, s1, s2, ptrs[i]);
				}
				if (UNIT_FAILURES() > 20)
					return;
			}
		}
	}
}

/* Random sequences of conversions and text in one format string. */
static void test_random_formats(void)
{
	static const char *const pieces[] = {
		"%d", "%5d", "%-+7d", "%x", "%#o", "%s", "%10.3s", "%c", "%p", "%%", "abc", " ",
		"%lu", "%08lx", "%.0d", "%hhd",
	};
	for (int i = 0; i < 5000; i++) {
		char fmt[200] = "";
		/* Every piece takes at most one argument; pass ints/longs/pointers as 64-bit words. */
		uintptr_t args[8];
		int nargs = 0;

		for (int j = 0; j < 8; j++) {
			const char *piece = pieces[unit_rand_below(sizeof(pieces) / sizeof(pieces[0]))];

			strcat(fmt, piece);
			if (strchr(piece, '%') && strcmp(piece, "%%")) {
				if (strstr(piece, "s"))
					args[nargs++] = (uintptr_t)(unit_rand_below(2) ? "str" : "longer string");
				else
					args[nargs++] = unit_rand64() >> unit_rand_below(64);
			}
		}
		while (nargs < 8)
			args[nargs++] = 0;
		check_at(__LINE__, true, fmt, args[0], args[1], args[2], args[3], args[4], args[5],
			 args[6], args[7]);
	}
}

static void test_wrappers(void)
{
	char buf[64], want[64];
	int r;

	memset(buf, '#', sizeof(buf));
	r = klib_snprintf(buf, sizeof(buf), "%s-%d", "abc", 42);
	CHECK(r == 6 && !strcmp(buf, "abc-42"), "snprintf: %d [%s]", r, buf);

	memset(buf, '#', sizeof(buf));
	r = klib_snprintf(buf, 4, "%s-%d", "abc", 42);
	CHECK(r == 6 && !memcmp(buf, "abc\0##", 6), "snprintf truncation: %d", r);

	r = klib_snprintf(NULL, 0, "%d", 12345);
	CHECK(r == 5, "snprintf(NULL, 0) = %d", r);

	memset(buf, '#', sizeof(buf));
	memset(want, '#', sizeof(want));
	r = klib_sprintf(buf, "%5.2s|%-4d|%#x", "xyz", 7, 255);
	sprintf(want, "%5.2s|%-4d|%#x", "xyz", 7, 255);
	CHECK(r == (int)strlen(want) && !memcmp(buf, want, sizeof(buf)), "sprintf: %d [%s]", r, buf);

	memset(buf, '#', sizeof(buf));
	r = klib_scnprintf(buf, 4, "%s", "abcdef");
	CHECK(r == 3 && !strcmp(buf, "abc"), "scnprintf truncated: %d", r);
	r = klib_scnprintf(buf, sizeof(buf), "%s", "abcdef");
	CHECK(r == 6 && !strcmp(buf, "abcdef"), "scnprintf: %d", r);
	r = klib_scnprintf(buf, 1, "%s", "abcdef");
	CHECK(r == 0 && buf[0] == '\0', "scnprintf size 1: %d", r);
	r = klib_scnprintf(NULL, 0, "%s", "abcdef");
	CHECK(r == 0, "scnprintf size 0: %d", r);

	/* A huge width past the buffer costs nothing and is counted. */
	r = klib_snprintf(buf, sizeof(buf), "%1000000000d|", 1);
	CHECK(r == 1000000001 && buf[62] == ' ' && buf[63] == '\0', "huge width: %d", r);
	r = klib_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1);
	CHECK(r == -1 || r > 0, "width INT_MIN via *: %d", r);
	r = klib_snprintf(buf, 8, "%.2147483647d", 1);
	CHECK(r == INT_MAX, "precision INT_MAX: %d", r);
	r = klib_snprintf(buf, 8, "%99999999999999999999d", 1);
	CHECK(r == INT_MAX, "width saturates at INT_MAX: %d", r);
	r = klib_snprintf(buf, 8, "%2147483647d%d", 1, 2);
	CHECK(r == -1, "output over INT_MAX: %d", r);
}

/* Where we differ from glibc on purpose (see kernel/lib/include/stdio.h). */
static void test_unsupported(void)
{
	char buf[128];
	int x = 99;
	long long big = 5;
	signed char small = 6;
	int r;

	/* Floating point: shown as written, no argument consumed. */
	r = klib_snprintf(buf, sizeof(buf), "%f|%d|%.2e|%s|%G|%a", 1.5, 7, 2.5, "s", 3.0, 4.0);
	CHECK(r == (int)strlen("%f|7|%.2e|s|%G|%a") && !strcmp(buf, "%f|7|%.2e|s|%G|%a"),
	      "floating point: [%s]", buf);
	r = klib_snprintf(buf, sizeof(buf), "%-10.3f|%d", 1.0, 8);
	CHECK(!strcmp(buf, "%-10.3f|8"), "floating point with flags: [%s]", buf);

	/* %n: the pointer is consumed, nothing is written through it. */
	r = klib_snprintf(buf, sizeof(buf), "ab%ncd%d%lln%hhn|%s", &x, 5, &big, &small, "end");
	CHECK(r == 9 && !strcmp(buf, "abcd5|end") && x == 99 && big == 5 && small == 6,
	      "%%n: %d [%s] %d %lld %d", r, buf, x, big, small);

	/* A conversion cut off by the end of the format is shown as written (glibc fails). */
	r = klib_snprintf(buf, sizeof(buf), "abc%");
	CHECK(r == 4 && !strcmp(buf, "abc%"), "trailing %%: %d [%s]", r, buf);
	r = klib_snprintf(buf, sizeof(buf), "x%-08.3l");
	CHECK(r == 8 && !strcmp(buf, "x%-08.3l"), "unfinished conversion: %d [%s]", r, buf);
	r = klib_snprintf(buf, sizeof(buf), "%m|%C|%S|%d", 3);
	CHECK(!strcmp(buf, "%m|%C|%S|3"), "unsupported letters: [%s]", buf);
	/* Positional arguments are not supported: shown as written. */
	r = klib_snprintf(buf, sizeof(buf), "%1$d|%2$s", 42, "x");
	CHECK(!strcmp(buf, "%1$d|%2$s"), "positional: [%s]", buf);

	/* %lc and %ls write UTF-8 (glibc's "C" locale refuses non-ASCII). */
	r = klib_snprintf(buf, sizeof(buf), "%lc|%lc|%lc|%lc", (wint_t)0xe9, (wint_t)0x20ac,
			  (wint_t)0x1f600, (wint_t)0x110000);
	CHECK(!strcmp(buf, "\xc3\xa9|\xe2\x82\xac|\xf0\x9f\x98\x80|?"), "%%lc UTF-8: [%s]", buf);
	r = klib_snprintf(buf, sizeof(buf), "%ls|%.3ls|%.2ls|%6ls|", L"h\u00e9!", L"\u00e9\u00e9",
			  L"\u20ac", L"\u00e9");
	CHECK(!strcmp(buf, "h\xc3\xa9!|\xc3\xa9||    \xc3\xa9|"), "%%ls UTF-8: [%s]", buf);
}

int main(void)
{
	unit_run("printf.table", test_table);
	unit_run("printf.integers", test_integers);
	unit_run("printf.strings-chars-pointers", test_strings_chars_pointers);
	unit_run("printf.random-formats", test_random_formats);
	unit_run("printf.wrappers", test_wrappers);
	unit_run("printf.unsupported", test_unsupported);
	return unit_exit();
}
