/*
 * <stdlib.h> for the kernel: number parsing (kernel/lib/strtol.c),
 * absolute values, sorting and searching (kernel/lib/qsort.c).
 * No allocation and no environment here.
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

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

#endif
