/*
 * gunzip (kernel/gunzip.h) over zlib's inflate. zlib itself is Debian's
 * source package, fetched into $(BUILD)/src/zlib by scripts/fetch-src.sh
 * and compiled with the kernel's flags and -DZ_SOLO by mk/zlib.mk (only the
 * inflate side: inflate, inftrees, inffast, adler32, crc32, zutil). Z_SOLO
 * leaves zlib without an allocator of its own: the hooks here give it
 * kmalloc/kfree.
 *
 * mk/zlib.mk compiles this file with -DKERNEL_ZLIB_SRC and zlib's headers
 * on the include path. Without them (the host unit tests compile every
 * kernel/lib file, and a kernel built before zlib was fetched) gunzip is a
 * stub that says -ENOSYS: never a pretended success.
 */
#include <kernel/errno.h>
#include <kernel/gunzip.h>
#include <kernel/types.h>

#ifdef KERNEL_ZLIB_SRC

#include <kernel/mm.h>
#include <string.h>

#include "zlib.h"

/* inflate's state (~7 KiB) and window (32 KiB): kmalloc serves both. */
static voidpf zg_alloc(voidpf opaque, uInt items, uInt size)
{
	size_t n;

	(void)opaque;
	if (__builtin_mul_overflow((size_t)items, (size_t)size, &n))
		return Z_NULL;
	return kmalloc(n, GFP_KERNEL);
}

static void zg_free(voidpf opaque, voidpf p)
{
	(void)opaque;
	kfree(p);
}

/* Grow *buf (vmalloc'd, *cap bytes, len used) to at most limit bytes. */
static int grow(u8 **buf, size_t *cap, size_t len, size_t limit)
{
	size_t ncap = *cap > limit / 2 ? limit : *cap * 2;
	u8 *n;

	if (ncap <= *cap)
		return -EFBIG;
	n = vmalloc(ncap);
	if (!n)
		return -ENOMEM;
	memcpy(n, *buf, len);
	vfree(*buf);
	*buf = n;
	*cap = ncap;
	return 0;
}

static int zerr(int zr)
{
	return zr == Z_MEM_ERROR ? -ENOMEM : -EINVAL;
}

int gunzip_partial(const void *in, size_t inlen, size_t *inused,
		   void **out, size_t *outlen, size_t max_out)
{
	const u8 *src = in;
	z_stream zs;
	u8 *buf;
	size_t cap, len = 0, used = 0;
	/* One byte more than allowed: output that reaches it is too big. */
	size_t limit = max_out == SIZE_MAX ? SIZE_MAX : max_out + 1;
	int zr, err;

	if (!gunzip_is_gzip(in, inlen))
		return -EINVAL;
	/* gzip rarely does better than 4:1 on initramfs-like data; grown
	 * by doubling past that. */
	cap = inlen > limit / 4 ? limit : inlen * 4;
	if (cap < 4096)
		cap = limit < 4096 ? limit : 4096;
	buf = vmalloc(cap);
	if (!buf)
		return -ENOMEM;

	memset(&zs, 0, sizeof(zs));
	zs.zalloc = zg_alloc;
	zs.zfree = zg_free;
	zs.opaque = Z_NULL;
	/* 16 + window bits: gzip wrapper only (header, CRC-32, length). */
	zr = inflateInit2(&zs, 16 + MAX_WBITS);
	if (zr != Z_OK) {
		err = zerr(zr);
		goto out_free;
	}
	zs.next_in = (Bytef *)src;
	zs.avail_in = 0;

	for (;;) {
		/* One member. avail_in/avail_out are 32-bit: feed in slices. */
		do {
			size_t in_left = inlen - ((const u8 *)zs.next_in - src);

			if (zs.avail_in == 0)
				zs.avail_in = in_left > UINT32_MAX ? UINT32_MAX : (uInt)in_left;
			if (len == cap) {
				err = grow(&buf, &cap, len, limit);
				if (err)
					goto out_end;
			}
			zs.next_out = buf + len;
			zs.avail_out = cap - len > UINT32_MAX ? UINT32_MAX : (uInt)(cap - len);
			uInt before = zs.avail_out;
			zr = inflate(&zs, Z_NO_FLUSH);
			len += before - zs.avail_out;
			if (len > max_out) {
				err = -EFBIG;
				goto out_end;
			}
			if (zr == Z_BUF_ERROR && zs.avail_out != 0) {
				/* No progress with output room left: the input ran out. */
				err = -EINVAL;
				goto out_end;
			}
			if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
				err = zerr(zr);
				goto out_end;
			}
		} while (zr != Z_STREAM_END);

		used = (const u8 *)zs.next_in - src;
		if (!gunzip_is_gzip(src + used, inlen - used))
			break;
		zr = inflateReset(&zs);
		if (zr != Z_OK) {
			err = zerr(zr);
			goto out_end;
		}
		zs.avail_in = 0;
	}
	inflateEnd(&zs);
	*inused = used;
	*out = buf;
	*outlen = len;
	return 0;

out_end:
	inflateEnd(&zs);
out_free:
	vfree(buf);
	return err;
}

int gunzip(const void *in, size_t inlen, void **out, size_t *outlen, size_t max_out)
{
	const u8 *p = in;
	size_t used, i;
	int err;

	err = gunzip_partial(in, inlen, &used, out, outlen, max_out);
	if (err)
		return err;
	for (i = used; i < inlen; i++) {
		if (p[i] != 0) {
			vfree(*out);
			*out = NULL;
			return -EINVAL;
		}
	}
	return 0;
}

#else /* !KERNEL_ZLIB_SRC */

int gunzip_partial(const void *in, size_t inlen, size_t *inused,
		   void **out, size_t *outlen, size_t max_out)
{
	(void)in; (void)inlen; (void)inused; (void)out; (void)outlen; (void)max_out;
	return -ENOSYS;
}

int gunzip(const void *in, size_t inlen, void **out, size_t *outlen, size_t max_out)
{
	(void)in; (void)inlen; (void)out; (void)outlen; (void)max_out;
	return -ENOSYS;
}

#endif
