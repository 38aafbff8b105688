/*
 * <math.h>: only the classification macros and constants, through GCC's
 * builtins (jansson refuses NaN and infinities). No functions: the kernel
 * proper has no floating point.
 */
#ifndef KLIB_MATH_H
#define KLIB_MATH_H

#define HUGE_VAL (__builtin_huge_val())
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))
#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf_sign(x)
#define isfinite(x) __builtin_isfinite(x)

#endif
