/*
 * <assert.h> for outside C code in the kernel: a failed assertion is a
 * kernel bug report (WARN with the expression and place), not a panic and
 * not silence. NDEBUG removes the checks as in C.
 */
#ifndef KLIB_ASSERT_H
#define KLIB_ASSERT_H

void klib_assert_fail(const char *expr, const char *file, int line, const char *func);

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : klib_assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#endif
