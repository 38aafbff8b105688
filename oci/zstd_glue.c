/*
 * Memory for zstd's decoder in the kernel (see oci/zstd/zstd_kernel.h):
 * small blocks from kmalloc, big ones (the window buffer, up to 32 MiB)
 * from vmalloc, which needs no physically contiguous run. Freed by
 * looking at which of the two the address came from.
 */
#include <kernel/mm.h>
#include <stddef.h>
#include <string.h>

#include "zstd/zstd_kernel.h"

#define ZSTD_KMALLOC_MAX (64u << 10)

void *oci_zstd_malloc(size_t size)
{
	if (size > ZSTD_KMALLOC_MAX)
		return vmalloc(size);
	return kmalloc(size ? size : 1, GFP_KERNEL);
}

void *oci_zstd_calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total))
		return NULL;
	if (total > ZSTD_KMALLOC_MAX)
		return vzalloc(total);
	p = kmalloc(total ? total : 1, GFP_KERNEL);
	if (p)
		memset(p, 0, total);
	return p;
}

void oci_zstd_free(void *p)
{
	if (!p)
		return;
	if (is_vmalloc_addr(p))
		vfree(p);
	else
		kfree(p);
}
