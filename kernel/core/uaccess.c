/*
 * String helpers over the raw user copies in arch/x86_64/uaccess.S.
 */
#include <kernel/uaccess.h>

long __strncpy_user(char *dst, const char *src, long n);

long strncpy_from_user(char *dst, const char __user *src, long n)
{
	unsigned long a = (unsigned long)src;
	long max = n;

	if (n <= 0)
		return 0;
	if (a >= USER_SPACE_END)
		return -EFAULT;
	/* A string running into the end of user space stops there. */
	if ((unsigned long)n > USER_SPACE_END - a)
		max = USER_SPACE_END - a;
	long r = __strncpy_user(dst, (const char *)src, max);
	if (r == max && max < n)
		return -EFAULT;
	return r;
}

long strnlen_user(const char __user *s, long n)
{
	char buf[64];
	long done = 0;

	while (done < n) {
		long chunk = n - done < (long)sizeof(buf) ? n - done : (long)sizeof(buf);
		long r = strncpy_from_user(buf, s + done, chunk);
		if (r < 0)
			return 0;
		if (r < chunk)
			return done + r + 1;
		done += chunk;
	}
	return n + 1;
}
