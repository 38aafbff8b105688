/*
 * Reading image archives and layer blobs with libarchive (see layer.h).
 *
 * A layer is read through two chained libarchive readers: the first
 * undoes the compression (gzip, zstd, or none, detected) with the "raw"
 * format, hashing the blob bytes it pulls in (the manifest's digest) and
 * the uncompressed bytes it hands out (the config's diff_id); the second
 * parses the tar stream those bytes make. Both hashes cover every byte,
 * trailing padding and end-of-archive blocks included, because closing
 * drains both streams to their ends.
 */
#include <errno.h>
#include <kernel/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "archive_entry.h"
#include "layer.h"

#define BLOCK (64u << 10)
#define OCI_MAX_MEMBERS 100000

struct reader_src {
	oci_read_fn rd;
	oci_skip_fn skip;
	void *ctx;
	char *buf;
	int error;
};

static la_ssize_t src_read(struct archive *a, void *client, const void **out)
{
	struct reader_src *s = client;
	long n = s->rd(s->ctx, s->buf, BLOCK);

	if (n < 0) {
		s->error = (int)n;
		archive_set_error(a, (int)-n, "read error %ld", n);
		return -1;
	}
	*out = s->buf;
	return n;
}

static la_int64_t src_skip(struct archive *a, void *client, la_int64_t n)
{
	struct reader_src *s = client;
	long long r = s->skip(s->ctx, n);

	if (r < 0) {
		s->error = (int)r;
		return 0;   /* libarchive then reads through instead */
	}
	return r;
}

static void set_err(char *err, size_t errlen, struct archive *a, const char *what)
{
	const char *m = a ? archive_error_string(a) : NULL;

	snprintf(err, errlen, "%s%s%s", what, m ? ": " : "", m ? m : "");
}

void oci_members_free(struct oci_member *m, int nr)
{
	for (int i = 0; m && i < nr; i++)
		free(m[i].name);
	free(m);
}

int oci_archive_index(oci_read_fn rd, oci_skip_fn skip, void *ctx, struct oci_member **out,
		      int *nr, char *err, size_t errlen)
{
	struct reader_src s = { rd, skip, ctx, malloc(BLOCK), 0 };
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct oci_member *m = NULL;
	int n = 0, cap = 0, r, ret = 0;

	*out = NULL;
	*nr = 0;
	if (!a || !s.buf) {
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out;
	}
	/* No decompression: member offsets must be offsets in the file. */
	archive_read_support_format_tar(a);
	if (archive_read_open2(a, &s, NULL, src_read, skip ? src_skip : NULL, NULL) != ARCHIVE_OK) {
		set_err(err, errlen, a, "not a tar archive");
		ret = -EINVAL;
		goto out;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e))
			continue;
		if (n == cap) {
			struct oci_member *nm;

			if (cap >= OCI_MAX_MEMBERS) {
				snprintf(err, errlen, "too many files in the image archive");
				ret = -E2BIG;
				goto out;
			}
			cap = cap ? cap * 2 : 32;
			nm = realloc(m, cap * sizeof(*m));
			if (!nm) {
				ret = -ENOMEM;
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			m = nm;
		}
		m[n].name = strdup(archive_entry_pathname(e) ?: "");
		if (!m[n].name) {
			ret = -ENOMEM;
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		m[n].offset = (uint64_t)archive_filter_bytes(a, 0);
		m[n].size = archive_entry_size(e) > 0 ? (uint64_t)archive_entry_size(e) : 0;
		n++;
	}
	if (r != ARCHIVE_EOF) {
		set_err(err, errlen, a, s.error ? "cannot read the image" : "damaged image archive");
		ret = s.error ? s.error : -EINVAL;
		goto out;
	}
out:
	if (a)
		archive_read_free(a);
	free(s.buf);
	if (ret) {
		oci_members_free(m, n);
		return ret;
	}
	*out = m;
	*nr = n;
	return 0;
}

/* ---- layers ---- */

struct oci_layer_reader {
	struct reader_src src;
	struct archive *raw;            /* decompression */
	struct archive *tar;            /* the tar stream */
	struct sha256_ctx blob_sha, diff_sha;
	uint64_t blob_bytes, tar_bytes;
	char *tbuf;
	bool raw_eof;
};

static la_ssize_t raw_src_read(struct archive *a, void *client, const void **out)
{
	struct oci_layer_reader *r = client;
	la_ssize_t n = src_read(a, &r->src, out);

	if (n > 0) {
		sha256_update(&r->blob_sha, *out, n);
		r->blob_bytes += n;
	}
	return n;
}

static la_ssize_t tar_src_read(struct archive *a, void *client, const void **out)
{
	struct oci_layer_reader *r = client;
	la_ssize_t n;

	if (r->raw_eof)
		return 0;
	n = archive_read_data(r->raw, r->tbuf, BLOCK);
	if (n < 0) {
		archive_set_error(a, EINVAL, "%s", archive_error_string(r->raw) ?: "decompression failed");
		return -1;
	}
	if (n == 0)
		r->raw_eof = true;
	sha256_update(&r->diff_sha, r->tbuf, n);
	r->tar_bytes += n;
	*out = r->tbuf;
	return n;
}

void oci_layer_abort(struct oci_layer_reader *r)
{
	if (!r)
		return;
	if (r->tar)
		archive_read_free(r->tar);
	if (r->raw)
		archive_read_free(r->raw);
	free(r->src.buf);
	free(r->tbuf);
	free(r);
}

struct oci_layer_reader *oci_layer_open(oci_read_fn rd, void *ctx, char *err, size_t errlen)
{
	struct oci_layer_reader *r = calloc(1, sizeof(*r));
	struct archive_entry *e;

	if (!r || !(r->src.buf = malloc(BLOCK)) || !(r->tbuf = malloc(BLOCK)) ||
	    !(r->raw = archive_read_new()) || !(r->tar = archive_read_new())) {
		snprintf(err, errlen, "out of memory");
		oci_layer_abort(r);
		return NULL;
	}
	r->src.rd = rd;
	r->src.ctx = ctx;
	sha256_init(&r->blob_sha);
	sha256_init(&r->diff_sha);
	archive_read_support_filter_gzip(r->raw);
	archive_read_support_filter_zstd(r->raw);
	archive_read_support_format_raw(r->raw);
	if (archive_read_open2(r->raw, r, NULL, raw_src_read, NULL, NULL) != ARCHIVE_OK ||
	    archive_read_next_header(r->raw, &e) != ARCHIVE_OK) {
		set_err(err, errlen, r->raw, r->src.error ? "cannot read the layer" : "bad layer blob");
		oci_layer_abort(r);
		return NULL;
	}
	archive_read_support_format_tar(r->tar);
	if (archive_read_open2(r->tar, r, NULL, tar_src_read, NULL, NULL) != ARCHIVE_OK) {
		set_err(err, errlen, r->tar, "layer is not a tar archive");
		oci_layer_abort(r);
		return NULL;
	}
	return r;
}

enum oci_compression oci_layer_compression(struct oci_layer_reader *r)
{
	switch (archive_filter_code(r->raw, 0)) {
	case ARCHIVE_FILTER_GZIP: return OCI_COMP_GZIP;
	case ARCHIVE_FILTER_ZSTD: return OCI_COMP_ZSTD;
	default: return OCI_COMP_NONE;
	}
}

static enum oci_entry_type entry_type(struct archive_entry *e)
{
	if (archive_entry_hardlink(e))
		return OCI_E_HARDLINK;
	switch (archive_entry_filetype(e)) {
	case AE_IFREG: return OCI_E_REG;
	case AE_IFDIR: return OCI_E_DIR;
	case AE_IFLNK: return OCI_E_SYMLINK;
	case AE_IFIFO: return OCI_E_FIFO;
	case AE_IFCHR: return OCI_E_CHR;
	case AE_IFBLK: return OCI_E_BLK;
	case AE_IFSOCK: return OCI_E_SOCK;
	default: return OCI_E_OTHER;
	}
}

int oci_layer_next(struct oci_layer_reader *r, struct oci_entry *out, char *err, size_t errlen)
{
	struct archive_entry *e;
	int st = archive_read_next_header(r->tar, &e);
	const char *name;
	const void *v;
	size_t sz;

	if (st == ARCHIVE_EOF)
		return 0;
	if (st != ARCHIVE_OK && st != ARCHIVE_WARN) {
		set_err(err, errlen, r->tar, "damaged layer");
		return r->src.error ? r->src.error : -EINVAL;
	}
	memset(out, 0, sizeof(*out));
	out->name = archive_entry_pathname(e);
	if (!out->name) {
		snprintf(err, errlen, "an entry name that is not valid text");
		return -EINVAL;
	}
	out->type = entry_type(e);
	out->perm = archive_entry_perm(e) & 07777;
	out->uid = (unsigned)archive_entry_uid(e);
	out->gid = (unsigned)archive_entry_gid(e);
	out->size = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
	out->mtime = archive_entry_mtime(e);
	out->mtime_nsec = archive_entry_mtime_nsec(e);
	out->link = out->type == OCI_E_HARDLINK ? archive_entry_hardlink(e) :
		    out->type == OCI_E_SYMLINK ? archive_entry_symlink(e) : NULL;
	if ((out->type == OCI_E_HARDLINK || out->type == OCI_E_SYMLINK) && !out->link) {
		snprintf(err, errlen, "%s: a link without a target", out->name);
		return -EINVAL;
	}
	out->rdev_major = archive_entry_rdevmajor(e);
	out->rdev_minor = archive_entry_rdevminor(e);
	archive_entry_xattr_reset(e);
	while (archive_entry_xattr_next(e, &name, &v, &sz) == ARCHIVE_OK) {
		if (out->nr_xattrs == OCI_MAX_XATTRS) {
			snprintf(err, errlen, "%s: too many extended attributes", out->name);
			return -E2BIG;
		}
		out->xattr_name[out->nr_xattrs] = name;
		out->xattr_value[out->nr_xattrs] = v;
		out->xattr_size[out->nr_xattrs] = sz;
		out->nr_xattrs++;
	}
	return 1;
}

int oci_layer_data(struct oci_layer_reader *r, const void **buf, size_t *len, long long *off,
		   char *err, size_t errlen)
{
	la_int64_t o;
	int st = archive_read_data_block(r->tar, buf, len, &o);

	if (st == ARCHIVE_EOF)
		return 0;
	if (st != ARCHIVE_OK && st != ARCHIVE_WARN) {
		set_err(err, errlen, r->tar, "damaged layer data");
		return r->src.error ? r->src.error : -EINVAL;
	}
	*off = o;
	return 1;
}

uint64_t oci_layer_tar_bytes(struct oci_layer_reader *r)
{
	return r->tar_bytes;
}

uint64_t oci_layer_blob_bytes(struct oci_layer_reader *r)
{
	return r->blob_bytes;
}

int oci_layer_close(struct oci_layer_reader *r, uint8_t blob_sha[32], uint8_t diff_sha[32],
		    uint64_t *blob_bytes, uint64_t *tar_bytes)
{
	const void *p;
	la_ssize_t n;
	int ret = 0;

	/* The rest of the uncompressed stream (end blocks, padding) ... */
	while (!r->raw_eof) {
		n = archive_read_data(r->raw, r->tbuf, BLOCK);
		if (n < 0) {
			ret = -EINVAL;
			break;
		}
		if (n == 0)
			break;
		sha256_update(&r->diff_sha, r->tbuf, n);
		r->tar_bytes += n;
	}
	/* ... and of the blob, past what the decompressor needed. */
	while (!ret && (n = src_read(r->raw, &r->src, &p)) > 0) {
		sha256_update(&r->blob_sha, p, n);
		r->blob_bytes += n;
	}
	if (!ret && r->src.error)
		ret = r->src.error;
	sha256_final(&r->blob_sha, blob_sha);
	sha256_final(&r->diff_sha, diff_sha);
	*blob_bytes = r->blob_bytes;
	*tar_bytes = r->tar_bytes;
	oci_layer_abort(r);
	return ret;
}
