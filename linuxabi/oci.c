/*
 * The container system calls (linuxabi/uapi/container.h): check and copy
 * the request, call oci/, copy the results out.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/uaccess.h>
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
