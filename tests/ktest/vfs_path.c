/*
 * Path walk tests: "." and "..", ".." at the root and across mounts,
 * symlinks (relative, absolute, chains up to 40, loops -> ELOOP, dangling),
 * trailing slashes, ENOTDIR in the middle, ENAMETOOLONG, mountpoints,
 * getcwd.
 */
#include "vfs_test.h"

static bool same_inode(const char *a, const char *b)
{
	struct kstat sa, sb;

	if (vt_stat(a, &sa, true) || vt_stat(b, &sb, true))
		return false;
	return sa.ino == sb.ino && sa.dev == sb.dev;
}

KTEST(vfs_path_basic)
{
	struct kstat st;

	vfs_test_setup();
	vt_rm_rf("/tmp/p");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/p", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/p/a", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/p/a/b", 0755), 0);
	KT_ASSERT_EQ(vt_write("/tmp/p/a/b/f", "hello", 0), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/p", 0755), -EEXIST);

	KT_ASSERT(same_inode("/tmp/p/a/b/..", "/tmp/p/a"));
	KT_ASSERT(same_inode("/tmp/p/a/./b/../b/.", "/tmp/p/a/b"));
	KT_ASSERT(same_inode("/..", "/"));
	KT_ASSERT(same_inode("/../../tmp", "/tmp"));
	KT_ASSERT(same_inode("//tmp///p//a", "/tmp/p/a"));

	/* A regular file in the middle, and trailing slashes on a file. */
	KT_ASSERT_EQ(vt_stat("/tmp/p/a/b/f/x", &st, true), -ENOTDIR);
	KT_ASSERT_EQ(vt_stat("/tmp/p/a/b/f/", &st, true), -ENOTDIR);
	KT_ASSERT_EQ(vt_stat("/tmp/p/a/b/f/.", &st, true), -ENOTDIR);
	KT_ASSERT_EQ(vt_stat("/tmp/p/a/b/", &st, true), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/p/nope/x", &st, true), -ENOENT);
	KT_ASSERT_EQ(vt_stat("", &st, true), -ENOENT);

	/* Names: 255 is fine (ENOENT), 256 is ENAMETOOLONG. */
	{
		char *name = kmalloc(PATH_MAX + 16, GFP_KERNEL);

		KT_ASSERT(name);
		strcpy(name, "/tmp/p/");
		memset(name + 7, 'x', 255);
		name[7 + 255] = 0;
		KT_ASSERT_EQ(vt_stat(name, &st, true), -ENOENT);
		KT_ASSERT_EQ(vt_write(name, "y", 0), 0);
		KT_ASSERT_EQ(vt_stat(name, &st, true), 0);
		KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, name), 0);
		name[7 + 255] = 'x';
		name[7 + 256] = 0;
		KT_ASSERT_EQ(vt_stat(name, &st, true), -ENAMETOOLONG);
		KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, name, 0755), -ENAMETOOLONG);
		kfree(name);
	}
	vt_rm_rf("/tmp/p");
	KT_ASSERT(!vt_exists("/tmp/p"));
}

KTEST(vfs_path_symlinks)
{
	struct kstat st;
	char buf[64];
	struct file *f;

	vfs_test_setup();
	vt_rm_rf("/tmp/s");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/s", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/s/d", 0755), 0);
	KT_ASSERT_EQ(vt_write("/tmp/s/d/file", "data", 0), 0);
	KT_ASSERT_EQ(vfs_symlinkat("d", LINUX_AT_FDCWD, "/tmp/s/rel"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("/tmp/s/d/file", LINUX_AT_FDCWD, "/tmp/s/abs"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("../s/d/../d", LINUX_AT_FDCWD, "/tmp/s/dotdot"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("missing", LINUX_AT_FDCWD, "/tmp/s/dangling"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("loop2", LINUX_AT_FDCWD, "/tmp/s/loop1"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("loop1", LINUX_AT_FDCWD, "/tmp/s/loop2"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("self/x", LINUX_AT_FDCWD, "/tmp/s/self"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("x", LINUX_AT_FDCWD, "/tmp/s/exists"), 0);
	KT_ASSERT_EQ(vfs_symlinkat("y", LINUX_AT_FDCWD, "/tmp/s/exists"), -EEXIST);
	KT_ASSERT_EQ(vfs_symlinkat("", LINUX_AT_FDCWD, "/tmp/s/empty"), -ENOENT);

	KT_ASSERT(same_inode("/tmp/s/rel/file", "/tmp/s/d/file"));
	KT_ASSERT(same_inode("/tmp/s/abs", "/tmp/s/d/file"));
	KT_ASSERT(same_inode("/tmp/s/dotdot", "/tmp/s/d"));
	KT_ASSERT(same_inode("/tmp/s/dotdot/file", "/tmp/s/d/file"));
	KT_ASSERT_EQ(vt_read("/tmp/s/abs", buf, sizeof(buf)), 4);
	KT_ASSERT(!strcmp(buf, "data"));

	KT_ASSERT_EQ(vt_stat("/tmp/s/dangling", &st, true), -ENOENT);
	KT_ASSERT_EQ(vt_stat("/tmp/s/dangling", &st, false), 0);
	KT_ASSERT(S_ISLNK(st.mode));
	KT_ASSERT_EQ(st.size, 7);
	KT_ASSERT_EQ(vt_stat("/tmp/s/loop1", &st, true), -ELOOP);
	KT_ASSERT_EQ(vt_stat("/tmp/s/loop1/x", &st, true), -ELOOP);
	KT_ASSERT_EQ(vt_stat("/tmp/s/loop1", &st, false), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/s/self", &st, true), -ELOOP);
	/* A trailing slash follows the link even for lstat. */
	KT_ASSERT_EQ(vt_stat("/tmp/s/rel/", &st, false), 0);
	KT_ASSERT(S_ISDIR(st.mode));

	KT_ASSERT_EQ(vfs_readlinkat(LINUX_AT_FDCWD, "/tmp/s/rel", buf, sizeof(buf)), 1);
	KT_ASSERT_EQ(buf[0], 'd');
	KT_ASSERT_EQ(vfs_readlinkat(LINUX_AT_FDCWD, "/tmp/s/d", buf, sizeof(buf)), -EINVAL);

	/* O_NOFOLLOW: ELOOP on a link; O_PATH|O_NOFOLLOW opens the link itself. */
	f = filp_open("/tmp/s/abs", LINUX_O_RDONLY | LINUX_O_NOFOLLOW, 0);
	KT_ASSERT_EQ(PTR_ERR(f), -ELOOP);
	f = filp_open("/tmp/s/abs", LINUX_O_PATH | LINUX_O_NOFOLLOW, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT(S_ISLNK(f->f_inode->i_mode));
	fput(f);
	/* O_CREAT through a dangling link creates the target. */
	f = filp_open("/tmp/s/dangling", LINUX_O_WRONLY | LINUX_O_CREAT, 0600);
	KT_ASSERT(!IS_ERR(f));
	fput(f);
	KT_ASSERT(vt_exists("/tmp/s/missing"));
	f = filp_open("/tmp/s/dangling", LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL, 0600);
	KT_ASSERT_EQ(PTR_ERR(f), -EEXIST);

	/* Exactly 40 links in a chain resolve; 41 are ELOOP. */
	{
		char name[32], target[32];

		KT_ASSERT_EQ(vfs_symlinkat("d", LINUX_AT_FDCWD, "/tmp/s/c0"), 0);
		for (int i = 1; i <= 40; i++) {
			snprintf(name, sizeof(name), "/tmp/s/c%d", i);
			snprintf(target, sizeof(target), "c%d", i - 1);
			KT_ASSERT_EQ(vfs_symlinkat(target, LINUX_AT_FDCWD, name), 0);
		}
		KT_ASSERT_EQ(vt_stat("/tmp/s/c39", &st, true), 0);   /* 40 links */
		KT_ASSERT(S_ISDIR(st.mode));
		KT_ASSERT_EQ(vt_stat("/tmp/s/c40", &st, true), -ELOOP);   /* 41 */
		KT_ASSERT_EQ(vt_stat("/tmp/s/c38/file", &st, true), 0);   /* 39 + middle */
	}
	vt_rm_rf("/tmp/s");
}

KTEST(vfs_path_mounts)
{
	struct kstat st, root_st;
	char buf[128];
	int r;

	vfs_test_setup();
	vt_rm_rf("/tmp/m");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/m", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/m/mnt", 0755), 0);
	KT_ASSERT_EQ(vt_write("/tmp/m/mnt/under", "hidden", 0), 0);
	KT_ASSERT_EQ(vfs_mount("none", "/tmp/m/mnt", "tmpfs", 0, (void *)"mode=0700"), 0);
	KT_ASSERT_EQ(vt_stat("/tmp/m/mnt/under", &st, true), -ENOENT);
	KT_ASSERT_EQ(vt_stat("/tmp/m/mnt", &st, true), 0);
	KT_ASSERT_EQ(st.mode & 07777, 0700);
	KT_ASSERT_EQ(vt_write("/tmp/m/mnt/over", "x", 0), 0);
	KT_ASSERT(same_inode("/tmp/m/mnt/..", "/tmp/m"));
	KT_ASSERT(same_inode("/tmp/m/mnt/../mnt/over", "/tmp/m/mnt/over"));
	KT_ASSERT_EQ(vt_stat("/tmp/m", &root_st, true), 0);
	KT_ASSERT(st.dev != root_st.dev);
	/* A mountpoint cannot be removed or renamed; a busy mount stays. */
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/m/mnt"), -EBUSY);
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/m/mnt", LINUX_AT_FDCWD, "/tmp/m/x", 0),
		     -EBUSY);
	/* cwd inside the mount: getcwd and ".." */
	KT_ASSERT_EQ(vfs_chdir("/tmp/m/mnt"), 0);
	r = vfs_getcwd(buf, sizeof(buf));
	KT_ASSERT_EQ(r, (int)strlen("/tmp/m/mnt") + 1);
	KT_ASSERT(!strcmp(buf, "/tmp/m/mnt"));
	KT_ASSERT(same_inode("..", "/tmp/m"));
	KT_ASSERT(same_inode("over", "/tmp/m/mnt/over"));
	KT_ASSERT_EQ(vfs_umount("/tmp/m/mnt", 0), -EBUSY);   /* our cwd is in it */
	KT_ASSERT_EQ(vfs_chdir("/"), 0);
	KT_ASSERT_EQ(vfs_umount("/tmp/m/mnt", 0), 0);
	KT_ASSERT_EQ(vt_read("/tmp/m/mnt/under", buf, sizeof(buf)), 6);
	KT_ASSERT_EQ(vfs_umount("/tmp/m/mnt", 0), -EINVAL);   /* not a mount now */
	/* getcwd of a removed directory is ENOENT */
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/m/gone", 0755), 0);
	KT_ASSERT_EQ(vfs_chdir("/tmp/m/gone"), 0);
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/m/gone"), 0);
	KT_ASSERT_EQ(vfs_getcwd(buf, sizeof(buf)), -ENOENT);
	KT_ASSERT_EQ(vt_write("newfile", "x", 0), -ENOENT);   /* no entries in a dead dir */
	KT_ASSERT_EQ(vfs_chdir("/"), 0);
	vt_rm_rf("/tmp/m");
}

KTEST(vfs_path_dev)
{
	struct kstat st;
	struct file *f;
	char buf[64];
	u64 pos = 0;
	bool nonzero = false;

	vfs_test_setup();
	KT_ASSERT_EQ(vt_stat("/dev/null", &st, true), 0);
	KT_ASSERT(S_ISCHR(st.mode));
	KT_ASSERT_EQ(MAJOR(st.rdev), 1);
	KT_ASSERT_EQ(MINOR(st.rdev), 3);
	KT_ASSERT_EQ(st.mode & 0777, 0666);
	f = filp_open("/dev/null", LINUX_O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(kernel_write(f, "abc", 3, &pos), 3);
	KT_ASSERT_EQ(kernel_read(f, buf, sizeof(buf), &pos), 0);
	fput(f);
	f = filp_open("/dev/zero", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	memset(buf, 1, sizeof(buf));
	KT_ASSERT_EQ(kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		KT_ASSERT_EQ(buf[i], 0);
	fput(f);
	f = filp_open("/dev/full", LINUX_O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(kernel_write(f, "abc", 3, &pos), -ENOSPC);
	fput(f);
	f = filp_open("/dev/urandom", LINUX_O_RDONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	memset(buf, 0, sizeof(buf));
	KT_ASSERT_EQ(kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		nonzero |= buf[i] != 0;
	KT_ASSERT(nonzero);
	fput(f);
	/* A node for an unregistered device opens with ENXIO. */
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/nodev");
	KT_ASSERT_EQ(vfs_mknodat(LINUX_AT_FDCWD, "/tmp/nodev", S_IFCHR | 0600, MKDEV(250, 1)), 0);
	f = filp_open("/tmp/nodev", LINUX_O_RDONLY, 0);
	KT_ASSERT_EQ(PTR_ERR(f), -ENXIO);
	/* mknod of /dev/null's numbers elsewhere reaches the same driver. */
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/null2");
	KT_ASSERT_EQ(vfs_mknodat(LINUX_AT_FDCWD, "/tmp/null2", S_IFCHR | 0666, MKDEV(1, 3)), 0);
	f = filp_open("/tmp/null2", LINUX_O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(kernel_write(f, "abc", 3, &pos), 3);
	fput(f);
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/nodev");
	vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/null2");
}
