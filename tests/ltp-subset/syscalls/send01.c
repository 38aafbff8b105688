/*
 * send01: TCP over loopback: MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT and
 * FIONREAD on a stream; a non-blocking writer fills the buffers until
 * EAGAIN and is not POLLOUT then; closing with unread data resets the
 * connection (the peer reads ECONNRESET once, then EOF); after a normal
 * close the peer's first write succeeds and the next fails with EPIPE
 * and SIGPIPE, or EPIPE alone with MSG_NOSIGNAL; recv(MSG_OOB) with no
 * urgent data is EINVAL; the last byte of a MSG_OOB send is urgent
 * (POLLPRI, read with MSG_OOB, not inline).
 */
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "harness.h"

static int listener;
static struct sockaddr_in addr;

static void connect_pair(int *c, int *a)
{
	*c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(*c, (struct sockaddr *)&addr, sizeof(addr)));
	*a = SAFE(accept(listener, NULL, NULL));
}

static void run(void)
{
	socklen_t len = sizeof(addr);
	static char big[1 << 16];
	char buf[16];
	int c, a, n, status;
	long total = 0;
	pid_t pid;
	ssize_t r;
	struct pollfd p;

	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)));
	SAFE(getsockname(listener, (struct sockaddr *)&addr, &len));
	SAFE(listen(listener, 8));
	EXPECT_FAIL(ioctl(listener, FIONREAD, &n), EINVAL);

	connect_pair(&c, &a);
	EXPECT_FAIL(recv(a, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	EXPECT_EQ(send(c, "abcdef", 6, 0), 6);
	t_msleep(20);
	EXPECT_OK(ioctl(a, FIONREAD, &n));
	EXPECT_EQ(n, 6);
	EXPECT_EQ(recv(a, buf, 3, MSG_PEEK), 3);
	EXPECT(!memcmp(buf, "abc", 3));
	EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 6);
	EXPECT(!memcmp(buf, "abcdef", 6));
	EXPECT_FAIL(recv(a, buf, 1, MSG_OOB), EINVAL);
	/* The last byte of a MSG_OOB send is urgent: apart from the stream. */
	EXPECT_EQ(send(c, "oob", 3, MSG_OOB), 3);
	p.fd = a;
	p.events = POLLPRI;
	EXPECT_EQ(poll(&p, 1, 5000), 1);
	EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 2);
	EXPECT_EQ(recv(a, buf, 1, MSG_OOB), 1);
	EXPECT_EQ(buf[0], 'b');
	EXPECT_FAIL(recv(a, buf, 1, MSG_OOB), EINVAL);
	pid = t_fork();
	if (!pid) {
		for (int i = 0; i < 4; i++) {
			t_msleep(20);
			send(c, "xy", 2, 0);
		}
		_exit(0);
	}
	EXPECT_EQ(recv(a, buf, 8, MSG_WAITALL), 8);
	EXPECT(!memcmp(buf, "xyxyxyxy", 8));
	t_reap(pid);

	/* Fill both buffers without reading. */
	SAFE(fcntl(c, F_SETFL, O_NONBLOCK));
	for (;;) {
		r = send(c, big, sizeof(big), 0);
		if (r < 0)
			break;
		total += r;
		if (total > (256L << 20))
			break;
	}
	EXPECT_MSG(r < 0 && errno == EAGAIN, "a full stream gives EAGAIN (%ld bytes)", total);
	p.fd = c;
	p.events = POLLOUT;
	EXPECT_EQ(poll(&p, 1, 0), 0);
	/* Close with all that unread: an RST. */
	close(a);
	p.events = POLLIN;
	SAFE(poll(&p, 1, 5000));
	EXPECT(p.revents & (POLLERR | POLLHUP));
	EXPECT_FAIL(send(c, "x", 1, MSG_NOSIGNAL), ECONNRESET);
	EXPECT_FAIL(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	EXPECT_EQ(recv(c, buf, sizeof(buf), 0), 0);
	close(c);

	/* The reader side of an RST. */
	connect_pair(&c, &a);
	SAFE(send(a, "unread", 6, 0));
	t_msleep(20);
	close(c);
	EXPECT_FAIL(recv(a, buf, sizeof(buf), 0), ECONNRESET);
	EXPECT_EQ(recv(a, buf, sizeof(buf), 0), 0);
	close(a);

	/* A normal close: the first write is accepted, then EPIPE. */
	connect_pair(&c, &a);
	close(a);
	EXPECT_EQ(recv(c, buf, sizeof(buf), 0), 0);
	EXPECT_EQ(send(c, "x", 1, 0), 1);
	t_msleep(20);
	EXPECT_FAIL(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	pid = t_fork();
	if (!pid) {
		send(c, "x", 1, 0);
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
		   "without MSG_NOSIGNAL SIGPIPE is raised (0x%x)", status);
	close(c);
}

const struct t_test t_test = { .run = run };
