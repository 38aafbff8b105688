/*
 * oci_image_load (linuxabi/uapi/container.h): the unpacker run for a user
 * request. The syscall side checks and copies the request; the work runs
 * in the OCI worker (unpack.c), with progress lines written to the
 * caller's file; the description of the image is built here.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdio.h>
#include <string.h>

#include "load.h"
#include "unpack.h"
#include "worker.h"

struct load_job {
	struct oci_unpack u;
	struct file *progress;
	int last_layer;
	u64 last_done;
	char *out;
	size_t out_len, used;
	bool overflow;
};

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

static void put_str(struct load_job *j, const char *s)
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

static void put_num(struct load_job *j, long long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%lld", v);
	put_str(j, b);
}

static void put_vec(struct load_job *j, const char *key, char **v)
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

/* The overlay's lowerdir= value: the layer directories, top first. */
static char *make_lowerdir(struct oci_unpack *u)
{
	char *lower = kmalloc(u->config.nr_diff_ids * 100 + 1, GFP_KERNEL);
	size_t o = 0;

	if (!lower)
		return NULL;
	lower[0] = 0;
	for (int i = u->config.nr_diff_ids - 1; i >= 0; i--)
		o += snprintf(lower + o, 100, "%s%s/sha256/%s", o ? ":" : "", u->cache_dir,
			      u->config.diff_ids[i].hex);
	return lower;
}

static void describe(struct load_job *j)
{
	struct oci_unpack *u = &j->u;
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
	put_num(j, u->layers_cached);
	put_str(j, "unpacked");
	put_num(j, u->layers_unpacked);
}

static int load_job_run(void *arg)
{
	struct load_job *j = arg;
	int err = oci_unpack_image(&j->u);

	if (!err && j->out)
		describe(j);
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
	j->out = out;
	j->out_len = *out_len;
	r = load_run(j, image, cache_dir, progress, err, err_len);
	if (!r && j->overflow)
		r = -ENOBUFS;
	*out_len = j->used;
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
