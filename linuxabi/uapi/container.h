/*
 * The project's own system calls for containers, in a private range above
 * Linux's numbers (linuxabi/syscall_64.tbl). Userspace (initramfs/runimg.c)
 * includes this header too, so it uses only fixed-width types.
 *
 * oci_image_load (1000): read an image archive (docker save or OCI
 * layout), check every digest, unpack the layers not yet in the layer
 * cache (in the kernel's OCI worker) and describe the image:
 *
 *     struct oci_load req = { .image = (uintptr_t)"/images/debian.tar", ... };
 *     syscall(1000, &req);   // 0, or -1 with errno and req.err filled
 *
 * The description (req.out) is a sequence of NUL-terminated strings:
 * "lowerdir" and the overlay's lowerdir= value (layer directories, top
 * first); "entrypoint", "cmd", "env" each followed by a count and that many
 * strings (count -1: not set in the image); "workdir" and "user" followed
 * by a string ("" when not set); "name" (the image's tag, or ""); "layers",
 * "cached", "unpacked" followed by numbers. Progress lines go to
 * progress_fd while layers unpack: "layer I/N BYTES/TOTAL\n", then
 * "layer I/N cached\n" or "layer I/N done\n".
 */
#ifndef LINUXABI_UAPI_CONTAINER_H
#define LINUXABI_UAPI_CONTAINER_H

#include <stdint.h>

#define LINUX_NR_oci_image_load 1000

struct oci_load {
	uint64_t image;         /* in: const char *, the archive's path */
	uint64_t cache_dir;     /* in: const char *, or 0: /images/.layers when /images is
				 * writable, else /run/layers */
	int32_t progress_fd;    /* in: -1, or a file to write progress lines to */
	uint32_t flags;         /* in: 0 (others: EINVAL) */
	uint64_t out;           /* in: char *, the description's buffer */
	uint64_t out_len;       /* in: its size; out: the bytes used (ENOBUFS: too small) */
	uint64_t err;           /* in: char *, for a one-line error message (may be 0) */
	uint64_t err_len;       /* in: its size */
};

#endif
