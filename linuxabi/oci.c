/*
 * The container system calls (linuxabi/uapi/container.h): check and copy
 * the request, call oci/, copy the results out.
 */
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/uaccess.h>
#include <stddef.h>
#include <linuxabi/uapi/container.h>

#include "fs_common.h"
#include "oci/load.h"

#define OCI_OUT_MAX (64u << 10)
#define OCI_ERR_MAX 512

long sys_oci_image_load(struct oci_load __user *ureq)
{
	struct oci_load req;
	char *image = NULL, *cache = NULL, *out = NULL, err[OCI_ERR_MAX] = "";
	struct file *progress = NULL;
	size_t out_len;
	long r;

	if (!capable_root())
		return -EPERM;
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.flags)
		return -EINVAL;
	image = getname((const char __user *)(uintptr_t)req.image, &r);
	if (!image)
		return r;
	if (req.cache_dir) {
		cache = getname((const char __user *)(uintptr_t)req.cache_dir, &r);
		if (!cache)
			goto out;
	}
	if (req.progress_fd >= 0) {
		progress = fget(req.progress_fd);
		r = -EBADF;
		if (!progress || !(progress->f_mode & FMODE_WRITE))
			goto out;
	}
	out_len = req.out_len < OCI_OUT_MAX ? req.out_len : OCI_OUT_MAX;
	out = kmalloc(out_len + 1, GFP_KERNEL);
	r = -ENOMEM;
	if (!out)
		goto out;
	r = oci_image_load(image, cache, progress, out, &out_len, err, sizeof(err));
	if (!r && copy_to_user((void __user *)(uintptr_t)req.out, out, out_len))
		r = -EFAULT;
	if (!r || r == -ENOBUFS) {
		req.out_len = out_len;
		if (copy_to_user(&ureq->out_len, &req.out_len, sizeof(req.out_len)))
			r = -EFAULT;
	}
	if (r && req.err && req.err_len) {
		size_t n = strlen(err) + 1;

		if (n > req.err_len)
			n = req.err_len;
		err[n - 1] = 0;
		if (copy_to_user((void __user *)(uintptr_t)req.err, err, n))
			r = -EFAULT;
	}
out:
	if (progress)
		fput(progress);
	kfree(out);
	kfree(cache);
	kfree(image);
	return r;
}

/* ---- containers (1001-1006) ---- */

#define CTR_ERR_MAX 512
#define CTR_MAX_STRV 4096

/* Copy a request whose first fields are version and flags; EFAULT, or
 * EINVAL for another version or flags outside known. */
static long ctr_copy_req(void *req, const void __user *u, size_t size, u32 known)
{
	const u32 *head = req;

	if (!capable_root())
		return -EPERM;
	if (copy_from_user(req, u, size))
		return -EFAULT;
	if (head[0] != CTR_VERSION || (head[1] & ~known))
		return -EINVAL;
	return 0;
}

static char *ctr_getname(u64 uptr, long *r)
{
	return getname_flags((const char __user *)(uintptr_t)uptr, true, r);
}

/* The requests that name a container have its id right after version and
 * flags: copy the request, then the id (NULL with *r the error). */
_Static_assert(offsetof(struct ctr_run, id) == 8 && offsetof(struct ctr_wait, id) == 8 &&
	       offsetof(struct ctr_kill, id) == 8 && offsetof(struct ctr_destroy, id) == 8,
	       "id follows version and flags");
static char *ctr_req_id(void *req, const void __user *u, size_t size, u32 known, long *r)
{
	*r = ctr_copy_req(req, u, size, known);
	return *r ? NULL : ctr_getname(*(u64 *)((char *)req + 8), r);
}

static void strv_free(char **v)
{
	for (char **p = v; v && *p; p++)
		kfree(*p);
	kfree(v);
}

/* A NULL-terminated user array of strings (uptr 0: NULL). */
static long copy_strv(u64 uptr, char ***out)
{
	const u64 __user *u = (const u64 __user *)(uintptr_t)uptr;
	char **v;
	long r = 0;
	int n;

	*out = NULL;
	if (!uptr)
		return 0;
	v = kzalloc((CTR_MAX_STRV + 1) * sizeof(char *), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	for (n = 0;; n++) {
		u64 p;

		if (n == CTR_MAX_STRV) {
			r = -E2BIG;
			break;
		}
		if (copy_from_user(&p, u + n, sizeof(p))) {
			r = -EFAULT;
			break;
		}
		if (!p)
			break;
		v[n] = ctr_getname(p, &r);
		if (!v[n])
			break;
	}
	if (r) {
		strv_free(v);
		return r;
	}
	*out = v;
	return 0;
}

/* The one-line message to the caller's buffer (cut to fit). */
static long ctr_put_err(long r, u64 uerr, u64 ulen, char *err)
{
	size_t n = strlen(err) + 1;

	if (!r || !uerr || !ulen || !err[0])
		return r;
	if (n > ulen)
		n = ulen;
	err[n - 1] = 0;
	if (copy_to_user((void __user *)(uintptr_t)uerr, err, n))
		return -EFAULT;
	return r;
}

long sys_ctr_create(struct ctr_create __user *ureq)
{
	struct ctr_create req;
	struct ctr_create_k a = { 0 };
	char err[CTR_ERR_MAX] = "";
	char *image = NULL, *hostname = NULL;
	long r = ctr_copy_req(&req, ureq, sizeof(req), 0);

	if (r)
		return r;
	if (req.nr_volumes > CTR_MAX_VOLUMES)
		return -EINVAL;
	image = ctr_getname(req.image, &r);
	if (!image)
		return r;
	if (req.hostname) {
		hostname = ctr_getname(req.hostname, &r);
		if (!hostname)
			goto out;
	}
	a.volumes = kzalloc((req.nr_volumes + 1) * sizeof(*a.volumes), GFP_KERNEL);
	r = -ENOMEM;
	if (!a.volumes)
		goto out;
	for (u32 i = 0; i < req.nr_volumes; i++) {
		struct ctr_volume v;

		r = -EFAULT;
		if (copy_from_user(&v, (const struct ctr_volume __user *)(uintptr_t)req.volumes + i,
				   sizeof(v)))
			goto out;
		r = -EINVAL;
		if (v.flags & ~CTR_VOL_RO)
			goto out;
		a.volumes[i].ro = v.flags & CTR_VOL_RO;
		a.nr_volumes = i + 1;
		if (!(a.volumes[i].host = ctr_getname(v.host, &r)) ||
		    !(a.volumes[i].path = ctr_getname(v.path, &r)))
			goto out;
		r = -EINVAL;
		if (a.volumes[i].path[0] != '/' || !a.volumes[i].host[0])
			goto out;
	}
	if (req.progress_fd >= 0) {
		a.progress = fget(req.progress_fd);
		r = -EBADF;
		if (!a.progress || !(a.progress->f_mode & FMODE_WRITE))
			goto out;
	}
	a.image = image;
	a.hostname = hostname;
	a.err = err;
	a.err_len = sizeof(err);
	r = ctr_create(&a);
	req.layers = a.layers;
	req.cached = a.cached;
	req.unpacked = a.unpacked;
	if (copy_to_user(&ureq->layers, &req.layers, 3 * sizeof(u32)))
		r = r ? r : -EFAULT;    /* XXX the container exists: destroy it? */
	else if (!r && copy_to_user((void __user *)(uintptr_t)req.id_out, a.id, sizeof(a.id))) {
		ctr_destroy(a.id, CTR_FORCE);
		r = -EFAULT;
	}
	r = ctr_put_err(r, req.err, req.err_len, err);
out:
	if (a.progress)
		fput(a.progress);
	for (int i = 0; a.volumes && i < a.nr_volumes; i++) {
		kfree(a.volumes[i].host);
		kfree(a.volumes[i].path);
	}
	kfree(a.volumes);
	kfree(hostname);
	kfree(image);
	return r;
}

long sys_ctr_run(struct ctr_run __user *ureq)
{
	struct ctr_run req;
	struct ctr_run_k a = { 0 };
	char err[CTR_ERR_MAX] = "", *id, *cwd = NULL, *user = NULL, *ep = NULL;
	long r;

	if (!(id = ctr_req_id(&req, ureq, sizeof(req), CTR_RUN_IMAGE | CTR_RUN_ENTRYPOINT, &r)))
		return r;
	r = -EINVAL;
	if ((req.flags & CTR_RUN_ENTRYPOINT) && !(req.flags & CTR_RUN_IMAGE))
		goto out;
	if ((r = copy_strv(req.argv, &a.argv)) || (r = copy_strv(req.env, &a.env)))
		goto out;
	if ((req.cwd && !(cwd = ctr_getname(req.cwd, &r))) ||
	    (req.user && !(user = ctr_getname(req.user, &r))) ||
	    ((req.flags & CTR_RUN_ENTRYPOINT) && !(ep = ctr_getname(req.entrypoint, &r))))
		goto out;
	a.id = id;
	a.flags = req.flags;
	a.cwd = cwd;
	a.user = user;
	a.entrypoint = ep;
	a.err = err;
	a.err_len = sizeof(err);
	r = ctr_run(&a);
	r = ctr_put_err(r < 0 ? r : 0, req.err, req.err_len, err) ?: r;
out:
	strv_free(a.argv);
	strv_free(a.env);
	kfree(ep);
	kfree(user);
	kfree(cwd);
	kfree(id);
	return r;
}

long sys_ctr_wait(struct ctr_wait __user *ureq)
{
	struct ctr_wait req;
	int status = 0;
	long r;
	char *id = ctr_req_id(&req, ureq, sizeof(req), CTR_WNOHANG, &r);

	if (!id)
		return r;
	r = ctr_wait(id, req.flags, &status);
	if (r > 0 && copy_to_user(&ureq->status, &status, sizeof(status)))
		r = -EFAULT;
	kfree(id);
	return r;
}

long sys_ctr_kill(struct ctr_kill __user *ureq)
{
	struct ctr_kill req;
	long r;
	char *id = ctr_req_id(&req, ureq, sizeof(req), 0, &r);

	if (!id)
		return r;
	r = ctr_kill(id, req.sig);
	kfree(id);
	return r;
}

long sys_ctr_destroy(struct ctr_destroy __user *ureq)
{
	struct ctr_destroy req;
	long r;
	char *id = ctr_req_id(&req, ureq, sizeof(req), CTR_FORCE, &r);

	if (!id)
		return r;
	r = ctr_destroy(id, req.flags);
	kfree(id);
	return r;
}

long sys_ctr_list(struct ctr_list __user *ureq)
{
	struct ctr_list req;
	size_t len, need;
	char *buf;
	long r = ctr_copy_req(&req, ureq, sizeof(req), 0);

	if (r)
		return r;
	len = req.len < OCI_OUT_MAX ? req.len : OCI_OUT_MAX;
	buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	r = ctr_list_ids(buf, len, &need);
	if (r >= 0 && copy_to_user((void __user *)(uintptr_t)req.buf, buf, need))
		r = -EFAULT;
	if (r >= 0 || r == -ENOBUFS) {
		req.len = need;
		req.count = r >= 0 ? (u32)r : 0;
		if (copy_to_user(&ureq->len, &req.len, sizeof(req.len) + sizeof(req.count)))
			r = -EFAULT;
	}
	kfree(buf);
	return r < 0 ? r : 0;
}
