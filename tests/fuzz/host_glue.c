/*
 * What the kernel gives the outside code (oci/libarchive_glue.c,
 * oci/zstd_glue.c), given on the host for the fuzzers: libarchive's random
 * bytes and external-program filters (refused, as in the kernel), and
 * zstd's allocator (plain malloc: the window limit is the same, set in
 * oci/zstd/zstd_kernel.h).
 */
#include <stdlib.h>
#include <string.h>

#include "archive_platform.h"
#include "archive.h"
#include "archive_private.h"
#include "archive_read_private.h"
#include "archive_random_private.h"

int archive_random(void *buf, size_t nbytes)
{
	memset(buf, 0x5a, nbytes);   /* reproducible runs */
	return ARCHIVE_OK;
}

int __archive_read_program(struct archive_read_filter *self, const char *cmd)
{
	archive_set_error(&self->archive->archive, ARCHIVE_ERRNO_MISC,
			  "%s: this compression is not built into the kernel", cmd);
	return ARCHIVE_FATAL;
}

void *oci_zstd_malloc(size_t size);
void *oci_zstd_calloc(size_t n, size_t size);
void oci_zstd_free(void *p);

void *oci_zstd_malloc(size_t size)
{
	return malloc(size ? size : 1);
}

void *oci_zstd_calloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size ? size : 1);
}

void oci_zstd_free(void *p)
{
	free(p);
}
