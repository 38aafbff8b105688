/*
 * The only way the kernel touches user memory. Each function checks that the
 * whole range lies in user space (below USER_SPACE_END, without wrapping),
 * then copies with instructions listed in the exception table: a fault that
 * the page-fault handler cannot resolve (unmapped, protection) ends the copy
 * instead of the kernel. Linux's return conventions:
 *   copy_from_user/copy_to_user/clear_user: bytes NOT copied (0 = success)
 *   strncpy_from_user: length of the string, n if it did not fit, -EFAULT
 *   get_user/put_user: 0 or -EFAULT
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <kernel/errno.h>
#include <kernel/types.h>
#include <kernel/vmlayout.h>

static inline bool access_ok(const void __user *p, size_t n)
{
	unsigned long a = (unsigned long)p;

	return a + n >= a && a + n <= USER_SPACE_END;
}

/* Raw copy with fault recovery; returns bytes not copied. Callers check ranges. */
size_t __copy_user(void *dst, const void *src, size_t n);
size_t __clear_user(void *dst, size_t n);

static inline size_t copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!access_ok(src, n))
		return n;
	return __copy_user(dst, (const void *)src, n);
}

static inline size_t copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return __copy_user((void *)dst, src, n);
}

static inline size_t clear_user(void __user *dst, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return __clear_user((void *)dst, n);
}

/* Copies a NUL-terminated string of at most n-1 chars plus NUL into dst.
 * Returns its length (without NUL); n if no NUL was found within n bytes
 * (dst then holds n bytes, unterminated); -EFAULT on a bad address. */
long strncpy_from_user(char *dst, const char __user *src, long n);
/* Length including the NUL, 0 on fault, > n if longer than n. */
long strnlen_user(const char __user *s, long n);

#define get_user(x, ptr)                                                       \
	({                                                                     \
		__typeof__(*(ptr)) __v;                                        \
		int __r = copy_from_user(&__v, (ptr), sizeof(__v)) ? -EFAULT : 0; \
		if (!__r)                                                      \
			(x) = __v;                                             \
		__r;                                                           \
	})

#define put_user(x, ptr)                                                       \
	({                                                                     \
		__typeof__(*(ptr)) __v = (x);                                  \
		copy_to_user((ptr), &__v, sizeof(__v)) ? -EFAULT : 0;          \
	})

#endif
