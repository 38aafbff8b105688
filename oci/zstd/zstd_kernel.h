/*
 * zstd's build configuration for the kernel, forced into every zstd source
 * by mk/zstd.mk (-include): the decompressor only (lib/common and
 * lib/decompress of Debian's zstd source package, never committed), no
 * legacy formats, no threads, no assembly, no trace hooks, and its memory
 * from oci/zstd_glue.c.
 *
 * The window: a zstd frame names the history window its decoder must keep
 * (up to 2 GiB in the format, 128 MiB for `zstd --long` or --ultra -22).
 * Every level up to 19 (the highest without --ultra) uses at most 8 MiB,
 * levels 20 and 21 32 MiB; so the decoder refuses a frame that asks more
 * than 1 << OCI_ZSTD_WINDOW_LOG_MAX with "Frame requires too much memory
 * for decoding", which libarchive passes up as the layer's error. This is
 * zstd's own ZSTD_d_windowLogMax set at build time: libarchive creates the
 * decoder itself and offers no hook to set parameters on it.
 */
#ifndef OCI_ZSTD_KERNEL_H
#define OCI_ZSTD_KERNEL_H

#include <stddef.h>

#define OCI_ZSTD_WINDOW_LOG_MAX 25
#define ZSTD_MAXWINDOWSIZE_DEFAULT ((1U << OCI_ZSTD_WINDOW_LOG_MAX) + 1)

#define ZSTD_LEGACY_SUPPORT 0
#define ZSTD_DISABLE_ASM 1
#define DYNAMIC_BMI2 0
#define ZSTD_NO_INTRINSICS 1
#define ZSTD_HAVE_WEAK_SYMBOLS 0
#define ZSTD_TRACE 0
#define DEBUGLEVEL 0

/* zstd_deps.h then leaves its malloc section out: these take its place.
 * A window of megabytes is more than kmalloc's largest block (4 MiB,
 * physically contiguous): big requests go to vmalloc. */
#define ZSTD_DEPS_MALLOC 1
void *oci_zstd_malloc(size_t size);
void *oci_zstd_calloc(size_t n, size_t size);
void oci_zstd_free(void *p);
#define ZSTD_malloc(s) oci_zstd_malloc(s)
#define ZSTD_calloc(n, s) oci_zstd_calloc((n), (s))
#define ZSTD_free(p) oci_zstd_free(p)

#endif
