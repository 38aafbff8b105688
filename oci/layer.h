/*
 * The line between libarchive and the kernel's VFS in the OCI code, in
 * types neither side's headers clash over (libarchive brings POSIX's
 * dev_t and mode macros, the kernel its own): oci/layer_read.c reads
 * archives with libarchive and hashes what streams by; oci/unpack.c makes
 * files from what it is told.
 */
#ifndef OCI_LAYER_H
#define OCI_LAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads up to len bytes at the reader's position; 0 at the end, -errno. */
typedef long (*oci_read_fn)(void *ctx, void *buf, size_t len);
/* Moves the position forward by up to n bytes; returns how far, -errno. */
typedef long long (*oci_skip_fn)(void *ctx, long long n);

/* A layer's compression: named by its media type (DETECT: not named),
 * or found in the blob by the reader. */
enum oci_compression { OCI_COMP_DETECT, OCI_COMP_NONE, OCI_COMP_GZIP, OCI_COMP_ZSTD };

enum oci_entry_type { OCI_E_REG, OCI_E_DIR, OCI_E_SYMLINK, OCI_E_HARDLINK, OCI_E_FIFO,
		      OCI_E_CHR, OCI_E_BLK, OCI_E_SOCK, OCI_E_OTHER };

#define OCI_MAX_XATTRS 64

struct oci_entry {
	const char *name;               /* as stored (checked by oci_entry_path) */
	enum oci_entry_type type;
	unsigned perm;                  /* 07777 */
	unsigned uid, gid;
	long long size;                 /* regular files */
	long long mtime;
	long mtime_nsec;
	const char *link;               /* symlink target, or hardlink's earlier entry */
	unsigned rdev_major, rdev_minor;
	int nr_xattrs;
	const char *xattr_name[OCI_MAX_XATTRS];
	const void *xattr_value[OCI_MAX_XATTRS];
	size_t xattr_size[OCI_MAX_XATTRS];
};

/* ---- the image archive (an uncompressed tar of blobs) ---- */
struct oci_member {
	char *name;
	uint64_t offset;                /* of its data in the archive file */
	uint64_t size;
};
/* Every regular member of the archive: name, data offset and size. */
int oci_archive_index(oci_read_fn rd, oci_skip_fn skip, void *ctx, struct oci_member **out,
		      int *nr, char *err, size_t errlen);
void oci_members_free(struct oci_member *m, int nr);

/* ---- one layer ---- */
struct oci_layer_reader;
/* Open a layer blob read through rd (gzip, zstd or plain, detected). */
struct oci_layer_reader *oci_layer_open(oci_read_fn rd, void *ctx, char *err, size_t errlen);
/* What the blob turned out to be compressed with (NONE, GZIP or ZSTD). */
enum oci_compression oci_layer_compression(struct oci_layer_reader *r);
/* The next entry (1), the end (0), or an error (-errno, message in err). */
int oci_layer_next(struct oci_layer_reader *r, struct oci_entry *e, char *err, size_t errlen);
/* The current entry's data: a block and its offset in the file (sparse
 * files skip). 1 with a block, 0 at its end, -errno. */
int oci_layer_data(struct oci_layer_reader *r, const void **buf, size_t *len, long long *off,
		   char *err, size_t errlen);
/* Read the blob to its end and close: the sha256 of the blob as read and
 * of the uncompressed tar stream (the diff_id), and the sizes. */
int oci_layer_close(struct oci_layer_reader *r, uint8_t blob_sha[32], uint8_t diff_sha[32],
		    uint64_t *blob_bytes, uint64_t *tar_bytes);
void oci_layer_abort(struct oci_layer_reader *r);
/* Bytes of the uncompressed stream so far (for progress and bomb checks). */
uint64_t oci_layer_tar_bytes(struct oci_layer_reader *r);
uint64_t oci_layer_blob_bytes(struct oci_layer_reader *r);

#endif
