/*
 * Extended attributes and memfd through the kernel-level calls, as
 * overlayfs and ext4 see them: vfs_*xattr on tmpfs (set, replace, list,
 * remove, the namespace rules), the kernel's unchecked __vfs_*xattr from
 * an unprivileged task (trusted.* hidden from vfs_* but not from __vfs_*),
 * the xattr list freed with the inode, and a memfd's d_path.
 */
#include <kernel/memfd.h>
#include <kernel/xattr.h>

#include "vfs_test.h"

struct xattr_user_result {
	struct dentry *d;
	int line;
	long got;
};

#define XCHECK(expr, expect)                                      \
	do {                                                      \
		long __g = (long)(expr);                          \
		if (__g != (long)(expect) && !r->line) {          \
			r->line = __LINE__;                       \
			r->got = __g;                             \
		}                                                 \
	} while (0)

static int xattr_as_user(void *arg)
{
	struct xattr_user_result *r = arg;
	struct cred *c = prepare_creds();
	char buf[64];

	if (!c) {
		r->line = -1;
		return 0;
	}
	c->uid = c->euid = c->suid = c->fsuid = 1000;
	c->cap_effective = c->cap_permitted = 0;   /* an unprivileged user, as after setuid */
	c->gid = c->egid = c->sgid = c->fsgid = 1000;
	commit_creds(c);
	XCHECK(vfs_getxattr(r->d, "trusted.overlay.opaque", buf, sizeof(buf)), -ENODATA);
	XCHECK(vfs_setxattr(r->d, "trusted.x", "1", 1, 0), -EPERM);
	XCHECK(vfs_listxattr(r->d, buf, sizeof(buf)), 7);        /* "user.a" only */
	XCHECK(__vfs_getxattr(r->d, "trusted.overlay.opaque", buf, sizeof(buf)), 1);
	XCHECK(__vfs_listxattr(r->d, NULL, 0), 7 + 23);
	XCHECK(__vfs_setxattr(r->d, "trusted.overlay.redirect", "/x", 2, 0), 0);
	XCHECK(__vfs_removexattr(r->d, "trusted.overlay.redirect"), 0);
	XCHECK(vfs_setxattr(r->d, "user.b", "1", 1, 0), -EACCES);   /* 0755 root dir */
	{
		const struct cred *mine = current->cred;

		current->cred = NULL;
		put_cred(mine);
	}
	return 0;
}

KTEST(vfs_xattr)
{
	struct xattr_user_result res = { 0 };
	struct path p, l;
	char buf[64];
	struct task *t;

	vfs_test_setup();
	vt_rm_rf("/tmp/xa");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/xa", 0755), 0);
	KT_ASSERT_EQ(vt_write("/tmp/xa/f", "", 0), 0);
	KT_ASSERT_EQ(vfs_symlinkat("f", LINUX_AT_FDCWD, "/tmp/xa/l"), 0);
	KT_ASSERT_EQ(kern_path("/tmp/xa", LOOKUP_FOLLOW, &p), 0);
	KT_ASSERT_EQ(kern_path("/tmp/xa/l", 0, &l), 0);

	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "user.a", "va", 2, 0), 0);
	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "trusted.overlay.opaque", "y", 1, XATTR_CREATE), 0);
	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "trusted.overlay.opaque", "y", 1, XATTR_CREATE),
		     -EEXIST);
	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "user.none", "y", 1, XATTR_REPLACE), -ENODATA);
	KT_ASSERT_EQ(vfs_getxattr(p.dentry, "user.a", NULL, 0), 2);
	KT_ASSERT_EQ(vfs_getxattr(p.dentry, "user.a", buf, 1), -ERANGE);
	KT_ASSERT_EQ(vfs_getxattr(p.dentry, "user.a", buf, sizeof(buf)), 2);
	KT_ASSERT(!memcmp(buf, "va", 2));
	KT_ASSERT_EQ(vfs_listxattr(p.dentry, NULL, 0), 7 + 23);
	KT_ASSERT_EQ(vfs_listxattr(p.dentry, buf, 10), -ERANGE);
	KT_ASSERT_EQ(vfs_getxattr(p.dentry, "other.a", buf, sizeof(buf)), -EOPNOTSUPP);
	KT_ASSERT_EQ(vfs_getxattr(p.dentry, "system.posix_acl_access", buf, sizeof(buf)),
		     -EOPNOTSUPP);
	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "user.", "1", 1, 0), -EINVAL);
	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "", "1", 1, 0), -ERANGE);
	KT_ASSERT_EQ(vfs_setxattr(p.dentry, "user.a", "1", XATTR_SIZE_MAX + 1, 0), -E2BIG);
	/* user.* not on a symlink itself; trusted.* is (overlayfs redirects). */
	KT_ASSERT_EQ(vfs_setxattr(l.dentry, "user.a", "1", 1, 0), -EPERM);
	KT_ASSERT_EQ(vfs_getxattr(l.dentry, "user.a", buf, sizeof(buf)), -ENODATA);
	KT_ASSERT_EQ(vfs_setxattr(l.dentry, "trusted.t", "1", 1, 0), 0);
	KT_ASSERT_EQ(vfs_removexattr(l.dentry, "trusted.t"), 0);
	KT_ASSERT_EQ(vfs_removexattr(l.dentry, "trusted.t"), -ENODATA);

	res.d = p.dentry;
	t = kthread_run(xattr_as_user, &res, "vfs-xattr-user");
	KT_ASSERT(!IS_ERR_OR_NULL(t));
	kthread_join(t);
	KT_ASSERT_MSG(res.line == 0, "line %d: got %ld", res.line, res.got);

	KT_ASSERT_EQ(vfs_removexattr(p.dentry, "user.a"), 0);
	KT_ASSERT_EQ(vfs_listxattr(p.dentry, NULL, 0), 23);
	path_put(&l);
	path_put(&p);
	/* The list goes with the inode (a leak would show in kmemleak-less
	 * runs only as memory: this at least runs the eviction path). */
	vt_rm_rf("/tmp/xa");
	KT_ASSERT(!vt_exists("/tmp/xa"));
}

KTEST(vfs_memfd)
{
	struct file *f;
	char buf[128], *s;
	u64 pos = 0;

	vfs_test_setup();
	f = memfd_create_file("ktest", 0);
	KT_ASSERT(!IS_ERR(f));
	s = d_path(f->f_path.mnt, f->f_path.dentry, buf, sizeof(buf));
	KT_ASSERT(!IS_ERR(s));
	KT_ASSERT_MSG(!strcmp(s, "/memfd:ktest (deleted)"), "d_path '%s'", s);
	KT_ASSERT_EQ(kernel_write(f, "abc", 3, &pos), 3);
	KT_ASSERT_EQ(file_size(f), 3);
	KT_ASSERT_EQ(memfd_fcntl(f, LINUX_F_GET_SEALS, 0), 1);   /* F_SEAL_SEAL */
	fput(f);
}
