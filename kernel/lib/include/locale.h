/*
 * <locale.h>: one locale, "C.UTF-8"; setlocale only reports it (a request
 * for any other locale fails, returning NULL, as an unknown locale does).
 */
#ifndef KLIB_LOCALE_H
#define KLIB_LOCALE_H

#define LC_CTYPE 0
#define LC_NUMERIC 1
#define LC_TIME 2
#define LC_COLLATE 3
#define LC_MONETARY 4
#define LC_MESSAGES 5
#define LC_ALL 6

struct lconv {
	char *decimal_point;
	char *thousands_sep;
	char *grouping;
};

char *setlocale(int category, const char *locale);
struct lconv *localeconv(void);

#endif
