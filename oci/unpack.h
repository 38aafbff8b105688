/*
 * The unpacker's state (oci/unpack.c): what to unpack, where, what was
 * found, and the error message when it fails. Run in the OCI worker.
 */
#ifndef OCI_UNPACK_H
#define OCI_UNPACK_H

#include <kernel/fs.h>

#include "image.h"
#include "layer.h"

struct oci_unpack {
	/* in */
	const char *image_path;         /* the image archive */
	const char *cache_dir;          /* the layer cache ("/images/.layers") */
	/* Progress: layer i, bytes of its blob read so far, of total. */
	void (*progress)(struct oci_unpack *u, int layer, u64 done, u64 total);
	void *progress_arg;
	/* out */
	char err[256];                  /* one line, for runimg to print */
	struct oci_manifest manifest;
	struct oci_config config;
	int layers_unpacked, layers_cached;
	u64 entries, whiteouts, bytes_written;
	/* private */
	struct file *img;
	struct oci_member *members;
	int nr_members;
	struct path saved_root;
	char pathbuf[OCI_PATH_MAX + 2];
	char relbuf[OCI_PATH_MAX + 2];
	char targetbuf[OCI_PATH_MAX + 2];
	char opqbuf[OCI_PATH_MAX + 4];
};

/* Unpack every layer not in the cache yet; 0 or -errno with u->err set.
 * Leaves nothing partial behind. Then oci_unpack_release. */
int oci_unpack_image(struct oci_unpack *u);
void oci_unpack_release(struct oci_unpack *u);
/* Remove a tree (no symlink followed). */
int oci_rmtree(const char *path, int depth);

#endif
