/*
 * inotify06: unmounting ends the watches on a filesystem (LTP's
 * inotify03): after umount of a tmpfs, a watch on a file in it and one on
 * its root each get IN_UNMOUNT (with IN_ISDIR for the directory) then
 * IN_IGNORED, and inotify_rm_watch of
 * them is EINVAL; a watch elsewhere is untouched.
 */
#include <sys/inotify.h>
#include <sys/mount.h>

#include "harness.h"

static void cleanup(void)
{
	umount2("mnt", MNT_DETACH);
}

static void run(void)
{
	char buf[1024];
	int fd, wf, wr, wo, seen_f = 0, seen_r = 0, order_ok = 1;
	ssize_t n;

	SAFE(mkdir("mnt", 0755));
	t_write_file("other", "", 0644);
	if (mount("ltp", "mnt", "tmpfs", 0, NULL) < 0)
		t_brk(TCONF | TERRNO, "mount(tmpfs)");
	t_write_file("mnt/f", "", 0644);
	fd = SAFE(inotify_init1(IN_NONBLOCK));
	wf = SAFE(inotify_add_watch(fd, "mnt/f", IN_ATTRIB));
	wr = SAFE(inotify_add_watch(fd, "mnt", IN_CREATE));
	wo = SAFE(inotify_add_watch(fd, "other", IN_ATTRIB));
	EXPECT_OK(umount("mnt"));
	n = read(fd, buf, sizeof(buf));
	EXPECT_EQ(n, 4 * (ssize_t)sizeof(struct inotify_event));
	for (ssize_t off = 0; off + (ssize_t)sizeof(struct inotify_event) <= n;) {
		struct inotify_event *ev = (struct inotify_event *)(buf + off);
		int *seen = ev->wd == wf ? &seen_f : ev->wd == wr ? &seen_r : NULL;
		uint32_t unmount = IN_UNMOUNT | (ev->wd == wr ? IN_ISDIR : 0);

		if (!seen || (ev->mask == unmount && *seen != 0) ||
		    (ev->mask == IN_IGNORED && *seen != 1) ||
		    (ev->mask != unmount && ev->mask != IN_IGNORED))
			order_ok = 0;
		else
			(*seen)++;
		off += sizeof(*ev) + ev->len;
	}
	EXPECT_MSG(order_ok && seen_f == 2 && seen_r == 2,
		   "IN_UNMOUNT then IN_IGNORED for both watches");
	EXPECT_FAIL(inotify_rm_watch(fd, wf), EINVAL);
	EXPECT_FAIL(inotify_rm_watch(fd, wr), EINVAL);
	SAFE(chmod("other", 0600));
	n = read(fd, buf, sizeof(buf));
	EXPECT(n == sizeof(struct inotify_event) &&
	       ((struct inotify_event *)buf)->wd == wo &&
	       ((struct inotify_event *)buf)->mask == IN_ATTRIB);
	close(fd);
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .needs_root = 1 };
