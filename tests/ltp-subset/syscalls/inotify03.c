/*
 * inotify03: the end of watched objects. Unlinking a watched file's last
 * name gives IN_ATTRIB, IN_DELETE_SELF and IN_IGNORED on its watch (and
 * IN_DELETE with the name on its directory's); removing a watched
 * directory IN_DELETE_SELF and IN_IGNORED (IN_DELETE|IN_ISDIR on the
 * parent); renaming a watched file IN_MOVE_SELF, and the parent sees
 * IN_MOVED_FROM/IN_MOVED_TO with one non-zero cookie; renaming over a
 * watched file ends that watch; unlinking one of two links is only
 * IN_ATTRIB.
 */
#include <sys/inotify.h>

#include "harness.h"

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

static uint32_t expect(int fd, int wd, uint32_t mask, const char *name, int line)
{
	struct inotify_event *ev = next(fd);

	if (!ev) {
		t_check(__FILE__, line, 0, "event %#x: none", mask);
		return 0;
	}
	t_check(__FILE__, line, ev->wd == wd && ev->mask == mask &&
		(name ? ev->len > 0 && !strcmp(ev->name, name) : ev->len == 0),
		"event %#x '%s': got wd %d (want %d) mask %#x '%s'", mask, name ? name : "",
		ev->wd, wd, ev->mask, ev->len ? ev->name : "");
	return ev->cookie;
}
#define EXPECT_EV(fd, wd, mask, name) expect(fd, wd, mask, name, __LINE__)

static void run(void)
{
	int fd, wf, wd, wsub, wm, wt, wl;
	uint32_t c1, c2;

	SAFE(mkdir("d", 0755));
	SAFE(mkdir("d/sub", 0755));
	t_write_file("d/f", "", 0644);
	fd = SAFE(inotify_init1(IN_NONBLOCK));
	wd = SAFE(inotify_add_watch(fd, "d", IN_DELETE | IN_MOVE));
	wf = SAFE(inotify_add_watch(fd, "d/f", IN_ATTRIB | IN_DELETE_SELF));
	wsub = SAFE(inotify_add_watch(fd, "d/sub", IN_DELETE_SELF));
	SAFE(unlink("d/f"));
	EXPECT_EV(fd, wf, IN_ATTRIB, NULL);
	EXPECT_EV(fd, wf, IN_DELETE_SELF, NULL);
	EXPECT_EV(fd, wf, IN_IGNORED, NULL);
	EXPECT_EV(fd, wd, IN_DELETE, "f");
	SAFE(rmdir("d/sub"));
	EXPECT_EV(fd, wsub, IN_DELETE_SELF, NULL);
	EXPECT_EV(fd, wsub, IN_IGNORED, NULL);
	EXPECT_EV(fd, wd, IN_DELETE | IN_ISDIR, "sub");
	EXPECT(next(fd) == NULL);
	EXPECT_FAIL(inotify_rm_watch(fd, wf), EINVAL);

	t_write_file("d/m", "", 0644);
	t_write_file("d/t", "", 0644);
	wm = SAFE(inotify_add_watch(fd, "d/m", IN_MOVE_SELF));
	wt = SAFE(inotify_add_watch(fd, "d/t", IN_DELETE_SELF));
	SAFE(rename("d/m", "d/m2"));
	c1 = EXPECT_EV(fd, wd, IN_MOVED_FROM, "m");
	c2 = EXPECT_EV(fd, wd, IN_MOVED_TO, "m2");
	EXPECT(c1 != 0 && c1 == c2);
	EXPECT_EV(fd, wm, IN_MOVE_SELF, NULL);
	SAFE(rename("d/m2", "d/t"));
	c1 = EXPECT_EV(fd, wd, IN_MOVED_FROM, "m2");
	EXPECT_EV(fd, wd, IN_MOVED_TO, "t");
	EXPECT(c1 != c2);
	EXPECT_EV(fd, wm, IN_MOVE_SELF, NULL);
	EXPECT_EV(fd, wt, IN_DELETE_SELF, NULL);
	EXPECT_EV(fd, wt, IN_IGNORED, NULL);
	EXPECT(next(fd) == NULL);

	SAFE(link("d/t", "d/l"));
	wl = SAFE(inotify_add_watch(fd, "d/l", IN_ATTRIB | IN_DELETE_SELF));
	EXPECT_EQ(wl, wm);   /* the same inode: the same watch */
	SAFE(unlink("d/l"));
	EXPECT_EV(fd, wm, IN_ATTRIB, NULL);
	EXPECT_EV(fd, wd, IN_DELETE, "l");
	EXPECT(next(fd) == NULL);
	close(fd);
}

const struct t_test t_test = { .run = run };
