/*
 * libFuzzer target: the unpack path short of the VFS. The input is read
 * twice through oci/layer_read.c, over libarchive, zlib and zstd built
 * from the same Debian sources and configuration headers as the kernel's:
 *   1. as an image archive (oci_archive_index: the member index the
 *      unpacker builds first), checking every member lies inside the input;
 *   2. as a layer blob (oci_layer_open: gzip, zstd or plain detected; tar
 *      entries; oci_layer_data blocks; oci_layer_close's digests), each
 *      entry decided by oci_entry_plan (oci/path.c: name normalization,
 *      whiteouts, hardlink targets, types, sizes) exactly as
 *      oci/unpack.c's make_entry does, and then modelled: the hardlink
 *      rule (an earlier non-directory of this layer), data blocks within
 *      the size the header gives, the decompression-bomb cap. The unpack
 *      stops at the first refusal, as the kernel's does.
 * Checked beyond "no crash, no leak, no undefined behaviour": every path
 * and target the plan yields is relative, has no "", "." or ".."
 * component and is shorter than OCI_PATH_MAX; a whiteout's target is in
 * the whiteout's own directory and is not itself a whiteout name; messages
 * are terminated. Not covered: the VFS side of oci/unpack.c (ensure_parents,
 * clear_path, set_metadata, the cache's rename), which needs the kernel.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OCI_NO_JSON
#include "../../oci/image.h"
#include "../../oci/layer.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); abort(); } } while (0)
#define BOMB_RATIO 100
#define BOMB_FLOOR (256ULL << 20)
#define MAX_MODEL 4096

struct mem {
	const uint8_t *p;
	size_t len, pos;
};

static long mem_read(void *ctx, void *buf, size_t len)
{
	struct mem *m = ctx;
	size_t n = m->len - m->pos;

	if (n > len)
		n = len;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (long)n;
}

static long long mem_skip(void *ctx, long long n)
{
	struct mem *m = ctx;

	if (n < 0)
		return -22;
	if ((unsigned long long)n > m->len - m->pos)
		n = (long long)(m->len - m->pos);
	m->pos += (size_t)n;
	return n;
}

/* A normalized path beneath the layer root. */
static void check_rel(const char *p, bool may_be_root)
{
	CHECK(strlen(p) < OCI_PATH_MAX);
	if (!*p) {
		CHECK(may_be_root);
		return;
	}
	CHECK(*p != '/');
	while (*p) {
		size_t n = strcspn(p, "/");

		CHECK(n > 0);
		CHECK(!(n == 1 && p[0] == '.'));
		CHECK(!(n == 2 && p[0] == '.' && p[1] == '.'));
		p += n;
		if (*p) {
			p++;
			CHECK(*p);   /* no trailing slash */
		}
	}
}

static size_t dir_len(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? (size_t)(s - p) : 0;
}

/* The entries made so far: path and whether a directory. */
static char *model_path[MAX_MODEL];
static bool model_dir[MAX_MODEL];
static int model_n;

static int model_find(const char *p)
{
	for (int i = model_n - 1; i >= 0; i--)
		if (!strcmp(model_path[i], p))
			return i;
	return -1;
}

static void model_add(const char *p, bool dir)
{
	if (model_n < MAX_MODEL) {
		model_path[model_n] = strdup(p);
		model_dir[model_n++] = dir;
	}
}

static void model_clear(void)
{
	while (model_n)
		free(model_path[--model_n]);
}

static void index_archive(const uint8_t *data, size_t size)
{
	struct mem m = { data, size, 0 };
	struct oci_member *mem;
	char err[256];
	int nr;

	if (oci_archive_index(mem_read, mem_skip, &m, &mem, &nr, err, sizeof(err))) {
		CHECK(memchr(err, 0, sizeof(err)));
		return;
	}
	for (int i = 0; i < nr; i++) {
		CHECK(mem[i].name);
		CHECK(mem[i].offset <= size && mem[i].size <= size - mem[i].offset);
	}
	oci_members_free(mem, nr);
}

/* One entry as make_entry takes it: 0 to go on, < 0 where the kernel stops. */
static int take_entry(struct oci_layer_reader *r, struct oci_entry *e)
{
	static char path[OCI_PATH_MAX + 1], target[OCI_PATH_MAX + 1];
	enum oci_action act;
	char err[256];
	int st, k;

	st = oci_entry_plan(e, path, target, &act, err, sizeof(err));
	if (st) {
		CHECK(st == -1 || st == -22 || st == -27);   /* EPERM, EINVAL, EFBIG */
		CHECK(memchr(err, 0, sizeof(err)) && err[0]);
		return st;
	}
	check_rel(path, act == OCI_ACT_ROOT);
	switch (act) {
	case OCI_ACT_ROOT:
		return 0;
	case OCI_ACT_OPAQUE:
		check_rel(target, true);
		CHECK(dir_len(path) == strlen(target) && !strncmp(path, target, strlen(target)));
		model_add(target, true);
		return 0;
	case OCI_ACT_WHITEOUT: {
		const char *base = target + dir_len(target) + (strchr(target, '/') ? 1 : 0);

		check_rel(target, false);
		CHECK(dir_len(path) == dir_len(target) && !strncmp(path, target, dir_len(path)));
		CHECK(strncmp(base, ".wh.", 4));
		return 0;
	}
	case OCI_ACT_HARDLINK:
		check_rel(target, false);
		k = model_find(target);
		if (k < 0 || model_dir[k])
			return -1;   /* not an earlier file of this layer */
		model_add(path, false);
		return 0;
	case OCI_ACT_DEV_WHITEOUT:
		CHECK(e->type == OCI_E_CHR && !e->rdev_major && !e->rdev_minor);
		model_add(path, false);
		return 0;
	case OCI_ACT_FILE:
		CHECK(e->type == OCI_E_REG && e->size >= 0 && (unsigned long long)e->size <= OCI_MAX_FILE);
		for (;;) {
			const void *buf;
			size_t len;
			long long off;

			st = oci_layer_data(r, &buf, &len, &off, err, sizeof(err));
			if (st <= 0)
				break;
			CHECK(buf || !len);
			if (off < 0 || (unsigned long long)off + len > (unsigned long long)e->size)
				return -22;   /* data past the size its header gives */
			if (oci_layer_tar_bytes(r) > BOMB_FLOOR &&
			    oci_layer_tar_bytes(r) / BOMB_RATIO > oci_layer_blob_bytes(r))
				return -27;
			if (len) {   /* touch it all: ASan checks the block is readable */
				volatile uint8_t x = ((const uint8_t *)buf)[0] ^ ((const uint8_t *)buf)[len - 1];
				(void)x;
			}
		}
		if (st < 0)
			return st;
		model_add(path, false);
		return 0;
	case OCI_ACT_DIR:
		model_add(path, true);
		return 0;
	case OCI_ACT_SYMLINK:
		CHECK(e->link);
		model_add(path, false);
		return 0;
	case OCI_ACT_FIFO:
		model_add(path, false);
		return 0;
	}
	CHECK(!"unknown action");
	return -22;
}

static void read_layer(const uint8_t *data, size_t size)
{
	struct mem m = { data, size, 0 };
	char err[256];
	struct oci_layer_reader *r = oci_layer_open(mem_read, &m, err, sizeof(err));
	struct oci_entry e;
	uint8_t blob[32], diff[32];
	uint64_t blob_bytes, tar_bytes;
	int st;

	if (!r) {
		CHECK(memchr(err, 0, sizeof(err)));
		return;
	}
	CHECK(oci_layer_compression(r) >= OCI_COMP_NONE && oci_layer_compression(r) <= OCI_COMP_ZSTD);
	while ((st = oci_layer_next(r, &e, err, sizeof(err))) > 0) {
		CHECK(e.name && e.nr_xattrs >= 0 && e.nr_xattrs <= OCI_MAX_XATTRS);
		for (int i = 0; i < e.nr_xattrs; i++)
			CHECK(e.xattr_name[i] && (e.xattr_value[i] || !e.xattr_size[i]));
		st = take_entry(r, &e);
		if (st)
			break;
	}
	model_clear();
	if (st) {
		oci_layer_abort(r);
		return;
	}
	if (!oci_layer_close(r, blob, diff, &blob_bytes, &tar_bytes))
		CHECK(blob_bytes == size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	index_archive(data, size);
	read_layer(data, size);
	return 0;
}
