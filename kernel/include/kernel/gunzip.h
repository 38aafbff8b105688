/*
 * gunzip: decompress gzip data (RFC 1952) into a new buffer, with zlib's
 * inflate built from Debian's source package (mk/zlib.mk; glue in
 * kernel/lib/zlib_glue.c). Used for gzip initramfs archives, later for
 * OCI image layers.
 *
 * Several gzip members back to back (as `cat a.gz b.gz` makes) decompress
 * into one output, as gzip -d does. On success *out is a vmalloc'd buffer
 * of *outlen bytes (free it with vfree; it is at least 1 byte even when
 * the output is empty), and 0 is returned. Errors:
 *   -EINVAL   not gzip, corrupt data, a bad CRC or length, truncated input,
 *             or (gunzip only) anything but zero padding after the members
 *   -EFBIG    the output would exceed max_out bytes
 *   -ENOMEM   no memory
 *   -ENOSYS   the kernel was built without zlib
 * Process context only (allocates with GFP_KERNEL and vmalloc).
 */
#ifndef KERNEL_GUNZIP_H
#define KERNEL_GUNZIP_H

#include <kernel/types.h>

int gunzip(const void *in, size_t inlen, void **out, size_t *outlen, size_t max_out);

/* As gunzip, but stops after the last gzip member that starts where the
 * previous one ended and reports in *inused how many input bytes the
 * members took (what follows is the caller's: zero padding, another
 * archive). */
int gunzip_partial(const void *in, size_t inlen, size_t *inused,
		   void **out, size_t *outlen, size_t max_out);

/* The data starts with the gzip magic (1f 8b). */
static inline bool gunzip_is_gzip(const void *in, size_t inlen)
{
	const unsigned char *p = in;

	return inlen >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

#endif
