/*
 * inotify01: inotify reports IN_CREATE (with the name), IN_MODIFY,
 * IN_CLOSE_WRITE, IN_MOVED_FROM/IN_MOVED_TO with a shared cookie and
 * IN_DELETE for changes in a watched directory; inotify_rm_watch stops
 * them and queues IN_IGNORED; failures: EBADF/EINVAL for bad descriptors,
 * ENOENT for a missing path, EINVAL for an empty mask.
 */
#include <sys/inotify.h>

#include "harness.h"

static char evbuf[4096];
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

static void run(void)
{
	struct inotify_event *ev;
	int fd, wd, f;
	uint32_t cookie;

	SAFE(mkdir("d", 0755));
	fd = EXPECT_OK(inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
	wd = EXPECT_OK(inotify_add_watch(fd, "d", IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE |
					 IN_MOVE | IN_DELETE));
	EXPECT_FAIL(read(fd, evbuf, sizeof(evbuf)), EAGAIN);
	f = SAFE(open("d/file", O_WRONLY | O_CREAT, 0644));
	SAFE(write(f, "x", 1));
	close(f);
	SAFE(rename("d/file", "d/renamed"));
	SAFE(unlink("d/renamed"));
	ev = next(fd);
	EXPECT(ev && ev->wd == wd && (ev->mask & IN_CREATE) && !strcmp(ev->name, "file"));
	ev = next(fd);
	EXPECT(ev && (ev->mask & IN_MODIFY));
	ev = next(fd);
	EXPECT(ev && (ev->mask & IN_CLOSE_WRITE));
	ev = next(fd);
	EXPECT(ev && (ev->mask & IN_MOVED_FROM) && !strcmp(ev->name, "file"));
	cookie = ev ? ev->cookie : 0;
	ev = next(fd);
	EXPECT(ev && (ev->mask & IN_MOVED_TO) && !strcmp(ev->name, "renamed") &&
	       ev->cookie == cookie && cookie != 0);
	ev = next(fd);
	EXPECT(ev && (ev->mask & IN_DELETE) && !strcmp(ev->name, "renamed"));
	EXPECT_OK(inotify_rm_watch(fd, wd));
	ev = next(fd);
	EXPECT(ev && (ev->mask & IN_IGNORED));
	t_write_file("d/after", "", 0644);
	EXPECT(next(fd) == NULL);
	EXPECT_FAIL(inotify_add_watch(fd, "missing", IN_CREATE), ENOENT);
	EXPECT_FAIL(inotify_add_watch(fd, "d", 0), EINVAL);
	EXPECT_FAIL(inotify_add_watch(-1, "d", IN_CREATE), EBADF);
	EXPECT_FAIL(inotify_rm_watch(fd, 12345), EINVAL);
	EXPECT_FAIL(inotify_init1(0x1), EINVAL);
}

const struct t_test t_test = { .run = run };
