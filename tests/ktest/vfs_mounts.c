/*
 * Mount tests through the kernel-level calls: propagation between peers
 * and to slaves (mounts and umounts), copies of a namespace as peers of
 * shared mounts, and /proc/[pid]/mountinfo and mounts in Linux's format:
 * optional fields (shared:N, master:N, unbindable), the root of a bind
 * mount, octal escapes, mounts outside the task's root hidden and paths
 * relative to it.
 */
#include <kernel/seq_file.h>
#include <stdlib.h>

#include "vfs_test.h"

#define MS_RDONLY 1
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REC 16384
#define MS_UNBINDABLE (1 << 17)
#define MS_PRIVATE (1 << 18)
#define MS_SLAVE (1 << 19)
#define MS_SHARED (1 << 20)

struct vt_seq {
	struct seq_file sf;
	char buf[16384];
};

/* The text of mountinfo (info) or mounts, for current. */
static const char *vt_mounts(struct vt_seq *s, bool info)
{
	memset(&s->sf, 0, sizeof(s->sf));
	s->sf.buf = s->buf;
	s->sf.size = sizeof(s->buf) - 1;
	if (info)
		vfs_show_mountinfo(&s->sf, current);
	else
		vfs_show_mounts(&s->sf, current);
	s->buf[s->sf.count] = 0;
	return s->buf;
}

/* The line whose field number `field` (0-based, space-separated) is val. */
static const char *vt_line(const char *text, int field, const char *val, char *out, size_t n)
{
	const char *l = text;

	while (*l) {
		const char *e = strchr(l, '\n'), *p = l;
		size_t len = e ? (size_t)(e - l) : strlen(l);
		int i;

		for (i = 0; i < field && p < l + len; i++) {
			p = memchr(p, ' ', l + len - p);
			if (!p)
				break;
			p++;
		}
		if (p && p < l + len && !strncmp(p, val, strlen(val)) &&
		    (p[strlen(val)] == ' ' || p + strlen(val) == l + len)) {
			if (len >= n)
				len = n - 1;
			memcpy(out, l, len);
			out[len] = 0;
			return out;
		}
		if (!e)
			break;
		l = e + 1;
	}
	return NULL;
}

/* The number after "key:" in line, or -1. */
static long vt_tag(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	if (!p)
		return -1;
	p += strlen(key);
	return strtol(p, NULL, 10);
}

KTEST(vfs_mounts_propagation)
{
	static struct vt_seq s;
	char l1[512], l2[512];
	long g;

	vfs_test_setup();
	vfs_umount("/tmp/kp/b", 2);
	vfs_umount("/tmp/kp/a", 2);
	vt_rm_rf("/tmp/kp");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kp", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kp/a", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kp/b", 0755), 0);
	KT_ASSERT_EQ(vfs_do_mount("kp", "/tmp/kp/a", "tmpfs", 0, NULL), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kp/a/x", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kp/a/y", 0755), 0);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/kp/a", NULL, MS_SHARED, NULL), 0);
	KT_ASSERT_EQ(vfs_do_mount("/tmp/kp/a", "/tmp/kp/b", NULL, MS_BIND, NULL), 0);

	/* Peers: one group, in mountinfo too. */
	vt_mounts(&s, true);
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kp/a", l1, sizeof(l1)));
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kp/b", l2, sizeof(l2)));
	g = vt_tag(l1, " shared:");
	KT_ASSERT_MSG(g > 0, "%s", l1);
	KT_ASSERT_EQ(vt_tag(l2, " shared:"), g);
	KT_ASSERT_MSG(strstr(l1, " rw,relatime shared:") && strstr(l1, " - tmpfs kp rw"), "%s", l1);

	/* A mount on one peer reaches the other, and so does its umount. */
	KT_ASSERT_EQ(vfs_do_mount("kx", "/tmp/kp/b/x", "tmpfs", 0, NULL), 0);
	KT_ASSERT_EQ(vt_write("/tmp/kp/b/x/f", "1", 0), 0);
	KT_ASSERT(vt_exists("/tmp/kp/a/x/f"));
	vt_mounts(&s, true);
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kp/a/x", l1, sizeof(l1)));
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kp/b/x", l2, sizeof(l2)));
	KT_ASSERT(vt_tag(l1, " shared:") > 0);
	KT_ASSERT_EQ(vt_tag(l1, " shared:"), vt_tag(l2, " shared:"));
	KT_ASSERT_EQ(vfs_umount("/tmp/kp/a/x", 0), 0);
	KT_ASSERT(!vt_exists("/tmp/kp/b/x/f"));

	/* b a slave: receives, does not send. */
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/kp/b", NULL, MS_SLAVE, NULL), 0);
	vt_mounts(&s, true);
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kp/b", l2, sizeof(l2)));
	KT_ASSERT_MSG(vt_tag(l2, " master:") == g && !strstr(l2, "shared:"), "%s", l2);
	KT_ASSERT_EQ(vfs_do_mount("kx", "/tmp/kp/a/x", "tmpfs", 0, NULL), 0);
	KT_ASSERT_EQ(vt_write("/tmp/kp/a/x/f", "1", 0), 0);
	KT_ASSERT(vt_exists("/tmp/kp/b/x/f"));
	KT_ASSERT_EQ(vfs_do_mount("ky", "/tmp/kp/b/y", "tmpfs", 0, NULL), 0);
	KT_ASSERT_EQ(vt_write("/tmp/kp/b/y/g", "1", 0), 0);
	KT_ASSERT(!vt_exists("/tmp/kp/a/y/g"));
	/* The copy on the slave is busy while a file is open there. */
	{
		struct file *f = filp_open("/tmp/kp/b/x/f", LINUX_O_RDONLY, 0);

		KT_ASSERT(!IS_ERR(f));
		KT_ASSERT_EQ(vfs_umount("/tmp/kp/a/x", 0), -EBUSY);
		fput(f);
	}
	KT_ASSERT_EQ(vfs_umount("/tmp/kp/a/x", 0), 0);
	KT_ASSERT(!vt_exists("/tmp/kp/b/x/f"));
	KT_ASSERT_EQ(vfs_umount("/tmp/kp/b/y", 0), 0);

	/* Unbindable: shown, and a bind of it refused. */
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/kp/b", NULL, MS_UNBINDABLE, NULL), 0);
	vt_mounts(&s, true);
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kp/b", l2, sizeof(l2)));
	KT_ASSERT_MSG(strstr(l2, " unbindable - ") && !strstr(l2, "master:"), "%s", l2);
	KT_ASSERT_EQ(vfs_do_mount("/tmp/kp/b", "/tmp/kp/a/y", NULL, MS_BIND, NULL), -EINVAL);

	KT_ASSERT_EQ(vfs_umount("/tmp/kp/b", 0), 0);
	KT_ASSERT_EQ(vfs_umount("/tmp/kp/a", 0), 0);
	vt_rm_rf("/tmp/kp");
}

KTEST(vfs_mounts_namespace_copy)
{
	struct mnt_namespace *ns;
	struct mount *m;
	int before = 0, after = 0;

	vfs_test_setup();
	vfs_umount("/tmp/kn/a", 2);
	vt_rm_rf("/tmp/kn");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kn", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kn/a", 0755), 0);
	KT_ASSERT_EQ(vfs_do_mount("kn", "/tmp/kn/a", "tmpfs", 0, NULL), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kn/a/x", 0755), 0);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/kn/a", NULL, MS_SHARED, NULL), 0);

	ns = copy_mnt_ns(NULL, NULL);
	KT_ASSERT(!IS_ERR(ns));
	KT_ASSERT_EQ(ns->nr_mounts, init_mnt_ns.nr_mounts);
	KT_ASSERT(mnt_ns_inum(ns) != mnt_ns_inum(NULL));
	mutex_lock(&namespace_mutex);
	list_for_each_entry(m, &ns->mounts, ns_node)
		before++;
	mutex_unlock(&namespace_mutex);
	/* A mount on the shared original reaches the copy. */
	KT_ASSERT_EQ(vfs_do_mount("kx", "/tmp/kn/a/x", "tmpfs", 0, NULL), 0);
	mutex_lock(&namespace_mutex);
	list_for_each_entry(m, &ns->mounts, ns_node)
		after++;
	mutex_unlock(&namespace_mutex);
	KT_ASSERT_EQ(after, before + 1);
	KT_ASSERT_EQ(vfs_umount("/tmp/kn/a/x", 0), 0);
	KT_ASSERT_EQ(ns->nr_mounts, (unsigned)before);

	/* setns's part: enter the copy (root and cwd its root), then leave. */
	{
		struct fs_struct *saved = current->fs, *fs = fs_struct_fork(current_fs());
		struct mnt_namespace *saved_ns = current->mnt_ns;
		bool ok;

		KT_ASSERT(fs);
		current->fs = fs;
		get_mnt_ns(ns);
		ok = mnt_ns_enter(ns) == 0 && current_mnt_ns() == ns &&
		     real_mount(fs->root.mnt) == ns->root && real_mount(fs->pwd.mnt) == ns->root &&
		     vt_exists("/tmp/kn/a/x");
		ok = ok && mnt_ns_enter(saved_ns) == 0 && current_mnt_ns() == &init_mnt_ns;
		current->fs = saved;
		fs_struct_put(fs);
		put_mnt_ns(ns);
		KT_ASSERT(ok);
	}
	put_mnt_ns(ns);
	KT_ASSERT_EQ(vfs_umount("/tmp/kn/a", 0), 0);
	vt_rm_rf("/tmp/kn");
}

KTEST(vfs_mounts_format)
{
	static struct vt_seq s;
	struct fs_struct *saved = current->fs, *fs;
	char l[512];
	struct path p;

	vfs_test_setup();
	vfs_umount("/tmp/kf/sp ace", 2);
	vfs_umount("/tmp/kf/bind", 2);
	vt_rm_rf("/tmp/kf");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kf", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kf/sp ace", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kf/bind", 0755), 0);
	KT_ASSERT_EQ(vfs_do_mount("dev\tname", "/tmp/kf/sp ace", "tmpfs",
				  MS_RDONLY | 2 /* nosuid */ | 8 /* noexec */, NULL), 0);
	vt_mounts(&s, true);
	/* The kernel's own mounts. */
	KT_ASSERT_MSG(vt_line(s.buf, 4, "/dev", l, sizeof(l)) &&
		      strstr(l, " / /dev rw,relatime - devtmpfs devtmpfs rw"), "%s", s.buf);
	KT_ASSERT_MSG(vt_line(s.buf, 4, "/sys", l, sizeof(l)) &&
		      strstr(l, " / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw"), "%s", s.buf);
	KT_ASSERT_MSG(vt_line(s.buf, 4, "/tmp/kf/sp\\040ace", l, sizeof(l)), "%s", s.buf);
	KT_ASSERT_MSG(strstr(l, " / /tmp/kf/sp\\040ace ro,nosuid,noexec,relatime - tmpfs dev\\011name ro"),
		      "%s", l);
	vt_mounts(&s, false);
	KT_ASSERT_MSG(vt_line(s.buf, 1, "/tmp/kf/sp\\040ace", l, sizeof(l)), "%s", s.buf);
	KT_ASSERT_MSG(!strncmp(l, "dev\\011name /tmp/kf/sp\\040ace tmpfs ro,nosuid,noexec,relatime", 59),
		      "%s", l);
	KT_ASSERT_MSG(!strcmp(l + strlen(l) - 4, " 0 0"), "%s", l);
	KT_ASSERT_EQ(vfs_do_mount(NULL, "/tmp/kf/sp ace", NULL, 32 /* MS_REMOUNT */, NULL), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/kf/sp ace/sub", 0755), 0);

	/* A bind of a subdirectory shows it as its root. */
	KT_ASSERT_EQ(vfs_do_mount("/tmp/kf/sp ace/sub", "/tmp/kf/bind", NULL, MS_BIND, NULL), 0);
	vt_mounts(&s, true);
	KT_ASSERT(vt_line(s.buf, 4, "/tmp/kf/bind", l, sizeof(l)));
	KT_ASSERT_MSG(strstr(l, " /sub /tmp/kf/bind rw,relatime - tmpfs dev\\011name rw"), "%s", l);

	/* Chrooted to /tmp/kf: paths from there, the rest hidden. */
	fs = fs_struct_fork(current_fs());
	KT_ASSERT(fs);
	current->fs = fs;
	KT_ASSERT_EQ(kern_path("/tmp/kf", LOOKUP_FOLLOW, &p), 0);
	fs_set_root(fs, &p);
	path_put(&p);
	vt_mounts(&s, true);
	current->fs = saved;
	fs_struct_put(fs);
	KT_ASSERT_MSG(vt_line(s.buf, 4, "/sp\\040ace", l, sizeof(l)), "%s", s.buf);
	KT_ASSERT_MSG(vt_line(s.buf, 4, "/bind", l, sizeof(l)), "%s", s.buf);
	KT_ASSERT_MSG(!vt_line(s.buf, 4, "/", l, sizeof(l)), "%s", s.buf);
	KT_ASSERT_MSG(!strstr(s.buf, "/dev "), "%s", s.buf);

	KT_ASSERT_EQ(vfs_umount("/tmp/kf/bind", 0), 0);
	KT_ASSERT_EQ(vfs_umount("/tmp/kf/sp ace", 0), 0);
	vt_rm_rf("/tmp/kf");
}
