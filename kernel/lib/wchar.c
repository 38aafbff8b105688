/*
 * Wide characters and the one locale: wchar_t is UTF-32 and multibyte text
 * is UTF-8 ("C.UTF-8"), which is what libarchive meets in tar headers and
 * PAX records. Decoding follows RFC 3629: overlong forms, surrogates and
 * code points past U+10FFFF are EILSEQ (glibc's C.UTF-8 still decodes the
 * old forms above U+10FFFF; RFC 3629 and we do not).
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t wcslen(const wchar_t *s)
{
	const wchar_t *p = s;

	while (*p)
		p++;
	return p - s;
}

wchar_t *wcscpy(wchar_t *restrict d, const wchar_t *restrict s)
{
	wchar_t *r = d;

	while ((*d++ = *s++))
		;
	return r;
}

wchar_t *wcsncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t i = 0;

	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
	return d;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return *a < *b ? -1 : *a > *b;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n && *a && *a == *b; a++, b++, n--)
		;
	if (!n)
		return 0;
	return *a < *b ? -1 : *a > *b;
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *r = NULL;

	for (;; s++) {
		if (*s == c)
			r = s;
		if (!*s)
			return (wchar_t *)r;
	}
}

wchar_t *wmemcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	return memcpy(d, s, n * sizeof(wchar_t));
}

wchar_t *wmemmove(wchar_t *d, const wchar_t *s, size_t n)
{
	return memmove(d, s, n * sizeof(wchar_t));
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; a++, b++, n--)
		if (*a != *b)
			return *a < *b ? -1 : 1;
	return 0;
}

wchar_t *wmemset(wchar_t *d, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d[i] = c;
	return d;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (; n; s++, n--)
		if (*s == c)
			return (wchar_t *)s;
	return NULL;
}

int mbsinit(const mbstate_t *ps)
{
	return !ps || !ps->count;
}

static mbstate_t internal_state;

size_t mbrtowc(wchar_t *restrict pwc, const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t used = 0;
	uint32_t c;
	unsigned need, count;

	if (!ps)
		ps = &internal_state;
	if (!s) {               /* reset: a partial sequence here is an error */
		if (ps->count) {
			*ps = (mbstate_t){ 0 };
			errno = EILSEQ;
			return (size_t)-1;
		}
		return 0;
	}
	if (!n)
		return (size_t)-2;
	if (!ps->count) {
		unsigned char b = *p;

		if (b < 0x80) {
			if (pwc)
				*pwc = b;
			return b ? 1 : 0;
		}
		if (b >= 0xc2 && b <= 0xdf) {
			need = 2;
			c = b & 0x1f;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 3;
			c = b & 0x0f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 4;
			c = b & 0x07;
		} else {
			errno = EILSEQ;
			return (size_t)-1;
		}
		count = need - 1;
		p++;
		used = 1;
	} else {
		need = ps->need;
		count = ps->count;
		c = ps->partial;
	}
	while (count && used < n) {
		unsigned char b = *p++;
		unsigned done = need - count;   /* bytes of the sequence already taken */

		if ((b & 0xc0) != 0x80 ||
		    /* the second byte limits overlong forms, surrogates and > U+10FFFF */
		    (done == 1 && need == 3 && c == 0 && b < 0xa0) ||
		    (done == 1 && need == 3 && c == 0xd && b >= 0xa0) ||
		    (done == 1 && need == 4 && c == 0 && b < 0x90) ||
		    (done == 1 && need == 4 && c == 4 && b >= 0x90)) {
			*ps = (mbstate_t){ 0 };
			errno = EILSEQ;
			return (size_t)-1;
		}
		c = (c << 6) | (b & 0x3f);
		count--;
		used++;
	}
	if (count) {
		ps->count = count;
		ps->need = need;
		ps->partial = c;
		return (size_t)-2;
	}
	*ps = (mbstate_t){ 0 };
	if (pwc)
		*pwc = (wchar_t)c;
	return c ? used : 0;
}

size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t mbrlen_state;

	return mbrtowc(NULL, s, n, ps ? ps : &mbrlen_state);
}

size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps)
{
	uint32_t c = (uint32_t)wc;
	unsigned char *p = (unsigned char *)s;

	(void)ps;   /* UTF-8 output needs no state */
	if (!s)
		return 1;
	if (c < 0x80) {
		p[0] = c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = 0xc0 | (c >> 6);
		p[1] = 0x80 | (c & 0x3f);
		return 2;
	}
	if (c >= 0xd800 && c <= 0xdfff)
		goto bad;
	if (c < 0x10000) {
		p[0] = 0xe0 | (c >> 12);
		p[1] = 0x80 | ((c >> 6) & 0x3f);
		p[2] = 0x80 | (c & 0x3f);
		return 3;
	}
	if (c < 0x110000) {
		p[0] = 0xf0 | (c >> 18);
		p[1] = 0x80 | ((c >> 12) & 0x3f);
		p[2] = 0x80 | ((c >> 6) & 0x3f);
		p[3] = 0x80 | (c & 0x3f);
		return 4;
	}
bad:
	errno = EILSEQ;
	return (size_t)-1;
}

size_t mbsrtowcs(wchar_t *restrict dst, const char **restrict src, size_t len, mbstate_t *restrict ps)
{
	const char *s = *src;
	size_t n = 0;

	for (;;) {
		wchar_t wc;
		size_t r;

		if (dst && n >= len) {
			*src = s;
			return n;
		}
		r = mbrtowc(&wc, s, 4, ps);
		if (r == (size_t)-1 || r == (size_t)-2) {
			if (dst)
				*src = s;
			errno = EILSEQ;
			return (size_t)-1;
		}
		if (r == 0) {
			if (dst) {
				dst[n] = 0;
				*src = NULL;
			}
			return n;
		}
		if (dst)
			dst[n] = wc;
		n++;
		s += r;
	}
}

size_t wcsrtombs(char *restrict dst, const wchar_t **restrict src, size_t len, mbstate_t *restrict ps)
{
	const wchar_t *s = *src;
	size_t n = 0;
	char buf[4];

	for (;; s++) {
		size_t r;

		if (!*s) {
			if (dst) {
				if (n >= len)
					break;
				dst[n] = 0;
				*src = NULL;
			}
			return n;
		}
		r = wcrtomb(buf, *s, ps);
		if (r == (size_t)-1) {
			if (dst)
				*src = s;
			return (size_t)-1;
		}
		if (dst) {
			if (n + r > len)
				break;
			memcpy(dst + n, buf, r);
		}
		n += r;
	}
	*src = s;
	return n;
}

wint_t btowc(int c)
{
	return c >= 0 && c < 0x80 ? (wint_t)c : WEOF;
}

int wctob(wint_t c)
{
	return c < 0x80 ? (int)c : -1;   /* EOF */
}

int mbtowc(wchar_t *restrict pwc, const char *restrict s, size_t n)
{
	mbstate_t st = { 0 };
	size_t r;

	if (!s)
		return 0;   /* stateless encoding */
	r = mbrtowc(pwc, s, n, &st);
	if (r == (size_t)-1 || r == (size_t)-2) {
		errno = EILSEQ;
		return -1;
	}
	return (int)r;
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	return (int)wcrtomb(s, wc, NULL);
}

static char utf8_locale[] = "C.UTF-8";

char *setlocale(int category, const char *locale)
{
	if (category < 0 || category > LC_ALL)
		return NULL;
	if (!locale || !*locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX") ||
	    !strcmp(locale, "C.UTF-8") || !strcmp(locale, "C.utf8"))
		return utf8_locale;
	return NULL;
}

struct lconv *localeconv(void)
{
	static char dot[] = ".", empty[] = "";
	static struct lconv lc = { dot, empty, empty };

	return &lc;
}

char *nl_langinfo(nl_item item)
{
	static char utf8[] = "UTF-8", empty[] = "";

	return item == CODESET ? utf8 : empty;
}
