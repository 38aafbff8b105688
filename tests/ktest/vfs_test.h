/*
 * Helpers for the VFS in-kernel tests (tests/ktest/vfs_*.c): bring the VFS
 * up if the boot has not yet (ktests run before userspace starts), give
 * the test task an fd table, and read/write whole small files.
 */
#ifndef TESTS_KTEST_VFS_TEST_H
#define TESTS_KTEST_VFS_TEST_H

#include <kernel/fs.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <stdio.h>
#include <string.h>

#include "kernel/fs/internal.h"

static inline void vfs_test_setup(void)
{
	vfs_init();
	vfs_mkdirat(LINUX_AT_FDCWD, "/tmp", 01777);
	if (!current->files)
		current->files = files_create();
}

static inline int vt_write(const char *path, const char *data, int flags)
{
	struct file *f = filp_open(path, LINUX_O_WRONLY | LINUX_O_CREAT | flags, 0644);
	u64 pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, data, strlen(data), (flags & LINUX_O_APPEND) ? NULL : &pos);
	fput(f);
	return n < 0 ? (int)n : 0;
}

/* Reads up to n-1 bytes and terminates; returns the length or -errno. */
static inline ssize_t vt_read(const char *path, char *buf, size_t n)
{
	struct file *f = filp_open(path, LINUX_O_RDONLY, 0);
	u64 pos = 0;
	ssize_t r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = kernel_read(f, buf, n - 1, &pos);
	fput(f);
	if (r >= 0)
		buf[r] = 0;
	return r;
}

static inline int vt_stat(const char *path, struct kstat *st, bool follow)
{
	return vfs_statat(LINUX_AT_FDCWD, path, follow ? 0 : LINUX_AT_SYMLINK_NOFOLLOW, st);
}

static inline bool vt_exists(const char *path)
{
	struct kstat st;

	return vt_stat(path, &st, false) == 0;
}

/* rm -r for test cleanup (tmpfs, small trees). */
struct vt_rm_ctx {
	struct dir_context ctx;
	char names[64][64];
	int n;
};

static inline bool vt_rm_actor(struct dir_context *c, const char *name, int len, s64 pos,
			       u64 ino, unsigned type)
{
	struct vt_rm_ctx *r = container_of(c, struct vt_rm_ctx, ctx);

	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (r->n >= 64 || len >= 64)
		return false;
	memcpy(r->names[r->n], name, len);
	r->names[r->n][len] = 0;
	r->n++;
	return true;
}

static inline void vt_rm_rf(const char *path)
{
	struct kstat st;
	struct file *f;
	char *sub;

	if (vt_stat(path, &st, false))
		return;
	if (!S_ISDIR(st.mode)) {
		vfs_unlinkat(LINUX_AT_FDCWD, path);
		return;
	}
	sub = kmalloc(PATH_MAX, GFP_KERNEL);
	for (int round = 0; round < 100 && sub; round++) {
		struct vt_rm_ctx *r = kzalloc(sizeof(*r), GFP_KERNEL);

		if (!r)
			break;
		r->ctx.actor = vt_rm_actor;
		f = filp_open(path, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
		if (IS_ERR(f)) {
			kfree(r);
			break;
		}
		vfs_iterate_dir(f, &r->ctx);
		fput(f);
		if (!r->n) {
			kfree(r);
			break;
		}
		for (int i = 0; i < r->n; i++) {
			snprintf(sub, PATH_MAX, "%s/%s", path, r->names[i]);
			vt_rm_rf(sub);
		}
		kfree(r);
	}
	kfree(sub);
	vfs_rmdirat(LINUX_AT_FDCWD, path);
}

#endif
