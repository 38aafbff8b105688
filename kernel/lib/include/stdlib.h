/*
 * <stdlib.h> for the kernel: number parsing (kernel/lib/strtol.c),
 * absolute values, sorting and searching (kernel/lib/qsort.c), the
 * multibyte conversions of the one UTF-8 locale (kernel/lib/wchar.c).
 * Allocation, abort and getenv are declared for the outside C code built
 * into the kernel (libarchive, jansson) and defined by its glue
 * (oci/libc_glue.c): kernel code proper uses kmalloc.
 */
#ifndef KLIB_STDLIB_H
#define KLIB_STDLIB_H

#include <stddef.h>

long strtol(const char *restrict nptr, char **restrict endptr, int base);
unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base);
long long strtoll(const char *restrict nptr, char **restrict endptr, int base);
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base);
int atoi(const char *nptr);
long atol(const char *nptr);
long long atoll(const char *nptr);

int abs(int j);
long labs(long j);
long long llabs(long long j);

#ifndef KLIB_HOST_VIEW
#define MB_CUR_MAX ((size_t)4)
int mbtowc(wchar_t *restrict pwc, const char *restrict s, size_t n);
int wctomb(char *s, wchar_t wc);

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void exit(int status);
char *getenv(const char *name);
#endif

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

#endif
