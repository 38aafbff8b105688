/*
 * inotify02: events on a watched file and on a watched directory's
 * entries. On the file: IN_ATTRIB (chmod, utimes), IN_OPEN, IN_ACCESS,
 * IN_CLOSE_NOWRITE, IN_MODIFY (write, ftruncate), IN_CLOSE_WRITE, each
 * with the file's wd and no name; identical consecutive events merge into
 * one. On the directory: the same events for its children carry the
 * child's name (padded to a multiple of 16 with NULs), mkdir gives
 * IN_CREATE|IN_ISDIR, chmod of the directory itself IN_ATTRIB|IN_ISDIR
 * without a name; reading the directory IN_ACCESS|IN_ISDIR; FIONREAD
 * counts the bytes queued.
 */
#include <dirent.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/time.h>

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

static void expect(int fd, int wd, uint32_t mask, const char *name, int line)
{
	struct inotify_event *ev = next(fd);

	if (!ev) {
		t_check(__FILE__, line, 0, "event %#x: none", mask);
		return;
	}
	t_check(__FILE__, line, ev->wd == wd && ev->mask == mask && ev->cookie == 0 &&
		(name ? ev->len > 0 && !strcmp(ev->name, name) : ev->len == 0),
		"event %#x '%s': got wd %d (want %d) mask %#x len %u '%s'", mask,
		name ? name : "", ev->wd, wd, ev->mask, ev->len, ev->len ? ev->name : "");
}
#define EXPECT_EV(fd, wd, mask, name) expect(fd, wd, mask, name, __LINE__)

static void run(void)
{
	int fd, wf, wdir, f, n;
	char buf[4];

	t_write_file("file", "data", 0644);
	SAFE(mkdir("d", 0755));
	fd = SAFE(inotify_init1(IN_NONBLOCK));
	wf = EXPECT_OK(inotify_add_watch(fd, "file", IN_ALL_EVENTS));
	SAFE(chmod("file", 0600));
	f = SAFE(open("file", O_RDONLY));
	SAFE(read(f, buf, 2));
	SAFE(read(f, buf, 2));
	close(f);
	f = SAFE(open("file", O_WRONLY));
	SAFE(write(f, "x", 1));
	SAFE(write(f, "y", 1));
	SAFE(ftruncate(f, 1));
	close(f);
	SAFE(utimes("file", NULL));
	SAFE(ioctl(fd, FIONREAD, &n));
	EXPECT_EQ(n, 8 * (int)sizeof(struct inotify_event));
	EXPECT_EV(fd, wf, IN_ATTRIB, NULL);
	EXPECT_EV(fd, wf, IN_OPEN, NULL);
	EXPECT_EV(fd, wf, IN_ACCESS, NULL);   /* two reads, one event */
	EXPECT_EV(fd, wf, IN_CLOSE_NOWRITE, NULL);
	EXPECT_EV(fd, wf, IN_OPEN, NULL);
	EXPECT_EV(fd, wf, IN_MODIFY, NULL);   /* two writes and a truncate */
	EXPECT_EV(fd, wf, IN_CLOSE_WRITE, NULL);
	EXPECT_EV(fd, wf, IN_ATTRIB, NULL);
	EXPECT(next(fd) == NULL);
	SAFE(ioctl(fd, FIONREAD, &n));
	EXPECT_EQ(n, 0);

	wdir = EXPECT_OK(inotify_add_watch(fd, "d", IN_ALL_EVENTS));
	EXPECT(wdir != wf);
	t_write_file("d/child", "abc", 0644);
	f = SAFE(open("d/child", O_RDONLY));
	SAFE(read(f, buf, 1));
	close(f);
	SAFE(mkdir("d/sub", 0755));
	SAFE(chmod("d", 0700));
	SAFE(chmod("d/child", 0600));
	EXPECT_EV(fd, wdir, IN_CREATE, "child");
	EXPECT_EV(fd, wdir, IN_OPEN, "child");
	EXPECT_EV(fd, wdir, IN_MODIFY, "child");
	EXPECT_EV(fd, wdir, IN_CLOSE_WRITE, "child");
	EXPECT_EV(fd, wdir, IN_OPEN, "child");
	EXPECT_EV(fd, wdir, IN_ACCESS, "child");
	EXPECT_EV(fd, wdir, IN_CLOSE_NOWRITE, "child");
	EXPECT_EV(fd, wdir, IN_CREATE | IN_ISDIR, "sub");
	EXPECT_EV(fd, wdir, IN_ATTRIB | IN_ISDIR, NULL);
	EXPECT_EV(fd, wdir, IN_ATTRIB, "child");
	EXPECT(next(fd) == NULL);
	{
		DIR *dir = opendir("d");

		EXPECT(dir && readdir(dir));
		if (dir)
			closedir(dir);
	}
	EXPECT_EV(fd, wdir, IN_OPEN | IN_ISDIR, NULL);
	EXPECT_EV(fd, wdir, IN_ACCESS | IN_ISDIR, NULL);
	EXPECT_EV(fd, wdir, IN_CLOSE_NOWRITE | IN_ISDIR, NULL);
	EXPECT(next(fd) == NULL);
	/* The name is NUL-padded to a multiple of the record size. */
	t_write_file("d/abcdefghijklmnopq", "", 0644);
	evoff = evlen = 0;
	struct inotify_event *ev = next(fd);
	EXPECT(ev && ev->len == 32 && !strcmp(ev->name, "abcdefghijklmnopq"));
	close(fd);
}

const struct t_test t_test = { .run = run };
