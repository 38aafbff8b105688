/*
 * netns_lo01: network namespaces, after unshare(CLONE_NEWNET). The new
 * namespace's lo exists but is down (SIOCGIFFLAGS: LOOPBACK only), so a
 * connect or a UDP send to 127.0.0.1 fails with ENETUNREACH (binding
 * 127.0.0.1 still works, as Linux); SIOCSIFFLAGS with IFF_UP brings it up and a TCP
 * echo over 127.0.0.1 works. Ports are per namespace: a port bound (and
 * listening) in one is free in the other. Abstract AF_UNIX names are per
 * namespace; path-bound ones are reached from any namespace.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

#define PORT 47811

static struct sockaddr_in lo_addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int lo_flags(void)
{
	struct ifreq ifr = { 0 };
	int s = SAFE(socket(AF_INET, SOCK_DGRAM, 0));

	strcpy(ifr.ifr_name, "lo");
	SAFE(ioctl(s, SIOCGIFFLAGS, &ifr));
	close(s);
	return ifr.ifr_flags;
}

static void lo_up(void)
{
	struct ifreq ifr = { 0 };
	int s = SAFE(socket(AF_INET, SOCK_DGRAM, 0));

	strcpy(ifr.ifr_name, "lo");
	SAFE(ioctl(s, SIOCGIFFLAGS, &ifr));
	ifr.ifr_flags |= IFF_UP;
	EXPECT_OK(ioctl(s, SIOCSIFFLAGS, &ifr));
	close(s);
}

static int listen_any(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int s = SAFE(socket(AF_INET, SOCK_STREAM, 0));

	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(s);
		return -1;
	}
	SAFE(listen(s, 4));
	return s;
}

static int abstract_bind(const char *name)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);

	memcpy(a.sun_path + 1, name, strlen(name));
	if (bind(s, (struct sockaddr *)&a, len) < 0) {
		int e = errno;

		close(s);
		errno = e;
		return -1;
	}
	return s;
}

static int unix_connect(const char *name, bool abstract)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	socklen_t len;

	if (abstract) {
		memcpy(a.sun_path + 1, name, strlen(name));
		len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
	} else {
		strcpy(a.sun_path, name);
		len = sizeof(a);
	}
	if (connect(s, (struct sockaddr *)&a, len) < 0) {
		int e = errno;

		close(s);
		errno = e;
		return -1;
	}
	return s;
}

static void run(void)
{
	char abs_name[64], path[256];
	struct sockaddr_in a;
	int outer, ab, pb, s, l, c;
	char buf[8];
	pid_t pid;

	/* Outside: a listener on PORT and two unix names. */
	outer = listen_any(PORT);
	if (outer < 0)
		t_brk(TCONF | TERRNO, "port %d busy on the host", PORT);
	snprintf(abs_name, sizeof(abs_name), "netns_lo01.%d", getpid());
	ab = abstract_bind(abs_name);
	if (ab < 0)
		t_brk(TBROK | TERRNO, "abstract bind");
	SAFE(listen(ab, 4));
	snprintf(path, sizeof(path), "%s/sock", t_tmpdir());
	{
		struct sockaddr_un u = { .sun_family = AF_UNIX };

		strcpy(u.sun_path, path);
		pb = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
		SAFE(bind(pb, (struct sockaddr *)&u, sizeof(u)));
		SAFE(listen(pb, 4));
	}

	pid = t_fork();
	if (!pid) {
		if (unshare(CLONE_NEWNET) < 0)
			t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNET)");
		EXPECT_MSG((lo_flags() & (IFF_UP | IFF_LOOPBACK)) == IFF_LOOPBACK,
			   "lo of a new namespace is down (flags %#x)", lo_flags());

		s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
		a = lo_addr(PORT);
		EXPECT_FAIL(connect(s, (struct sockaddr *)&a, sizeof(a)), ENETUNREACH);
		close(s);
		s = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
		a = lo_addr(PORT);
		EXPECT_FAIL(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)), ENETUNREACH);
		close(s);
		s = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
		a = lo_addr(0);
		EXPECT_OK(bind(s, (struct sockaddr *)&a, sizeof(a)));
		close(s);

		/* The port the parent's namespace listens on is free here. */
		l = listen_any(PORT);
		EXPECT_MSG(l >= 0, "port %d bound outside is free inside", PORT);

		/* Abstract names are the namespace's own; paths are shared. */
		EXPECT_FAIL(unix_connect(abs_name, true), ECONNREFUSED);
		s = abstract_bind(abs_name);
		EXPECT_MSG(s >= 0, "abstract name bound outside is free inside");
		if (s >= 0)
			close(s);
		c = unix_connect(path, false);
		EXPECT_MSG(c >= 0, "a path-bound unix socket is reached from another namespace");
		if (c >= 0)
			close(c);

		lo_up();
		EXPECT_MSG((lo_flags() & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING),
			   "lo is up and running (flags %#x)", lo_flags());
		if (l >= 0) {
			int acc;

			c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
			a = lo_addr(PORT);
			EXPECT_OK(connect(c, (struct sockaddr *)&a, sizeof(a)));
			acc = SAFE(accept(l, NULL, NULL));
			EXPECT_EQ(write(c, "ping", 4), 4);
			memset(buf, 0, sizeof(buf));
			EXPECT_EQ(read(acc, buf, 4), 4);
			EXPECT_EQ(write(acc, buf, 4), 4);
			memset(buf, 0, sizeof(buf));
			EXPECT_EQ(read(c, buf, 4), 4);
			EXPECT_MSG(!memcmp(buf, "ping", 4), "TCP echo over lo in the new namespace");
			close(acc);
			close(c);
			close(l);
		}
		_exit(0);
	}
	t_reap(pid);
	/* Outside, the listener is still the one connections reach. */
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	a = lo_addr(PORT);
	EXPECT_OK(connect(c, (struct sockaddr *)&a, sizeof(a)));
	close(c);
	close(outer);
	close(ab);
	close(pb);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
