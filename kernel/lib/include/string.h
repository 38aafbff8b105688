/*
 * <string.h> for the kernel's small libc (kernel/lib/string.c).
 *
 * Declares only what kernel/lib implements, with C/POSIX/GNU semantics, so
 * that code compiled from outside sources (zlib, jansson, libarchive) and the
 * kernel itself can use the ordinary names. Only strdup and strndup
 * allocate, and only the outside code uses them.
 */
#ifndef KLIB_STRING_H
#define KLIB_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Also declared by <strings.h>, where POSIX puts them. */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);

char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict saveptr);
char *strsep(char **restrict stringp, const char *restrict delim);

/* Allocating copies, for the outside C code built into the kernel
 * (defined in oci/libc_glue.c, where malloc is kmalloc). */
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strerror(int errnum);   /* glibc's messages for the common errors */

#endif
