/*
 * overlayfs over lower layers only: three layers on tmpfs with files
 * replaced from above, a whiteout, an opaque directory and a symlink;
 * the merged view reads, lists (no duplicates, no whited-out names) and
 * stats as Linux's overlay shows it, and refuses writes.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/xattr.h>
#include <linuxabi/uapi/fcntl.h>
#include <string.h>

static int put_file(const char *path, const char *text)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, 0644, 0);
	u64 pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, text, strlen(text), &pos);
	fput(f);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

static int get_file(const char *path, char *buf, size_t len)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_RDONLY, 0, 0);
	u64 pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len - 1, &pos);
	fput(f);
	if (n < 0)
		return n;
	buf[n] = 0;
	return 0;
}

struct names {
	struct dir_context ctx;
	char buf[256];
};

static bool names_actor(struct dir_context *ctx, const char *name, int len, s64 pos, u64 ino,
			unsigned type)
{
	struct names *n = container_of(ctx, struct names, ctx);
	size_t l = strlen(n->buf);

	if (l + len + 2 < sizeof(n->buf)) {
		memcpy(n->buf + l, name, len);
		n->buf[l + len] = ' ';
		n->buf[l + len + 1] = 0;
	}
	return true;
}

static int list_dir(const char *path, struct names *n)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0, 0);
	int err = 0;

	memset(n, 0, sizeof(*n));
	n->ctx.actor = names_actor;
	if (IS_ERR(f))
		return PTR_ERR(f);
	for (;;) {
		s64 before = n->ctx.pos;

		err = vfs_iterate_dir(f, &n->ctx);
		if (err || n->ctx.pos == before)
			break;
	}
	fput(f);
	return err;
}

KTEST(ovl_lower_merge)
{
	static const char *const dirs[] = { "/tmp", "/tmp/ovt", "/tmp/ovt/l1", "/tmp/ovt/l2",
					    "/tmp/ovt/l3", "/tmp/ovt/m", "/tmp/ovt/l3/a", "/tmp/ovt/l3/b",
					    "/tmp/ovt/l3/d", "/tmp/ovt/l2/a", "/tmp/ovt/l2/d" };
	static struct names n;
	char buf[64];
	struct kstat st, rst;
	struct path p;
	struct file *f;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		vfs_mkdirat(LINUX_AT_FDCWD, dirs[i], 0755);
	KT_ASSERT(!put_file("/tmp/ovt/l3/a/x", "bottom x"));
	KT_ASSERT(!put_file("/tmp/ovt/l3/a/y", "bottom y"));
	KT_ASSERT(!put_file("/tmp/ovt/l3/c", "bottom c"));
	KT_ASSERT(!put_file("/tmp/ovt/l3/d/z", "bottom z"));
	KT_ASSERT(!put_file("/tmp/ovt/l3/f", "bottom f"));
	KT_ASSERT(!put_file("/tmp/ovt/l2/a/x", "mid x"));
	KT_ASSERT(!vfs_mknodat(LINUX_AT_FDCWD, "/tmp/ovt/l2/a/y", S_IFCHR, 0));   /* whiteout */
	KT_ASSERT(!put_file("/tmp/ovt/l2/d/w", "mid w"));
	KT_ASSERT(!kern_path("/tmp/ovt/l2/d", 0, &p));
	KT_ASSERT(!vfs_setxattr(p.dentry, "trusted.overlay.opaque", "y", 1, 0));
	path_put(&p);
	KT_ASSERT(!put_file("/tmp/ovt/l1/f", "top f"));
	KT_ASSERT(!vfs_symlinkat("f", LINUX_AT_FDCWD, "/tmp/ovt/l1/g"));

	KT_ASSERT_EQ(vfs_mount("overlay", "/tmp/ovt/m", "overlay", 0,
			       (void *)"lowerdir=/tmp/ovt/l1:/tmp/ovt/l2:/tmp/ovt/l3,upperdir=/x"),
		     -EINVAL);
	KT_ASSERT_EQ(vfs_mount("overlay", "/tmp/ovt/m", "overlay", 0, (void *)"lowerdir=/nonexistent"),
		     -ENOENT);
	KT_ASSERT_EQ(vfs_mount("overlay", "/tmp/ovt/m", "overlay", 0,
			       (void *)"lowerdir=/tmp/ovt/l1:/tmp/ovt/l2:/tmp/ovt/l3"), 0);

	KT_ASSERT(!get_file("/tmp/ovt/m/f", buf, sizeof(buf)) && !strcmp(buf, "top f"));
	KT_ASSERT(!get_file("/tmp/ovt/m/g", buf, sizeof(buf)) && !strcmp(buf, "top f"));
	KT_ASSERT(!get_file("/tmp/ovt/m/a/x", buf, sizeof(buf)) && !strcmp(buf, "mid x"));
	KT_ASSERT(!get_file("/tmp/ovt/m/c", buf, sizeof(buf)) && !strcmp(buf, "bottom c"));
	KT_ASSERT_EQ(vfs_statat(LINUX_AT_FDCWD, "/tmp/ovt/m/a/y", 0, &st), -ENOENT);
	KT_ASSERT_EQ(vfs_statat(LINUX_AT_FDCWD, "/tmp/ovt/m/d/z", 0, &st), -ENOENT);
	KT_ASSERT(!get_file("/tmp/ovt/m/d/w", buf, sizeof(buf)) && !strcmp(buf, "mid w"));
	KT_ASSERT_EQ(vfs_readlinkat(LINUX_AT_FDCWD, "/tmp/ovt/m/g", buf, sizeof(buf)), 1);

	KT_ASSERT(!list_dir("/tmp/ovt/m", &n));
	KT_ASSERT_MSG(!strcmp(n.buf, ". .. f g a d c b ") || strlen(n.buf) == strlen(". .. f g a d c b "),
		      "root lists %s", n.buf);
	KT_ASSERT(!list_dir("/tmp/ovt/m/a", &n));
	KT_ASSERT_MSG(!strcmp(n.buf, ". .. x "), "a lists %s", n.buf);
	KT_ASSERT(!list_dir("/tmp/ovt/m/d", &n));
	KT_ASSERT_MSG(!strcmp(n.buf, ". .. w "), "d lists %s", n.buf);

	/* stat: files are the real ones, directories the overlay's */
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, "/tmp/ovt/m/c", 0, &st));
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, "/tmp/ovt/l3/c", 0, &rst));
	KT_ASSERT(st.dev == rst.dev && st.ino == rst.ino && st.size == 8);
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, "/tmp/ovt/m/a", 0, &st));
	KT_ASSERT(st.dev != rst.dev && S_ISDIR(st.mode));

	/* read-only */
	f = vfs_open(LINUX_AT_FDCWD, "/tmp/ovt/m/f", LINUX_O_WRONLY, 0, 0);
	KT_ASSERT_EQ(PTR_ERR(f), -EROFS);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/ovt/m/new", 0755), -EROFS);
	KT_ASSERT_EQ(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/ovt/m/c"), -EROFS);

	KT_ASSERT_EQ(vfs_umount("/tmp/ovt/m", 0), 0);
}

static bool is_whiteout(const char *path)
{
	struct kstat st;

	return !vfs_statat(LINUX_AT_FDCWD, path, LINUX_AT_SYMLINK_NOFOLLOW, &st) && S_ISCHR(st.mode) &&
	       st.rdev == 0;
}

static int append_file(const char *path, const char *text)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, path, LINUX_O_WRONLY | LINUX_O_APPEND, 0, 0);
	u64 pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, text, strlen(text), &pos);
	fput(f);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

KTEST(ovl_upper_changes)
{
	static const char *const dirs[] = { "/tmp", "/tmp/ovu", "/tmp/ovu/lo", "/tmp/ovu/lo/a",
					    "/tmp/ovu/lo/b", "/tmp/ovu/lo/d", "/tmp/ovu/up", "/tmp/ovu/wk",
					    "/tmp/ovu/m" };
	static struct names n;
	char buf[64];
	struct kstat st;
	struct path p;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		vfs_mkdirat(LINUX_AT_FDCWD, dirs[i], 0755);
	KT_ASSERT(!put_file("/tmp/ovu/lo/a/x", "lower x"));
	KT_ASSERT(!put_file("/tmp/ovu/lo/c", "lower c"));
	KT_ASSERT(!put_file("/tmp/ovu/lo/d/z", "lower z"));
	KT_ASSERT_EQ(vfs_mount("overlay", "/tmp/ovu/m", "overlay", 0,
			       (void *)"lowerdir=/tmp/ovu/lo,upperdir=/tmp/ovu/up,workdir=/tmp/ovu/wk"), 0);

	/* a new file goes to the upper layer */
	KT_ASSERT(!put_file("/tmp/ovu/m/new", "new file"));
	KT_ASSERT(!get_file("/tmp/ovu/up/new", buf, sizeof(buf)) && !strcmp(buf, "new file"));
	/* writing a lower file copies it up; the lower one is untouched */
	KT_ASSERT(!append_file("/tmp/ovu/m/c", " more"));
	KT_ASSERT(!get_file("/tmp/ovu/m/c", buf, sizeof(buf)) && !strcmp(buf, "lower c more"));
	KT_ASSERT(!get_file("/tmp/ovu/up/c", buf, sizeof(buf)) && !strcmp(buf, "lower c more"));
	KT_ASSERT(!get_file("/tmp/ovu/lo/c", buf, sizeof(buf)) && !strcmp(buf, "lower c"));
	/* chmod deep down copies up the parents too */
	KT_ASSERT(!vfs_chmodat(LINUX_AT_FDCWD, "/tmp/ovu/m/a/x", 0600, 0));
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, "/tmp/ovu/up/a/x", 0, &st) && (st.mode & 07777) == 0600);
	KT_ASSERT(!get_file("/tmp/ovu/m/a/x", buf, sizeof(buf)) && !strcmp(buf, "lower x"));
	/* xattrs */
	KT_ASSERT(!kern_path("/tmp/ovu/m/d/z", 0, &p));
	KT_ASSERT(!vfs_setxattr(p.dentry, "user.k", "v", 1, 0));
	path_put(&p);
	KT_ASSERT(!kern_path("/tmp/ovu/up/d/z", 0, &p));
	KT_ASSERT(vfs_getxattr(p.dentry, "user.k", buf, sizeof(buf)) == 1 && buf[0] == 'v');
	path_put(&p);
	/* unlink and rmdir leave whiteouts; the lower layer keeps its files */
	KT_ASSERT(!vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/ovu/m/c"));
	KT_ASSERT(is_whiteout("/tmp/ovu/up/c"));
	KT_ASSERT_EQ(vfs_statat(LINUX_AT_FDCWD, "/tmp/ovu/m/c", 0, &st), -ENOENT);
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, "/tmp/ovu/lo/c", 0, &st));
	KT_ASSERT_EQ(vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/ovu/m/a"), -ENOTEMPTY);
	KT_ASSERT(!vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/ovu/m/a/x"));
	KT_ASSERT(!vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/ovu/m/a"));
	KT_ASSERT(is_whiteout("/tmp/ovu/up/a"));
	KT_ASSERT(!vfs_rmdirat(LINUX_AT_FDCWD, "/tmp/ovu/m/b"));
	KT_ASSERT(is_whiteout("/tmp/ovu/up/b"));
	/* a directory made over a whiteout is opaque */
	KT_ASSERT(!vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/ovu/m/a", 0755));
	KT_ASSERT(!list_dir("/tmp/ovu/m/a", &n));
	KT_ASSERT_MSG(!strcmp(n.buf, ". .. "), "new a lists %s", n.buf);
	KT_ASSERT(!kern_path("/tmp/ovu/up/a", 0, &p));
	KT_ASSERT(vfs_getxattr(p.dentry, "trusted.overlay.opaque", buf, sizeof(buf)) == 1);
	path_put(&p);
	/* renames: files yes, directories with lower parts EXDEV */
	KT_ASSERT(!vfs_renameat2(LINUX_AT_FDCWD, "/tmp/ovu/m/new", LINUX_AT_FDCWD, "/tmp/ovu/m/renamed", 0));
	KT_ASSERT(!get_file("/tmp/ovu/m/renamed", buf, sizeof(buf)) && !strcmp(buf, "new file"));
	KT_ASSERT_EQ(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/ovu/m/d", LINUX_AT_FDCWD, "/tmp/ovu/m/e", 0),
		     -EXDEV);
	KT_ASSERT(!vfs_renameat2(LINUX_AT_FDCWD, "/tmp/ovu/m/d/z", LINUX_AT_FDCWD, "/tmp/ovu/m/z2", 0));
	KT_ASSERT(is_whiteout("/tmp/ovu/up/d/z"));
	/* links */
	KT_ASSERT(!vfs_symlinkat("renamed", LINUX_AT_FDCWD, "/tmp/ovu/m/sl"));
	KT_ASSERT(!get_file("/tmp/ovu/m/sl", buf, sizeof(buf)) && !strcmp(buf, "new file"));
	KT_ASSERT(!vfs_linkat(LINUX_AT_FDCWD, "/tmp/ovu/m/renamed", LINUX_AT_FDCWD, "/tmp/ovu/m/hl", 0));
	KT_ASSERT(!vfs_statat(LINUX_AT_FDCWD, "/tmp/ovu/m/hl", 0, &st) && st.nlink == 2);
	/* the merged root */
	KT_ASSERT(!list_dir("/tmp/ovu/m", &n));
	KT_ASSERT_MSG(strstr(n.buf, " renamed ") && strstr(n.buf, " z2 ") && !strstr(n.buf, " c ") &&
		      !strstr(n.buf, " new ") && !strstr(n.buf, " b ") && strstr(n.buf, " d "),
		      "root lists %s", n.buf);
	KT_ASSERT(!list_dir("/tmp/ovu/wk", &n));
	KT_ASSERT_MSG(!strcmp(n.buf, ". .. "), "work dir keeps %s", n.buf);
	KT_ASSERT_EQ(vfs_umount("/tmp/ovu/m", 0), 0);
}
