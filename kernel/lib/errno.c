/*
 * The errno of C library code in the kernel (strtol and friends, and the
 * outside libraries built against kernel/lib). This weak, single global
 * version serves until the scheduler provides a strong __errno_location
 * returning the current task's own.
 */
#include <errno.h>

#include <kernel/compiler.h>

__weak int *__errno_location(void)
{
	static int global_errno;

	return &global_errno;
}
