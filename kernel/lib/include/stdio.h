/*
 * <stdio.h> for the kernel: formatted output into buffers only
 * (kernel/lib/vsnprintf.c). There are no streams.
 *
 * Conversions: d i u o x X c s p % with flags - + space # 0, width and
 * precision (digits or *), length modifiers hh h l ll j z t (and L q Z as
 * glibc accepts them for integers). Output matches glibc's for these.
 * Not supported, on purpose:
 *   - floating point (a A e E f F g G): the kernel is built without FP/SSE
 *     registers, so a double cannot even be fetched from the va_list. The
 *     conversion is copied to the output as written ("%.2f") and no argument
 *     is consumed; a double passed in an XMM register does not shift the
 *     integer arguments, so later conversions still print correctly
 *     (long double %Lf, passed on the stack, does shift them).
 *   - %n: its pointer argument is consumed and nothing is ever written.
 *   - positional arguments (%1$d), %m, %C, %S: copied to the output as written.
 *   - %lc and %ls write UTF-8 (glibc in the "C" locale fails on non-ASCII).
 *
 * vscnprintf/scnprintf follow Linux: they return the number of characters
 * actually stored in buf, not counting the NUL.
 */
#ifndef KLIB_STDIO_H
#define KLIB_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

#ifndef KLIB_HOST_VIEW
/* Streams exist only as a name for outside C code (libarchive, jansson)
 * that declares FILE-based entry points we never call; the glue
 * (oci/libc_glue.c) makes every stream call fail. */
typedef struct klib_stream FILE;
extern FILE *stdin, *stdout, *stderr;
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *f);
size_t fread(void *buf, size_t size, size_t n, FILE *f);
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int fputs(const char *s, FILE *f);
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fflush(FILE *f);
int ferror(FILE *f);
#endif

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vscnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int scnprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
