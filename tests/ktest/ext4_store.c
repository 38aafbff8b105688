/*
 * ext4 against an image on /dev/vda (run by tests/e2e/ext4.sh with
 * `--store IMG --append ktest=ext4_xattr`; manual: it needs that image):
 * the xattrs the host put in with debugfs (an in-inode one and one too big
 * for the inode, so in the external block), list, set, replace, remove,
 * a value forcing a new xattr block, statfs, remount read-only refusing
 * writes, and a clean umount that the host then checks with e2fsck.
 */
#include "vfs_test.h"

#include <kernel/blkdev.h>

#define MNT "/mnt_ext4"

static struct dentry *lookup_dentry(const char *path, struct path *p)
{
	if (kern_path(path, LOOKUP_FOLLOW, p))
		return NULL;
	return p->dentry;
}

KTEST_FLAGS(ext4_xattr, KTEST_MANUAL)
{
	struct linux_statfs_k st;
	struct path p, m;
	struct dentry *d;
	const struct inode_operations *op;
	char buf[512];
	ssize_t n;
	char big[700];

	vfs_test_setup();
	vfs_mkdirat(LINUX_AT_FDCWD, MNT, 0755);
	KT_ASSERT_EQ(vfs_mount("/dev/vda", MNT, "ext4", 0, NULL), 0);

	d = lookup_dentry(MNT "/sizes/f1", &p);
	KT_ASSERT(d != NULL);
	op = d->d_inode->i_op;
	KT_ASSERT(op->getxattr != NULL);
	n = op->getxattr(d, "user.colour", buf, sizeof(buf));
	KT_ASSERT_EQ(n, 4);
	KT_ASSERT(!memcmp(buf, "blue", 4));
	KT_ASSERT_EQ(op->getxattr(d, "user.colour", NULL, 0), 4);
	KT_ASSERT_EQ(op->getxattr(d, "user.colour", buf, 2), -ERANGE);
	n = op->getxattr(d, "trusted.big", buf, sizeof(buf));
	KT_ASSERT_EQ(n, 300);
	KT_ASSERT(buf[0] == 'v' && buf[299] == 'v');
	KT_ASSERT_EQ(op->getxattr(d, "user.none", buf, sizeof(buf)), -ENODATA);
	n = op->listxattr(d, buf, sizeof(buf));
	KT_ASSERT_EQ(n, (ssize_t)(sizeof("user.colour") + sizeof("trusted.big")));

	/* set, create/replace flags, remove */
	KT_ASSERT_EQ(op->setxattr(d, "user.new", "value", 5, XATTR_CREATE), 0);
	KT_ASSERT_EQ(op->setxattr(d, "user.new", "value", 5, XATTR_CREATE), -EEXIST);
	KT_ASSERT_EQ(op->setxattr(d, "user.newer", "v", 1, XATTR_REPLACE), -ENODATA);
	KT_ASSERT_EQ(op->setxattr(d, "user.new", "changed!", 8, XATTR_REPLACE), 0);
	KT_ASSERT_EQ(op->getxattr(d, "user.new", buf, sizeof(buf)), 8);
	KT_ASSERT(!memcmp(buf, "changed!", 8));
	KT_ASSERT_EQ(op->removexattr(d, "user.colour"), 0);
	KT_ASSERT_EQ(op->getxattr(d, "user.colour", buf, sizeof(buf)), -ENODATA);
	KT_ASSERT_EQ(op->removexattr(d, "user.colour"), -ENODATA);
	KT_ASSERT_EQ(op->getxattr(d, "trusted.big", buf, sizeof(buf)), 300);
	path_put(&p);

	/* A file without xattrs gets a block for a big value. */
	d = lookup_dentry(MNT "/sizes/f512", &p);
	KT_ASSERT(d != NULL);
	memset(big, 'b', sizeof(big));
	KT_ASSERT_EQ(d->d_inode->i_op->setxattr(d, "user.big", big, sizeof(big), 0), 0);
	KT_ASSERT_EQ(d->d_inode->i_op->setxattr(d, "user.small", "s", 1, 0), 0);
	KT_ASSERT_EQ(d->d_inode->i_op->getxattr(d, "user.big", buf, sizeof(buf)), -ERANGE);
	KT_ASSERT_EQ(d->d_inode->i_op->getxattr(d, "user.big", NULL, 0), (ssize_t)sizeof(big));
	path_put(&p);

	/* statfs: the counters of a 96 MiB image */
	KT_ASSERT_EQ(kern_path(MNT, LOOKUP_FOLLOW, &m), 0);
	KT_ASSERT_EQ(vfs_statfs(&m, &st), 0);
	KT_ASSERT_EQ(st.f_type, 0xEF53);
	KT_ASSERT(st.f_blocks * st.f_bsize > 80ull << 20 && st.f_blocks * st.f_bsize <= 96ull << 20);
	KT_ASSERT(st.f_bfree > 0 && st.f_bfree < st.f_blocks);
	KT_ASSERT(st.f_ffree > 0 && st.f_ffree < st.f_files);
	KT_ASSERT_EQ(st.f_namelen, 255);
	path_put(&m);

	/* A new file, written and read back through the page cache. */
	KT_ASSERT_EQ(vt_write(MNT "/ktest_file", "written by ext4_xattr\n", LINUX_O_TRUNC), 0);
	KT_ASSERT_EQ(vt_read(MNT "/ktest_file", buf, sizeof(buf)), 22);
	KT_ASSERT(!strcmp(buf, "written by ext4_xattr\n"));

	KT_ASSERT_EQ(vfs_umount(MNT, 0), 0);
	/* Read-only: writes refused. */
	KT_ASSERT_EQ(vfs_mount("/dev/vda", MNT, "ext4", MNT_RDONLY, NULL), 0);
	KT_ASSERT(vt_write(MNT "/ro_file", "x", 0) < 0);
	KT_ASSERT_EQ(vt_read(MNT "/ktest_file", buf, sizeof(buf)), 22);
	KT_ASSERT_EQ(vfs_umount(MNT, 0), 0);
	/* Unknown fs type name and a missing device. */
	KT_ASSERT(vfs_mount("/dev/nonexistent", MNT, "ext4", 0, NULL) < 0);
}
