/*
 * oci_image_load (linuxabi/uapi/container.h): the unpacker run for a user
 * request. The syscall side checks and copies the request; the work runs
 * in the OCI worker (unpack.c), with progress lines written to the
 * caller's file; the description of the image is built here.
 *
 * Warm starts: once an image loaded with every layer in the cache (made
 * now or before), its description is kept, keyed by the archive's
 * identity (device, inode, size, mtime and ctime of the file that was
 * read: any write or replacement changes one of them) and the cache
 * directory. The next load of the same file only checks that each layer
 * directory is still there and hands the description back: no archive
 * index, no JSON, no digest of the config again. What was kept was
 * verified when it was made (digests, diff_ids); the layer directories
 * are trusted as the unpacker trusts them (made only by it, renamed into
 * place when verified).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdio.h>
#include <string.h>

#include "load.h"
#include "unpack.h"
#include "worker.h"

/* The description being written: NUL-terminated strings into out. */
struct desc_out {
	char *out;
	size_t out_len, used;           /* used may pass out_len: then overflow */
	bool overflow;
};

struct load_job {
	struct oci_unpack u;
	struct file *progress;
	int last_layer;
	u64 last_done;
	struct desc_out o;
	bool prepare;                   /* oci_image_prepare: no description */
};

#define DESC_CACHE_SLOTS 8

struct desc_key {
	dev_t dev;
	u64 ino, size;
	struct vfs_timespec mtime, ctime;
};

struct desc_entry {
	bool used;
	u64 last_use;                   /* for eviction: least recently used goes */
	struct desc_key key;
	char *cache_dir;
	char **layer_dirs;              /* every layer's directory in the cache */
	int nr_layers;
	char *desc;                     /* the description, every layer cached */
	size_t len;
};

static DEFINE_MUTEX(desc_lock);
unsigned long oci_desc_cache_hits;                       /* for tests */
static struct desc_entry desc_cache[DESC_CACHE_SLOTS];   /* desc_lock */
static u64 desc_clock;                                   /* desc_lock */

static void desc_key_of(const struct kstat *st, struct desc_key *k)
{
	memset(k, 0, sizeof(*k));
	k->dev = st->dev;
	k->ino = st->ino;
	k->size = st->size;
	k->mtime = st->mtime;
	k->ctime = st->ctime;
}

static bool desc_key_eq(const struct desc_key *a, const struct desc_key *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static void desc_entry_free(struct desc_entry *e)
{
	for (int i = 0; i < e->nr_layers; i++)
		kfree(e->layer_dirs[i]);
	kfree(e->layer_dirs);
	kfree(e->cache_dir);
	kfree(e->desc);
	memset(e, 0, sizeof(*e));
}

static void load_progress(struct oci_unpack *u, int layer, u64 done, u64 total)
{
	struct load_job *j = container_of(u, struct load_job, u);
	char line[96];
	u64 pos = 0;
	int n;

	/* A line per layer start, every 2% (or 1 MB, whichever is more), and
	 * once at its end. */
	if (layer == j->last_layer &&
	    (done == j->last_done ||
	     (done != total && done - j->last_done < (total / 50 > (1u << 20) ? total / 50 : (1u << 20)))))
		return;
	j->last_layer = layer;
	j->last_done = done;
	n = snprintf(line, sizeof(line), "layer %d/%d %llu/%llu\n", layer + 1, u->manifest.nr_layers,
		     (unsigned long long)done, (unsigned long long)total);
	kernel_write(j->progress, line, n, &pos);
}

static void put_str(struct desc_out *j, const char *s)
{
	size_t n = strlen(s) + 1;

	if (j->used + n > j->out_len) {
		j->overflow = true;
		j->used += n;
		return;
	}
	memcpy(j->out + j->used, s, n);
	j->used += n;
}

static void put_num(struct desc_out *j, long long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%lld", v);
	put_str(j, b);
}

static void put_vec(struct desc_out *j, const char *key, char **v)
{
	long long n = 0;

	put_str(j, key);
	if (!v) {
		put_num(j, -1);
		return;
	}
	while (v[n])
		n++;
	put_num(j, n);
	for (long long i = 0; i < n; i++)
		put_str(j, v[i]);
}

/* The overlay's lowerdir= value: the layer directories, top first. Each
 * is ":" CACHE "/sha256/" HEX64: sized exactly, since the cache directory
 * comes from the caller and may be long. */
static char *make_lowerdir(struct oci_unpack *u)
{
	size_t each = strlen(u->cache_dir) + 8 + 64 + 1, size = u->config.nr_diff_ids * each + 1;
	char *lower = kmalloc(size, GFP_KERNEL);
	size_t o = 0;

	if (!lower)
		return NULL;
	lower[0] = 0;
	for (int i = u->config.nr_diff_ids - 1; i >= 0; i--)
		o += snprintf(lower + o, size - o, "%s%s/sha256/%s", o ? ":" : "", u->cache_dir,
			      u->config.diff_ids[i].hex);
	return lower;
}

/* Write the description of u, saying cached of its layers came from the
 * cache and unpacked were made now. */
static void describe(struct oci_unpack *u, long cached, long unpacked, struct desc_out *j)
{
	char *lower = make_lowerdir(u);

	if (!lower) {
		j->overflow = true;
		return;
	}
	put_str(j, "lowerdir");
	put_str(j, lower);
	kfree(lower);
	put_vec(j, "entrypoint", u->config.entrypoint);
	put_vec(j, "cmd", u->config.cmd);
	put_vec(j, "env", u->config.env);
	put_str(j, "workdir");
	put_str(j, u->config.working_dir ? u->config.working_dir : "");
	put_str(j, "user");
	put_str(j, u->config.user ? u->config.user : "");
	put_str(j, "name");
	put_str(j, u->manifest.ref_name ? u->manifest.ref_name : "");
	put_str(j, "layers");
	put_num(j, u->config.nr_diff_ids);
	put_str(j, "cached");
	put_num(j, cached);
	put_str(j, "unpacked");
	put_num(j, unpacked);
}

/* A kept description for image in cache_dir, copied to the job's output:
 * true on a hit. Runs in the worker (paths from the global root, as the
 * unpacker's). */
static bool desc_cache_get(struct load_job *j)
{
	struct desc_key key;
	struct kstat st;
	bool hit = false;

	if (vfs_statat(LINUX_AT_FDCWD, j->u.image_path, 0, &st) || !S_ISREG(st.mode))
		return false;
	desc_key_of(&st, &key);
	mutex_lock(&desc_lock);
	for (int i = 0; i < DESC_CACHE_SLOTS && !hit; i++) {
		struct desc_entry *e = &desc_cache[i];
		struct kstat ls;
		int l;

		if (!e->used || !desc_key_eq(&e->key, &key) || strcmp(e->cache_dir, j->u.cache_dir))
			continue;
		for (l = 0; l < e->nr_layers; l++)
			if (vfs_statat(LINUX_AT_FDCWD, e->layer_dirs[l], 0, &ls) || !S_ISDIR(ls.mode))
				break;
		if (l < e->nr_layers) {   /* a layer went away: load again */
			desc_entry_free(e);
			break;
		}
		if (e->len > j->o.out_len)
			j->o.overflow = true;
		else
			memcpy(j->o.out, e->desc, e->len);
		j->o.used = e->len;
		e->last_use = ++desc_clock;
		oci_desc_cache_hits++;
		hit = true;
	}
	mutex_unlock(&desc_lock);
	return hit;
}

/* Keep the description of a load that succeeded (all its layers are in
 * the cache now), keyed by the file that was read. Best effort: on any
 * failure nothing is kept. */
static void desc_cache_put(struct load_job *j)
{
	struct oci_unpack *u = &j->u;
	struct desc_entry n = { .used = true };
	struct desc_out w = { 0 };
	struct kstat st;
	int slot = -1;

	if (!u->img || vfs_getattr(&u->img->f_path, &st))
		return;
	desc_key_of(&st, &n.key);
	/* The description as a warm start gives it: every layer cached. A
	 * first pass with no room measures it. */
	describe(u, u->config.nr_diff_ids, 0, &w);
	n.len = w.used;
	n.desc = kmalloc(n.len ? n.len : 1, GFP_KERNEL);
	n.cache_dir = kstrdup(u->cache_dir, GFP_KERNEL);
	n.layer_dirs = kcalloc(u->config.nr_diff_ids ? u->config.nr_diff_ids : 1, sizeof(char *),
			       GFP_KERNEL);
	if (!n.desc || !n.cache_dir || !n.layer_dirs)
		goto fail;
	w = (struct desc_out){ .out = n.desc, .out_len = n.len };
	describe(u, u->config.nr_diff_ids, 0, &w);
	if (w.overflow || w.used != n.len)
		goto fail;
	for (int i = 0; i < u->config.nr_diff_ids; i++) {
		n.layer_dirs[i] = kmalloc(PATH_MAX, GFP_KERNEL);
		if (!n.layer_dirs[i])
			goto fail;
		n.nr_layers++;
		snprintf(n.layer_dirs[i], PATH_MAX, "%s/sha256/%s", u->cache_dir, u->config.diff_ids[i].hex);
	}
	mutex_lock(&desc_lock);
	/* The same image's slot, else a free one, else the least recently used. */
	for (int i = 0; i < DESC_CACHE_SLOTS && slot < 0; i++)
		if (desc_cache[i].used && desc_key_eq(&desc_cache[i].key, &n.key) &&
		    !strcmp(desc_cache[i].cache_dir, n.cache_dir))
			slot = i;
	for (int i = 0; i < DESC_CACHE_SLOTS && slot < 0; i++)
		if (!desc_cache[i].used)
			slot = i;
	if (slot < 0) {
		slot = 0;
		for (int i = 1; i < DESC_CACHE_SLOTS; i++)
			if (desc_cache[i].last_use < desc_cache[slot].last_use)
				slot = i;
	}
	desc_entry_free(&desc_cache[slot]);
	n.last_use = ++desc_clock;
	desc_cache[slot] = n;
	mutex_unlock(&desc_lock);
	return;
fail:
	desc_entry_free(&n);
}

static int load_job_run(void *arg)
{
	struct load_job *j = arg;
	int err;

	/* A container's prepare wants the config itself, not the text.
	 * XXX: so ctr_create does not take the warm path (the kept
	 * descriptions); keeping parsed configs would give it that. */
	if (j->prepare)
		return oci_unpack_image(&j->u);
	if (desc_cache_get(j))
		return 0;
	err = oci_unpack_image(&j->u);
	if (!err) {
		describe(&j->u, j->u.layers_cached, j->u.layers_unpacked, &j->o);
		desc_cache_put(j);
	}
	return err;
}

/* The default cache: on the image store when it is writable. */
static const char *default_cache(void)
{
	struct path p;
	bool rw;

	if (kern_path("/images", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p))
		return "/run/layers";
	rw = !mnt_readonly(p.mnt) && p.mnt->mnt_root == p.dentry;
	path_put(&p);
	return rw ? "/images/.layers" : "/run/layers";
}

/* Unpack in the worker; 0 or -errno with the message in err. The caller
 * releases j->u. */
static int load_run(struct load_job *j, const char *image, const char *cache_dir,
		    struct file *progress, char *err, size_t err_len)
{
	int r;

	j->u.image_path = image;
	j->u.cache_dir = cache_dir ? cache_dir : default_cache();
	j->progress = progress;
	j->last_layer = -1;
	if (progress)
		j->u.progress = load_progress;
	r = oci_run_in_worker(load_job_run, j);
	if (r && err && err_len)
		snprintf(err, err_len, "%s", j->u.err[0] ? j->u.err : "cannot load the image");
	return r;
}

int oci_image_load(const char *image, const char *cache_dir, struct file *progress, char *out,
		   size_t *out_len, char *err, size_t err_len)
{
	struct load_job *j = kzalloc(sizeof(*j), GFP_KERNEL);
	int r;

	if (!j)
		return -ENOMEM;
	j->o.out = out;
	j->o.out_len = *out_len;
	r = load_run(j, image, cache_dir, progress, err, err_len);
	if (!r && j->o.overflow)
		r = -ENOBUFS;
	*out_len = j->o.used;
	oci_unpack_release(&j->u);
	kfree(j);
	return r;
}

int oci_image_prepare(const char *image, struct file *progress, struct oci_prepared *p, char *err,
		      size_t err_len)
{
	struct load_job *j = kzalloc(sizeof(*j), GFP_KERNEL);
	int r;

	memset(p, 0, sizeof(*p));
	if (!j)
		return -ENOMEM;
	j->prepare = true;
	r = load_run(j, image, NULL, progress, err, err_len);
	if (!r) {
		p->lowerdir = make_lowerdir(&j->u);
		if (!p->lowerdir) {
			r = -ENOMEM;
			snprintf(err, err_len, "out of memory");
		}
	}
	if (!r) {
		p->config = j->u.config;            /* the container keeps it */
		memset(&j->u.config, 0, sizeof(j->u.config));
		p->layers = p->config.nr_diff_ids;
		p->cached = j->u.layers_cached;
		p->unpacked = j->u.layers_unpacked;
	}
	oci_unpack_release(&j->u);
	kfree(j);
	return r;
}

void oci_prepared_release(struct oci_prepared *p)
{
	kfree(p->lowerdir);
	p->lowerdir = NULL;
	oci_config_free(&p->config);
}
