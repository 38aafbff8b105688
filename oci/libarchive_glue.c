/*
 * What libarchive's read side needs from its platform beyond the C
 * library: random bytes (archive_random, for its temporary names, which
 * we never make) and the external-program filters (__archive_read_program,
 * which would fork "zstd -d" or the like: there are no programs to run in
 * the kernel, so such a filter fails with a clear message).
 */
#include <kernel/random.h>

#include "archive_platform.h"
#include "archive.h"
#include "archive_private.h"
#include "archive_read_private.h"
#include "archive_random_private.h"

int archive_random(void *buf, size_t nbytes)
{
	get_random_bytes(buf, nbytes);
	return ARCHIVE_OK;
}

int __archive_read_program(struct archive_read_filter *self, const char *cmd)
{
	archive_set_error(&self->archive->archive, ARCHIVE_ERRNO_MISC,
			  "%s: this compression is not built into the kernel", cmd);
	return ARCHIVE_FATAL;
}
