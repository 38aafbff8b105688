/*
 * A container's root, built in its new mount namespace by a kernel thread
 * that joins it (the OCI worker, with an fs_struct of its own), through
 * the same calls mount(2), mkdir(2), mknod(2) and symlink(2) use:
 *
 *   the copy of the caller's tree is made private (nothing propagates in
 *   or out); a tmpfs on /proc of the copy holds upper/, work/ and root/
 *   (a place no lowerdir or volume comes from; the host's /proc stays as
 *   it is in the host's namespace); the overlay of the layers goes on
 *   root/, with /proc, /sys (read-only), /dev (a tmpfs: null zero full
 *   random urandom tty nodes, the host's console, pts and ptmx bound in,
 *   shm, the fd links), /etc/hostname, /etc/hosts and /etc/resolv.conf as
 *   Docker writes them, and the volumes bound; then root/ is moved onto
 *   the namespace's / (pivot_root from the initramfs root is EINVAL, as
 *   on Linux), so whoever joins the namespace has the overlay as root.
 */
#define OCI_NO_JSON     /* image.h without its JSON half: none parsed here */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "container.h"
#include "worker.h"

/* mount(2)'s flags (Linux's values; vfs_do_mount takes them) */
#define MS_RDONLY  1
#define MS_NOSUID  2
#define MS_NODEV   4
#define MS_NOEXEC  8
#define MS_REMOUNT 32
#define MS_BIND    4096
#define MS_MOVE    8192
#define MS_REC     16384
#define MS_PRIVATE (1 << 18)

#define BASE "/proc"            /* upper/, work/, root/ in the namespace */
#define ROOT BASE "/root"

struct build {
	struct container *c;
	struct ctr_volume_k *vol;
	int nvol;
	char *err;
	size_t err_len;
	char path[PATH_MAX];
};

static int bfail(struct build *b, int r, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (b->err && b->err_len) {
		va_start(ap, fmt);
		vsnprintf(b->err, b->err_len, fmt, ap);
		va_end(ap);
		n = strlen(b->err);
		snprintf(b->err + n, b->err_len - n, ": %s", strerror(-r));
	}
	return r;
}

/* b->path = ROOT + the printf'd rest */
static const char *at(struct build *b, const char *fmt, ...)
{
	va_list ap;
	size_t n = (size_t)snprintf(b->path, sizeof(b->path), "%s", ROOT);

	va_start(ap, fmt);
	vsnprintf(b->path + n, sizeof(b->path) - n, fmt, ap);
	va_end(ap);
	return b->path;
}

static int mount_at(struct build *b, const char *src, const char *type, unsigned long flags,
		    const char *data, const char *dst)
{
	int r = vfs_do_mount(src, dst, type, flags, (void *)data);

	if (r)
		return bfail(b, r, "mount %s on %s", type ? type : src, dst);
	return 0;
}

void ctr_mkdirs(char *path, umode_t mode)
{
	for (char *p = path + 1; *p; p++) {
		if (*p == '/') {
			*p = 0;
			vfs_mkdirat(LINUX_AT_FDCWD, path, 0755);
			*p = '/';
		}
	}
	if (!vfs_mkdirat(LINUX_AT_FDCWD, path, mode))
		vfs_chmodat(LINUX_AT_FDCWD, path, mode, 0);   /* past the umask */
}

static void mkdirs(struct build *b, umode_t mode)
{
	ctr_mkdirs(b->path, mode);
}

static int write_file(struct build *b, const char *path, const char *text)
{
	struct file *f = filp_open(path, LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, 0644);
	size_t n = strlen(text);
	u64 pos = 0;
	ssize_t w;

	if (IS_ERR(f))
		return bfail(b, PTR_ERR(f), "cannot write %s", path);
	w = kernel_write(f, text, n, &pos);
	fput(f);
	if (w != (ssize_t)n)
		return bfail(b, w < 0 ? (int)w : -EIO, "cannot write %s", path);
	return 0;
}

/* An empty file to bind a device onto. */
static void touch(const char *path, umode_t mode)
{
	struct file *f = filp_open(path, LINUX_O_WRONLY | LINUX_O_CREAT, mode);

	if (!IS_ERR(f))
		fput(f);
}

static int make_dev(struct build *b)
{
	static const struct { const char *name; umode_t mode; unsigned ma, mi; } nodes[] = {
		{ "null", 0666, 1, 3 }, { "zero", 0666, 1, 5 }, { "full", 0666, 1, 7 },
		{ "random", 0666, 1, 8 }, { "urandom", 0666, 1, 9 }, { "tty", 0666, 5, 0 },
	};
	static const char *const links[][2] = {
		{ "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
	};
	int r;

	at(b, "/dev");
	mkdirs(b, 0755);
	r = mount_at(b, "tmpfs", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=65536k", at(b, "/dev"));
	if (r)
		return r;
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		r = vfs_mknodat(LINUX_AT_FDCWD, at(b, "/dev/%s", nodes[i].name), S_IFCHR | nodes[i].mode,
				MKDEV(nodes[i].ma, nodes[i].mi));
		if (r)
			return bfail(b, r, "mknod %s", b->path);
		vfs_chmodat(LINUX_AT_FDCWD, b->path, nodes[i].mode, 0);
	}
	/* The console and the ptys are the host's. */
	touch(at(b, "/dev/console"), 0600);
	if (vfs_do_mount("/dev/console", b->path, NULL, MS_BIND, NULL))
		vfs_unlinkat(LINUX_AT_FDCWD, b->path);
	vfs_mkdirat(LINUX_AT_FDCWD, at(b, "/dev/pts"), 0755);
	if (!vfs_do_mount("/dev/pts", b->path, NULL, MS_BIND | MS_REC, NULL)) {
		touch(at(b, "/dev/ptmx"), 0666);
		vfs_do_mount("/dev/ptmx", b->path, NULL, MS_BIND, NULL);
	}
	at(b, "/dev/shm");
	mkdirs(b, 01777);
	r = mount_at(b, "shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k",
		     b->path);
	if (r)
		return r;
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		vfs_symlinkat(links[i][1], LINUX_AT_FDCWD, at(b, "/dev/%s", links[i][0]));
	return 0;
}

/* The files Docker writes for every container. */
static int make_etc(struct build *b)
{
	const char *h = b->c->hostname;
	char text[512];
	int r;

	at(b, "/etc");
	mkdirs(b, 0755);
	snprintf(text, sizeof(text), "%s\n", h);
	r = write_file(b, at(b, "/etc/hostname"), text);
	if (r)
		return r;
	snprintf(text, sizeof(text),
		 "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
		 "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n"
		 "ff02::2\tip6-allrouters\n127.0.1.1\t%s\n", h);
	r = write_file(b, at(b, "/etc/hosts"), text);
	if (!r)
		r = write_file(b, at(b, "/etc/resolv.conf"), "nameserver 127.0.0.1\n");
	return r;
}

static int build_in_ns(struct build *b)
{
	struct container *c = b->c;
	size_t olen = strlen(c->image.lowerdir) + 128;
	char *opts;
	int r;

	r = mount_at(b, NULL, NULL, MS_REC | MS_PRIVATE, NULL, "/");
	if (!r)
		r = mount_at(b, "tmpfs", "tmpfs", 0, "mode=700", BASE);
	if (r)
		return r;
	vfs_mkdirat(LINUX_AT_FDCWD, BASE "/upper", 0755);
	vfs_mkdirat(LINUX_AT_FDCWD, BASE "/work", 0700);
	vfs_mkdirat(LINUX_AT_FDCWD, ROOT, 0755);
	opts = kmalloc(olen, GFP_KERNEL);
	if (!opts)
		return bfail(b, -ENOMEM, "overlay");
	snprintf(opts, olen, "lowerdir=%s,upperdir=" BASE "/upper,workdir=" BASE "/work",
		 c->image.lowerdir);
	r = mount_at(b, "overlay", "overlay", 0, opts, ROOT);
	kfree(opts);
	if (r)
		return r;

	/* /proc is mounted by the init, in its pid namespace (container.c). */
	at(b, "/proc");
	mkdirs(b, 0555);
	at(b, "/sys");
	mkdirs(b, 0555);
	r = mount_at(b, "sysfs", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL, b->path);
	if (!r)
		r = make_dev(b);
	if (!r)
		r = make_etc(b);
	for (int i = 0; !r && i < b->nvol; i++) {
		struct ctr_volume_k *v = &b->vol[i];

		at(b, "%s", v->path);
		mkdirs(b, 0755);
		r = mount_at(b, v->host, NULL, MS_BIND | MS_REC, NULL, b->path);
		if (!r && v->ro)
			r = mount_at(b, NULL, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL, b->path);
	}
	if (!r)
		r = mount_at(b, ROOT, NULL, MS_MOVE, NULL, "/");
	return r;
}

static int build_job(void *arg)
{
	struct build *b = arg;
	int r = mnt_ns_enter(b->c->mnt);

	if (r)
		return bfail(b, r, "cannot enter the container's mount namespace");
	r = build_in_ns(b);
	mnt_ns_enter(NULL);     /* back in the initial one: the reference goes */
	return r;
}

int ctr_root_build(struct container *c, struct ctr_volume_k *vol, int nvol, char *err,
		   size_t err_len)
{
	struct build *b = kzalloc(sizeof(*b), GFP_KERNEL);
	int r;

	if (!b)
		return -ENOMEM;
	*b = (struct build){ .c = c, .vol = vol, .nvol = nvol, .err = err, .err_len = err_len };
	r = oci_run_in_worker(build_job, b);
	kfree(b);
	return r;
}
