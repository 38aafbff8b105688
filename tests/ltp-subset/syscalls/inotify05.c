/*
 * inotify05: the queue. Past max_queued_events (16384, or the host's
 * /proc/sys/fs/inotify/max_queued_events) further events are lost and a
 * single IN_Q_OVERFLOW event with wd -1 ends the queue; read() with a
 * buffer smaller than the next event is EINVAL; poll() reports POLLIN
 * only while events wait, and so does epoll; a blocking read sleeps until
 * another process causes an event.
 */
#include <poll.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>

#include "harness.h"

static int max_queued(void)
{
	char buf[32] = "";
	int fd = open("/proc/sys/fs/inotify/max_queued_events", O_RDONLY);

	if (fd < 0)
		return 16384;
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = 0;
	close(fd);
	return atoi(buf) > 0 ? atoi(buf) : 16384;
}

static void run(void)
{
	static char big[64 * 1024];
	int fd, bfd, wd, f, max = max_queued(), total = 0, last_mask = 0, last_wd = 0;
	int overflows = 0, n;
	struct pollfd pfd;
	char c;
	pid_t pid;

	if (max > 100000)
		t_brk(TCONF, "max_queued_events %d is too many to fill", max);
	t_write_file("f", "0", 0644);
	fd = SAFE(inotify_init1(IN_NONBLOCK));
	wd = SAFE(inotify_add_watch(fd, "f", IN_MODIFY | IN_ACCESS));
	pfd.fd = fd;
	pfd.events = POLLIN;
	EXPECT_EQ(poll(&pfd, 1, 0), 0);
	f = SAFE(open("f", O_RDWR));
	/* Alternate events so none merges with the one before. */
	for (int i = 0; i < max / 2 + 10; i++) {
		SAFE(pwrite(f, "1", 1, 0));
		SAFE(pread(f, &c, 1, 0));
	}
	close(f);
	EXPECT_EQ(poll(&pfd, 1, 0), 1);
	EXPECT(pfd.revents & POLLIN);
	SAFE(ioctl(fd, FIONREAD, &n));
	EXPECT_EQ(n, (max + 1) * (int)sizeof(struct inotify_event));
	EXPECT_FAIL(read(fd, big, sizeof(struct inotify_event) - 1), EINVAL);
	for (;;) {
		ssize_t r = read(fd, big, sizeof(big));

		if (r <= 0)
			break;
		for (ssize_t off = 0; off < r;) {
			struct inotify_event *ev = (struct inotify_event *)(big + off);

			total++;
			overflows += ev->mask == IN_Q_OVERFLOW;
			last_mask = ev->mask;
			last_wd = ev->wd;
			off += sizeof(*ev) + ev->len;
		}
	}
	EXPECT_EQ(total, max + 1);
	EXPECT_EQ(overflows, 1);
	EXPECT_EQ(last_mask, IN_Q_OVERFLOW);
	EXPECT_EQ(last_wd, -1);
	EXPECT_EQ(poll(&pfd, 1, 0), 0);

	{
		struct epoll_event ee = { .events = EPOLLIN, .data.u32 = 7 }, out;
		int ep = SAFE(epoll_create1(0));

		SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ee));
		EXPECT_EQ(epoll_wait(ep, &out, 1, 0), 0);
		t_write_file("g", "", 0644);   /* not watched: nothing */
		SAFE(chmod("f", 0600));       /* not in the mask: nothing */
		EXPECT_EQ(epoll_wait(ep, &out, 1, 0), 0);
		t_write_file("f", "1", 0644);
		EXPECT_EQ(epoll_wait(ep, &out, 1, 1000), 1);
		EXPECT(out.events == EPOLLIN && out.data.u32 == 7);
		while (read(fd, big, sizeof(big)) > 0)
			;
		EXPECT_EQ(epoll_wait(ep, &out, 1, 0), 0);
		close(ep);
	}

	bfd = SAFE(inotify_init());
	wd = SAFE(inotify_add_watch(bfd, ".", IN_CREATE));
	pid = t_fork();
	if (pid == 0) {
		t_msleep(100);
		t_write_file("late", "", 0644);
		_exit(0);
	}
	struct inotify_event *ev = (struct inotify_event *)big;

	EXPECT(read(bfd, big, sizeof(big)) > 0 && ev->wd == wd && ev->mask == IN_CREATE &&
	       !strcmp(ev->name, "late"));
	t_reap(pid);
	close(bfd);
	close(fd);
}

const struct t_test t_test = { .run = run, .timeout = 120 };
