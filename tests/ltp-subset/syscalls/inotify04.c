/*
 * inotify04: inotify_add_watch() flags. A second add for the same inode
 * returns the same wd and replaces the mask, or with IN_MASK_ADD extends
 * it; IN_MASK_CREATE on a watched inode is EEXIST and with IN_MASK_ADD
 * EINVAL; IN_ONLYDIR on a file is ENOTDIR; IN_DONT_FOLLOW watches the
 * symlink itself; IN_ONESHOT delivers one event then IN_IGNORED;
 * IN_EXCL_UNLINK hides events of an unlinked child from the directory's
 * watch; watching needs read permission (EACCES); an inotify call on a
 * descriptor that is not inotify's is EINVAL.
 */
#include <sys/inotify.h>

#include "harness.h"

static int ifd;

static char evbuf[8192];
static int evlen, evoff;

static struct inotify_event *next(int fd)
{
	struct inotify_event *ev;

	if (evoff >= evlen) {
		evlen = read(fd, evbuf, sizeof(evbuf));
		evoff = 0;
		if (evlen <= 0)
			return NULL;
	}
	ev = (struct inotify_event *)(evbuf + evoff);
	evoff += sizeof(*ev) + ev->len;
	return ev;
}

static int is_ev(struct inotify_event *ev, int wd, uint32_t mask)
{
	return ev && ev->wd == wd && ev->mask == mask;
}

static void nobody(void)
{
	EXPECT_FAIL(inotify_add_watch(ifd, "secret", IN_OPEN), EACCES);
}

static void run(void)
{
	struct inotify_event *ev;
	int fd, wd, w2, wl, wdir, f, other;

	t_write_file("f", "", 0644);
	t_write_file("secret", "", 0600);
	SAFE(symlink("f", "link"));
	SAFE(mkdir("d", 0755));
	fd = SAFE(inotify_init1(IN_NONBLOCK));
	wd = SAFE(inotify_add_watch(fd, "f", IN_OPEN));
	EXPECT_EQ(inotify_add_watch(fd, "f", IN_ATTRIB), wd);
	SAFE(close(SAFE(open("f", O_RDONLY))));
	SAFE(chmod("f", 0644));
	EXPECT(is_ev(next(fd), wd, IN_ATTRIB));
	EXPECT(next(fd) == NULL);
	EXPECT_EQ(inotify_add_watch(fd, "f", IN_OPEN | IN_MASK_ADD), wd);
	SAFE(close(SAFE(open("f", O_RDONLY))));
	SAFE(chmod("f", 0644));
	EXPECT(is_ev(next(fd), wd, IN_OPEN));
	EXPECT(is_ev(next(fd), wd, IN_ATTRIB));
	EXPECT_FAIL(inotify_add_watch(fd, "f", IN_OPEN | IN_MASK_CREATE), EEXIST);
	EXPECT_FAIL(inotify_add_watch(fd, "f", IN_OPEN | IN_MASK_CREATE | IN_MASK_ADD), EINVAL);
	EXPECT_FAIL(inotify_add_watch(fd, "f", IN_OPEN | IN_ONLYDIR), ENOTDIR);
	wl = EXPECT_OK(inotify_add_watch(fd, "link", IN_ATTRIB | IN_DONT_FOLLOW));
	EXPECT(wl != wd);
	EXPECT_EQ(inotify_add_watch(fd, "link", IN_ATTRIB), wd);
	EXPECT_OK(inotify_rm_watch(fd, wd));
	EXPECT(is_ev(next(fd), wd, IN_IGNORED));
	SAFE(chmod("f", 0600));   /* the target: nothing for the link's watch */
	EXPECT(next(fd) == NULL);
	EXPECT_OK(inotify_rm_watch(fd, wl));
	EXPECT(is_ev(next(fd), wl, IN_IGNORED));

	w2 = SAFE(inotify_add_watch(fd, "f", IN_ATTRIB | IN_ONESHOT));
	SAFE(chmod("f", 0644));
	SAFE(chmod("f", 0600));
	EXPECT(is_ev(next(fd), w2, IN_ATTRIB));
	EXPECT(is_ev(next(fd), w2, IN_IGNORED));
	EXPECT(next(fd) == NULL);
	EXPECT_FAIL(inotify_rm_watch(fd, w2), EINVAL);

	wdir = SAFE(inotify_add_watch(fd, "d", IN_MODIFY | IN_EXCL_UNLINK));
	f = SAFE(open("d/x", O_CREAT | O_RDWR, 0644));
	SAFE(write(f, "1", 1));
	ev = next(fd);
	EXPECT(is_ev(ev, wdir, IN_MODIFY) && !strcmp(ev->name, "x"));
	SAFE(unlink("d/x"));
	SAFE(write(f, "2", 1));
	EXPECT(next(fd) == NULL);
	close(f);

	ifd = fd;
	t_run_as_nobody(nobody);
	other = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(inotify_add_watch(other, "f", IN_OPEN), EINVAL);
	EXPECT_FAIL(inotify_rm_watch(other, 1), EINVAL);
	EXPECT_FAIL(inotify_rm_watch(-1, 1), EBADF);
	EXPECT_FAIL(inotify_add_watch(fd, t_bad_addr(), IN_OPEN), EFAULT);
	close(other);
	close(fd);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
