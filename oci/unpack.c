/*
 * The unpacker: an image archive (docker save or OCI layout, as a tar
 * file) into the layer cache, one directory per layer named after its
 * diff_id. Runs in the OCI worker thread (a kernel thread with its own FPU
 * state for JSON, and its own fs_struct so it can confine itself).
 *
 * Safety, layer by layer:
 *   - the layer is made in a fresh temporary directory under the cache and
 *     renamed to sha256/<diff_id> only when every entry was made and both
 *     digests (blob and diff_id) matched; on any error the temporary tree
 *     is removed, so the cache never holds a partial or unverified layer;
 *   - while a layer is made the worker's root and cwd are that directory,
 *     and every entry name is normalized (oci_entry_path: no absolute
 *     names, no ".."), every parent walked without following symlinks (a
 *     symlink on the way is refused: "write through a symlink"), every
 *     file created with O_EXCL|O_NOFOLLOW, so nothing is written outside;
 *   - hardlinks must point at an earlier non-directory entry of the same
 *     layer; device nodes are refused except overlayfs whiteouts (0/0);
 *   - sizes are capped: an entry over OCI_MAX_FILE, a layer that inflates
 *     past OCI_BOMB_RATIO times its blob (beyond OCI_BOMB_FLOOR), are
 *     refused as Docker's daemon would have choked on them.
 * OCI whiteouts become overlayfs ones: ".wh.NAME" a 0/0 character device
 * NAME, ".wh..wh..opq" the xattr trusted.overlay.opaque=y on its directory.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/sha256.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdio.h>
#include <string.h>

#include "image.h"
#include "json.h"
#include "layer.h"
#include "unpack.h"

#define OCI_MAX_META (4u << 20)        /* manifest, index, config */
#define OCI_BOMB_RATIO 100
#define OCI_BOMB_FLOOR (256ULL << 20)

#define ERR(...) snprintf(u->err, sizeof(u->err), __VA_ARGS__)

struct window {
	struct file *f;
	u64 base, size, pos;
};

static long win_read(void *ctx, void *buf, size_t len)
{
	struct window *w = ctx;
	u64 p;
	ssize_t n;

	if (w->pos >= w->size)
		return 0;
	if (len > w->size - w->pos)
		len = w->size - w->pos;
	p = w->base + w->pos;
	n = kernel_read(w->f, buf, len, &p);
	if (n < 0)
		return n;
	if (n == 0)
		return -EIO;   /* the file is shorter than the archive said */
	w->pos += n;
	return n;
}

static long long win_skip(void *ctx, long long n)
{
	struct window *w = ctx;

	if (n < 0)
		return -EINVAL;
	if ((u64)n > w->size - w->pos)
		n = w->size - w->pos;
	w->pos += n;
	return n;
}

static struct oci_member *find_member(struct oci_unpack *u, const char *name)
{
	for (int i = 0; i < u->nr_members; i++)
		if (!strcmp(u->members[i].name, name))
			return &u->members[i];
	return NULL;
}

/* A small member read whole, optionally checked against a digest. */
static char *read_member(struct oci_unpack *u, const char *name, const struct oci_digest *want,
			 size_t *len, const char *what)
{
	struct oci_member *m = find_member(u, name);
	struct window w;
	char *buf;
	size_t got = 0;

	if (!m) {
		ERR("%s: %s is missing from the archive", what, name);
		return NULL;
	}
	if (m->size > OCI_MAX_META) {
		ERR("%s: %s is too big (%llu bytes)", what, name, (unsigned long long)m->size);
		return NULL;
	}
	buf = kmalloc(m->size + 1, GFP_KERNEL);
	if (!buf) {
		ERR("out of memory");
		return NULL;
	}
	w = (struct window){ u->img, m->offset, m->size, 0 };
	while (got < m->size) {
		long n = win_read(&w, buf + got, m->size - got);

		if (n <= 0) {
			ERR("%s: cannot read %s (%ld)", what, name, n);
			kfree(buf);
			return NULL;
		}
		got += n;
	}
	buf[got] = 0;
	if (want) {
		struct sha256_ctx c;
		u8 d[32];
		char hex[65];

		sha256_init(&c);
		sha256_update(&c, buf, got);
		sha256_final(&c, d);
		sha256_hex(d, hex);
		if (strcmp(hex, want->hex)) {
			ERR("%s: sha256 mismatch (want %.12s, got %.12s)", what, want->hex, hex);
			kfree(buf);
			return NULL;
		}
	}
	*len = got;
	return buf;
}

static json_t *read_json(struct oci_unpack *u, const char *name, const struct oci_digest *want,
			 const char *what)
{
	size_t len;
	char *buf = read_member(u, name, want, &len, what);
	char jerr[160];
	json_t *j;

	if (!buf)
		return NULL;
	j = oci_json_load(buf, len, jerr, sizeof(jerr));
	kfree(buf);
	if (!j)
		ERR("%s: %s", what, jerr);
	return j;
}

/* Manifest and config, from either format. */
static int read_metadata(struct oci_unpack *u)
{
	json_t *j;
	int err;

	if (find_member(u, "manifest.json")) {
		j = read_json(u, "manifest.json", NULL, "manifest.json");
		if (!j)
			return -EINVAL;
		err = oci_parse_docker_manifest(j, &u->manifest, u->err, sizeof(u->err));
		json_decref(j);
		if (err)
			return err;
	} else if (find_member(u, "index.json")) {
		struct oci_digest d;
		bool is_index = true;
		char name[96];

		j = read_json(u, "index.json", NULL, "index.json");
		for (int depth = 0; j && is_index; depth++) {
			if (depth == 4) {
				ERR("index.json: image indexes nested too deep");
				json_decref(j);
				return -EINVAL;
			}
			err = oci_pick_manifest(j, "linux", "amd64", &d, &is_index, u->err, sizeof(u->err));
			json_decref(j);
			if (err)
				return err;
			snprintf(name, sizeof(name), "blobs/sha256/%s", d.hex);
			j = read_json(u, name, &d, is_index ? "image index" : "manifest");
		}
		if (!j)
			return -EINVAL;
		err = oci_parse_oci_manifest(j, &u->manifest, u->err, sizeof(u->err));
		json_decref(j);
		if (err)
			return err;
	} else {
		ERR("neither manifest.json nor index.json: not a docker or OCI image archive");
		return -EINVAL;
	}
	j = read_json(u, u->manifest.config_member,
		      u->manifest.has_config_digest ? &u->manifest.config_digest : NULL, "config");
	if (!j)
		return -EINVAL;
	err = oci_parse_config(j, &u->config, u->err, sizeof(u->err));
	json_decref(j);
	if (err)
		return err;
	if (u->config.nr_diff_ids != u->manifest.nr_layers) {
		ERR("config has %d diff_ids for %d layers", u->config.nr_diff_ids, u->manifest.nr_layers);
		return -EINVAL;
	}
	return 0;
}

/* ---- making entries (the worker's root and cwd are the layer directory) ---- */

static int lstat_rel(const char *rel, struct kstat *st)
{
	return vfs_statat(LINUX_AT_FDCWD, rel, LINUX_AT_SYMLINK_NOFOLLOW, st);
}

struct rm_ctx {
	struct dir_context ctx;
	char **names;
	int nr, cap;
	int err;
};

static bool rm_collect(struct dir_context *ctx, const char *name, int len, s64 pos, u64 ino,
		       unsigned dtype)
{
	struct rm_ctx *r = container_of(ctx, struct rm_ctx, ctx);

	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (r->nr == r->cap) {
		int cap = r->cap ? r->cap * 2 : 16;
		char **n = krealloc(r->names, cap * sizeof(char *), GFP_KERNEL);

		if (!n) {
			r->err = -ENOMEM;
			return false;
		}
		r->names = n;
		r->cap = cap;
	}
	r->names[r->nr] = kmalloc(len + 1, GFP_KERNEL);
	if (!r->names[r->nr]) {
		r->err = -ENOMEM;
		return false;
	}
	memcpy(r->names[r->nr], name, len);
	r->names[r->nr][len] = 0;
	r->nr++;
	return true;
}

/* Remove path and everything under it (no symlink is followed). */
int oci_rmtree(const char *path, int depth)
{
	struct kstat st;
	struct rm_ctx r = { .ctx.actor = rm_collect };
	struct file *f;
	char *child;
	int err;

	err = vfs_statat(LINUX_AT_FDCWD, path, LINUX_AT_SYMLINK_NOFOLLOW, &st);
	if (err)
		return err == -ENOENT ? 0 : err;
	if (!S_ISDIR(st.mode))
		return vfs_unlinkat(LINUX_AT_FDCWD, path);
	if (depth > 256)
		return -ELOOP;
	f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_RDONLY | LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW, 0, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	/* One pass collects all names: removing while iterating would skip. */
	do {
		s64 before = r.ctx.pos;

		err = vfs_iterate_dir(f, &r.ctx);
		if (err || r.ctx.pos == before)
			break;
	} while (!r.err);
	fput(f);
	child = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!child)
		err = -ENOMEM;
	for (int i = 0; i < r.nr; i++) {
		if (!err && !r.err) {
			snprintf(child, PATH_MAX, "%s/%s", path, r.names[i]);
			err = oci_rmtree(child, depth + 1);
		}
		kfree(r.names[i]);
	}
	kfree(r.names);
	kfree(child);
	if (!err)
		err = r.err;
	if (!err)
		err = vfs_rmdirat(LINUX_AT_FDCWD, path);
	return err;
}

/* Make sure every directory above rel exists (created 0755 as Docker does)
 * and none is a symlink or a non-directory. */
static int ensure_parents(struct oci_unpack *u, const char *rel)
{
	char *p = u->pathbuf;
	struct kstat st;
	size_t i;

	strcpy(p, rel);
	for (i = 0; p[i]; i++) {
		int err;

		if (p[i] != '/')
			continue;
		p[i] = 0;
		err = lstat_rel(p, &st);
		if (err == -ENOENT) {
			err = vfs_mkdirat(LINUX_AT_FDCWD, p, 0755);
		} else if (!err && S_ISLNK(st.mode)) {
			ERR("%s: write through a symlink (%s)", rel, p);
			err = -EPERM;
		} else if (!err && !S_ISDIR(st.mode)) {
			ERR("%s: a parent is not a directory", rel);
			err = -ENOTDIR;
		}
		p[i] = '/';
		if (err) {
			if (!u->err[0])
				ERR("%s: cannot make its directory (%d)", rel, err);
			return err;
		}
	}
	return 0;
}

/* Clear the way for a new entry at rel (an earlier entry of this layer
 * with the same name is replaced, as tar does). keep_dir: a directory
 * stays when the new entry is a directory too. */
static int clear_path(const char *rel, bool keep_dir, bool *is_dir)
{
	struct kstat st;
	int err = lstat_rel(rel, &st);

	*is_dir = false;
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	if (S_ISDIR(st.mode)) {
		if (keep_dir) {
			*is_dir = true;
			return 0;
		}
		return oci_rmtree(rel, 0);
	}
	return vfs_unlinkat(LINUX_AT_FDCWD, rel);
}

static int set_metadata(struct oci_unpack *u, const char *rel, const struct oci_entry *e)
{
	struct path p;
	struct iattr ia = { 0 };
	int err;

	err = vfs_chownat(LINUX_AT_FDCWD, rel, e->uid, e->gid, LINUX_AT_SYMLINK_NOFOLLOW);
	if (err)
		return err;
	if (e->type != OCI_E_SYMLINK) {
		err = vfs_chmodat(LINUX_AT_FDCWD, rel, e->perm, 0);
		if (err)
			return err;
	}
	err = vfs_path_lookup(LINUX_AT_FDCWD, rel, 0, &p);   /* the entry itself, not what it points at */
	if (err)
		return err;
	for (int i = 0; i < e->nr_xattrs; i++) {
		/* user.* is not allowed on symlinks (Linux): drop it there. */
		if (e->type == OCI_E_SYMLINK && !strncmp(e->xattr_name[i], "user.", 5))
			continue;
		err = vfs_setxattr(p.dentry, e->xattr_name[i], e->xattr_value[i], e->xattr_size[i], 0);
		if (err) {
			ERR("%s: xattr %s: error %d", rel, e->xattr_name[i], err);
			break;
		}
	}
	if (!err) {
		ia.ia_valid = ATTR_MTIME | ATTR_MTIME_SET | ATTR_ATIME | ATTR_ATIME_SET | ATTR_FORCE;
		ia.ia_mtime.tv_sec = e->mtime;
		ia.ia_mtime.tv_nsec = e->mtime_nsec;
		ia.ia_atime = ia.ia_mtime;
		err = vfs_setattr(&p, &ia);
	}
	path_put(&p);
	return err;
}

static int write_data(struct oci_unpack *u, struct oci_layer_reader *r, const char *rel,
		      const struct oci_entry *e)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, rel,
				  LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOFOLLOW,
				  0600, LINUX_RESOLVE_NO_SYMLINKS | LINUX_RESOLVE_BENEATH);
	int st, err = 0;

	if (IS_ERR(f)) {
		ERR("%s: cannot create (%ld)", rel, PTR_ERR(f));
		return PTR_ERR(f);
	}
	for (;;) {
		const void *buf;
		size_t len;
		long long off;
		u64 pos;
		ssize_t n;

		st = oci_layer_data(r, &buf, &len, &off, u->err, sizeof(u->err));
		if (st <= 0) {
			err = st;
			break;
		}
		if (off < 0 || (u64)off + len > (u64)e->size) {
			ERR("%s: data past the size its header gives", rel);
			err = -EINVAL;
			break;
		}
		if (oci_layer_tar_bytes(r) > OCI_BOMB_FLOOR &&
		    oci_layer_tar_bytes(r) / OCI_BOMB_RATIO > oci_layer_blob_bytes(r)) {
			ERR("layer inflates more than %dx (%llu MB from %llu MB): refusing a decompression bomb",
			    OCI_BOMB_RATIO, (unsigned long long)(oci_layer_tar_bytes(r) >> 20),
			    (unsigned long long)(oci_layer_blob_bytes(r) >> 20));
			err = -EFBIG;
			break;
		}
		pos = off;
		n = kernel_write(f, buf, len, &pos);
		if (n != (ssize_t)len) {
			ERR("%s: write failed (%zd)", rel, n);
			err = n < 0 ? (int)n : -EIO;
			break;
		}
		u->bytes_written += len;
	}
	if (!err)
		err = vfs_ftruncate(f, e->size);   /* a sparse tail, or an empty file */
	fput(f);
	return err;
}

static int make_entry(struct oci_unpack *u, struct oci_layer_reader *r, struct oci_entry *e)
{
	char *rel = u->relbuf, *target = u->targetbuf;
	enum oci_action act;
	struct kstat st;
	bool is_dir;
	int err;

	/* Names, whiteouts, types and sizes: the pure rules (oci/path.c). */
	err = oci_entry_plan(e, rel, target, &act, u->err, sizeof(u->err));
	if (err)
		return err;
	if (act == OCI_ACT_ROOT)   /* the root itself: only its metadata */
		return e->type == OCI_E_DIR ? set_metadata(u, ".", e) : 0;
	if (act == OCI_ACT_OPAQUE) {
		struct path p;
		const char *dir = *target ? target : ".";

		/* The directory and every one above it (the root has none). */
		if (*target) {
			snprintf(u->opqbuf, OCI_PATH_MAX + 2, "%s/x", target);
			err = ensure_parents(u, u->opqbuf);
			if (err)
				return err;
		}
		err = lstat_rel(dir, &st);
		if (err == -ENOENT)
			err = vfs_mkdirat(LINUX_AT_FDCWD, dir, 0755);
		if (err)
			return err;
		err = vfs_path_lookup(LINUX_AT_FDCWD, dir, LOOKUP_NO_SYMLINKS, &p);
		if (err)
			return err;
		err = vfs_setxattr(p.dentry, "trusted.overlay.opaque", "y", 1, 0);
		path_put(&p);
		if (err)
			ERR("%s: cannot mark opaque (%d)", dir, err);
		u->whiteouts++;
		return err;
	}
	err = ensure_parents(u, rel);
	if (err)
		return err;
	switch (act) {
	case OCI_ACT_WHITEOUT:
		err = clear_path(target, false, &is_dir);
		if (!err)
			err = vfs_mknodat(LINUX_AT_FDCWD, target, S_IFCHR | 0, 0);
		if (err)
			ERR("%s: cannot make the whiteout (%d)", target, err);
		u->whiteouts++;
		return err;
	case OCI_ACT_DIR:
		err = clear_path(rel, true, &is_dir);
		if (!err && !is_dir)
			err = vfs_mkdirat(LINUX_AT_FDCWD, rel, 0700);
		break;
	case OCI_ACT_FILE:
		err = clear_path(rel, false, &is_dir);
		if (!err)
			err = write_data(u, r, rel, e);
		break;
	case OCI_ACT_SYMLINK:
		err = clear_path(rel, false, &is_dir);
		if (!err)
			err = vfs_symlinkat(e->link, LINUX_AT_FDCWD, rel);
		break;
	case OCI_ACT_HARDLINK:
		err = lstat_rel(target, &st);
		if (err || S_ISDIR(st.mode)) {
			ERR("%s: hardlink to %s, which is not an earlier file of this layer", rel, target);
			return -EPERM;
		}
		err = ensure_parents(u, target);
		if (!err && !strcmp(rel, target))
			return 0;
		if (!err)
			err = clear_path(rel, false, &is_dir);
		if (!err)
			err = vfs_linkat(LINUX_AT_FDCWD, target, LINUX_AT_FDCWD, rel, 0);
		u->entries++;
		return err;   /* the link shares its target's metadata */
	case OCI_ACT_FIFO:
		err = clear_path(rel, false, &is_dir);
		if (!err)
			err = vfs_mknodat(LINUX_AT_FDCWD, rel, S_IFIFO | 0600, 0);
		break;
	case OCI_ACT_DEV_WHITEOUT:   /* an overlayfs whiteout as is */
		err = clear_path(rel, false, &is_dir);
		if (!err)
			err = vfs_mknodat(LINUX_AT_FDCWD, rel, S_IFCHR, 0);
		u->whiteouts++;
		return err;
	default:
		ERR("%s: unsupported entry type", rel);
		return -EINVAL;
	}
	if (err) {
		if (!u->err[0])
			ERR("%s: cannot make it (%d)", rel, err);
		return err;
	}
	u->entries++;
	err = set_metadata(u, rel, e);
	if (err && !u->err[0])
		ERR("%s: cannot set owner, mode or times (%d)", rel, err);
	return err;
}

/* Unpack layer i into the current directory (the worker's root). */
static int unpack_layer_here(struct oci_unpack *u, int i)
{
	struct oci_layer_ref *ref = &u->manifest.layers[i];
	struct oci_member *m = find_member(u, ref->member);
	struct window w;
	struct oci_layer_reader *r;
	struct oci_entry e;
	u8 blob_sha[32], diff_sha[32];
	char hex[65];
	u64 blob_bytes, tar_bytes;
	int st;

	if (!m) {
		ERR("layer %d: %s is missing from the archive", i + 1, ref->member);
		return -ENOENT;
	}
	w = (struct window){ u->img, m->offset, m->size, 0 };
	r = oci_layer_open(win_read, &w, u->err, sizeof(u->err));
	if (!r)
		return -EINVAL;
	if (ref->comp != OCI_COMP_DETECT && ref->comp != oci_layer_compression(r)) {
		static const char *const names[] = { "?", "uncompressed", "gzip", "zstd" };

		ERR("layer %d: its media type says %s, the blob is %s", i + 1, names[ref->comp],
		    names[oci_layer_compression(r)]);
		oci_layer_abort(r);
		return -EINVAL;
	}
	while ((st = oci_layer_next(r, &e, u->err, sizeof(u->err))) > 0) {
		st = make_entry(u, r, &e);
		if (st)
			break;
		if (u->progress)
			u->progress(u, i, oci_layer_blob_bytes(r), m->size);
	}
	if (st) {
		oci_layer_abort(r);
		return st;
	}
	st = oci_layer_close(r, blob_sha, diff_sha, &blob_bytes, &tar_bytes);
	if (st) {
		ERR("layer %d: read error (%d)", i + 1, st);
		return st;
	}
	sha256_hex(blob_sha, hex);
	if (ref->has_digest && strcmp(hex, ref->digest.hex)) {
		ERR("layer %d: sha256 mismatch (want %.12s, got %.12s)", i + 1, ref->digest.hex, hex);
		return -EBADMSG;
	}
	sha256_hex(diff_sha, hex);
	if (strcmp(hex, u->config.diff_ids[i].hex)) {
		ERR("layer %d: diff_id mismatch (want %.12s, got %.12s)", i + 1,
		    u->config.diff_ids[i].hex, hex);
		return -EBADMSG;
	}
	return 0;
}

static int mkdir_p(const char *path)
{
	char buf[256];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] == '/' || buf[i] == 0) {
			char c = buf[i];
			int err;

			buf[i] = 0;
			err = vfs_mkdirat(LINUX_AT_FDCWD, buf, 0700);
			buf[i] = c;
			if (err && err != -EEXIST)
				return err;
		}
	}
	return 0;
}

/* Confine the worker to dir (root and cwd), or back to saved. */
static int enter_dir(struct oci_unpack *u, const char *dir)
{
	struct path p;
	int err = kern_path(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	fs_set_root(current->fs, &p);
	fs_set_pwd(current->fs, &p);
	path_put(&p);
	return 0;
}

static void leave_dir(struct oci_unpack *u)
{
	fs_set_root(current->fs, &u->saved_root);
	fs_set_pwd(current->fs, &u->saved_root);
}

int oci_unpack_image(struct oci_unpack *u)
{
	char *tmp = NULL, *final = NULL;
	struct kstat st;
	int err;

	u->err[0] = 0;
	if (!oci_json_context_ok()) {
		ERR("the unpacker runs only in the OCI worker");
		return -EPERM;
	}
	u->img = filp_open(u->image_path, LINUX_O_RDONLY, 0);
	if (IS_ERR(u->img)) {
		err = PTR_ERR(u->img);
		u->img = NULL;
		ERR("cannot open it (%d)", err);
		return err;
	}
	{
		struct window w = { u->img, 0, file_size(u->img), 0 };

		err = oci_archive_index(win_read, win_skip, &w, &u->members, &u->nr_members, u->err,
					sizeof(u->err));
	}
	if (!err)
		err = read_metadata(u);
	if (err)
		goto out;
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	final = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp || !final) {
		err = -ENOMEM;
		goto out;
	}
	snprintf(tmp, PATH_MAX, "%s/sha256", u->cache_dir);
	err = mkdir_p(tmp);
	if (!err) {
		snprintf(tmp, PATH_MAX, "%s/tmp", u->cache_dir);
		err = mkdir_p(tmp);
	}
	if (err) {
		ERR("cannot make the layer cache %s (%d)", u->cache_dir, err);
		goto out;
	}
	u->saved_root = current->fs->root;
	path_get(&u->saved_root);
	for (int i = 0; i < u->manifest.nr_layers; i++) {
		u32 rnd;

		snprintf(final, PATH_MAX, "%s/sha256/%s", u->cache_dir, u->config.diff_ids[i].hex);
		if (!vfs_statat(LINUX_AT_FDCWD, final, 0, &st) && S_ISDIR(st.mode)) {
			u->layers_cached++;
			continue;
		}
		get_random_bytes(&rnd, sizeof(rnd));
		snprintf(tmp, PATH_MAX, "%s/tmp/%.16s.%08x", u->cache_dir, u->config.diff_ids[i].hex, rnd);
		err = vfs_mkdirat(LINUX_AT_FDCWD, tmp, 0755);
		if (err) {
			ERR("layer %d: cannot make %s (%d)", i + 1, tmp, err);
			break;
		}
		err = enter_dir(u, tmp);
		if (!err) {
			err = unpack_layer_here(u, i);
			leave_dir(u);
		}
		if (!err) {
			err = vfs_renameat2(LINUX_AT_FDCWD, tmp, LINUX_AT_FDCWD, final, 0);
			if (err)
				ERR("layer %d: cannot commit it (%d)", i + 1, err);
		}
		if (err) {
			if (!u->err[0])
				ERR("layer %d: error %d", i + 1, err);
			oci_rmtree(tmp, 0);
			break;
		}
		u->layers_unpacked++;
	}
	path_put(&u->saved_root);
out:
	kfree(tmp);
	kfree(final);
	return err;
}

void oci_unpack_release(struct oci_unpack *u)
{
	if (u->img)
		fput(u->img);
	u->img = NULL;
	oci_members_free(u->members, u->nr_members);
	u->members = NULL;
	u->nr_members = 0;
	oci_manifest_free(&u->manifest);
	oci_config_free(&u->config);
}
