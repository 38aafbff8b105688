/*
 * tcp01: a TCP connection over loopback between two processes carries
 * 1 MiB intact in each direction; shutdown(SHUT_WR) gives the peer EOF
 * while it can still send back; after the peer closes, writing fails with
 * EPIPE (SIGPIPE ignored) or ECONNRESET.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>

#include "harness.h"

#define SIZE (1 << 20)

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 131 + (i >> 8));
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	static unsigned char buf[65536];
	long got = 0, bad = 0;
	int l, c, one = 1;
	ssize_t n;
	pid_t pid;

	signal(SIGPIPE, SIG_IGN);
	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 1));
	pid = t_fork();
	if (!pid) {
		/* Echo server: read everything until EOF, send it back, close. */
		int a = SAFE(accept(l, NULL, NULL));
		static unsigned char all[SIZE];
		long have = 0;
		while ((n = read(a, all + have, SIZE - have)) > 0)
			have += n;
		for (long off = 0; off < have;) {
			n = write(a, all + off, have - off);
			if (n <= 0)
				_exit(2);
			off += n;
		}
		close(a);
		_exit(have == SIZE ? 0 : 1);
	}
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
	EXPECT_OK(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	for (long off = 0; off < SIZE;) {
		long chunk = SIZE - off < (long)sizeof(buf) ? SIZE - off : (long)sizeof(buf);
		for (long i = 0; i < chunk; i++)
			buf[i] = pattern(off + i);
		n = write(c, buf, chunk);
		if (n <= 0)
			t_brk(TBROK | TERRNO, "write");
		off += n;
	}
	EXPECT_OK(shutdown(c, SHUT_WR));
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			if (buf[i] != pattern(got + i))
				bad++;
		got += n;
	}
	EXPECT_EQ(n, 0);
	EXPECT_EQ(got, SIZE);
	EXPECT_EQ(bad, 0);
	t_reap(pid);
	errno = 0;
	n = write(c, "x", 1);
	EXPECT_MSG(n == -1 && (errno == EPIPE || errno == ECONNRESET),
		   "write after shutdown/close fails (%s)", t_errname(errno));
}

const struct t_test t_test = { .run = run };
