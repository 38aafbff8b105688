/*
 * <wchar.h>: wide characters are UTF-32 and the one multibyte encoding is
 * UTF-8 (the kernel's only locale, "C.UTF-8"): kernel/lib/wchar.c.
 */
#ifndef KLIB_WCHAR_H
#define KLIB_WCHAR_H

#include <stddef.h>
#include <stdint.h>

typedef unsigned int wint_t;
typedef struct {
	unsigned count;     /* continuation bytes still expected */
	uint32_t partial;   /* the bits gathered so far */
	unsigned need;      /* total length of the sequence being read */
} mbstate_t;

#define WEOF ((wint_t)-1)
#ifndef WCHAR_MAX
#define WCHAR_MAX __WCHAR_MAX__
#define WCHAR_MIN __WCHAR_MIN__
#endif

size_t wcslen(const wchar_t *s);
wchar_t *wcscpy(wchar_t *restrict d, const wchar_t *restrict s);
wchar_t *wcsncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
int wcscmp(const wchar_t *a, const wchar_t *b);
int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *wcschr(const wchar_t *s, wchar_t c);
wchar_t *wcsrchr(const wchar_t *s, wchar_t c);
wchar_t *wmemcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
wchar_t *wmemmove(wchar_t *d, const wchar_t *s, size_t n);
int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *wmemset(wchar_t *d, wchar_t c, size_t n);
wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n);

int mbsinit(const mbstate_t *ps);
size_t mbrtowc(wchar_t *restrict pwc, const char *restrict s, size_t n, mbstate_t *restrict ps);
size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps);
size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps);
size_t mbsrtowcs(wchar_t *restrict dst, const char **restrict src, size_t len, mbstate_t *restrict ps);
size_t wcsrtombs(char *restrict dst, const wchar_t **restrict src, size_t len, mbstate_t *restrict ps);
wint_t btowc(int c);
int wctob(wint_t c);

#endif
