/*
 * ext4 on the image store, written and synced step by step: an xattr in
 * the inode, an opaque marker on a directory, a whiteout and a hardlink,
 * unlinks, each followed by a journal commit (the in-inode xattr path once
 * put its inode-table buffer twice, which a commit then found). Run by
 * scripts/test.sh's oci stage before the unpacker test, with the store
 * attached: it leaves /images mounted read-write.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/xattr.h>
#include <linuxabi/uapi/fcntl.h>

KTEST_FLAGS(ext4_xattr_sync, KTEST_MANUAL)
{
	struct path p;
	struct file *f;
	int r;

	vfs_mkdirat(LINUX_AT_FDCWD, "/images", 0755);
	KT_ASSERT(!vfs_mount("/dev/vda", "/images", "ext4", 0, NULL));
	vfs_mkdirat(LINUX_AT_FDCWD, "/images/t", 0755);
	f = vfs_open(LINUX_AT_FDCWD, "/images/t/f", LINUX_O_WRONLY | LINUX_O_CREAT, 0644, 0);
	KT_ASSERT(!IS_ERR(f));
	fput(f);
	KT_ASSERT(!kern_path("/images/t/f", 0, &p));
	vfs_sync_all(true);
	r = vfs_setxattr(p.dentry, "user.test", "hello", 5, 0);
	KT_ASSERT_EQ(r, 0);
	path_put(&p);
	vfs_sync_all(true);
	KT_ASSERT(!kern_path("/images/t", 0, &p));
	r = vfs_setxattr(p.dentry, "trusted.overlay.opaque", "y", 1, 0);
	KT_ASSERT_EQ(r, 0);
	path_put(&p);
	vfs_sync_all(true);
	KT_ASSERT(!vfs_mknodat(LINUX_AT_FDCWD, "/images/t/wh", S_IFCHR, 0));
	KT_ASSERT(!vfs_linkat(LINUX_AT_FDCWD, "/images/t/f", LINUX_AT_FDCWD, "/images/t/hl", 0));
	vfs_sync_all(true);
	KT_ASSERT(!vfs_unlinkat(LINUX_AT_FDCWD, "/images/t/hl"));
	KT_ASSERT(!vfs_unlinkat(LINUX_AT_FDCWD, "/images/t/f"));
	vfs_sync_all(true);
	KT_ASSERT(!vfs_unlinkat(LINUX_AT_FDCWD, "/images/t/wh"));
	KT_ASSERT(!vfs_rmdirat(LINUX_AT_FDCWD, "/images/t"));
	vfs_sync_all(true);
}
