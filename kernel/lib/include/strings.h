/*
 * <strings.h>: the case-insensitive comparisons (kernel/lib/string.c),
 * ASCII only as in the "C" locale. <string.h> declares them too.
 */
#ifndef KLIB_STRINGS_H
#define KLIB_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
