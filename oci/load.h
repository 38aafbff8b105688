/* oci_image_load's kernel side (oci/load.c), for linuxabi/oci.c. */
#ifndef OCI_LOAD_H
#define OCI_LOAD_H

#include <kernel/fs.h>

#include "image.h"

/* Unpack image (a kernel path) into cache_dir (NULL: the default) and
 * describe it into out (see linuxabi/uapi/container.h); progress may be
 * NULL. 0, or -errno with a message in err. *out_len: the bytes used. */
int oci_image_load(const char *image, const char *cache_dir, struct file *progress, char *out,
		   size_t *out_len, char *err, size_t err_len);

/* An image made ready to run (ctr_create): unpacked into the default
 * cache, its overlay lowerdir= value and its config. */
struct oci_prepared {
	char *lowerdir;
	struct oci_config config;
	int layers, cached, unpacked;
};
int oci_image_prepare(const char *image, struct file *progress, struct oci_prepared *p, char *err,
		      size_t err_len);
void oci_prepared_release(struct oci_prepared *p);

/* Loads answered from the kept descriptions (warm starts), for tests. */
extern unsigned long oci_desc_cache_hits;

#endif
