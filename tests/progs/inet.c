/*
 * inet: programs that talk to themselves over loopback. For 127.0.0.1
 * and ::1 in turn: a TCP echo server in a child process gets 10 MiB from
 * the parent, which writes and reads at once (poll, non-blocking), half-
 * closes and reads the echo to EOF, checking every byte; then a UDP
 * ping-pong of datagrams of many sizes with the sender's address checked.
 * Also: "localhost" resolves through /etc/hosts, lo has an index.
 */
#include "progs.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define TOTAL (10 << 20)
#define CHUNK 65536
#define PINGS 500

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 + (i >> 11));
}

static int wait_child(pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

static socklen_t make_addr(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	ss->ss_family = family;
	if (family == AF_INET) {
		((struct sockaddr_in *)ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(struct sockaddr_in);
	}
	((struct sockaddr_in6 *)ss)->sin6_addr = in6addr_loopback;
	return sizeof(struct sockaddr_in6);
}

static void echo_server(int l)
{
	static char buf[CHUNK];
	int a = accept(l, NULL, NULL);
	ssize_t n;

	if (a < 0)
		_exit(2);
	while ((n = read(a, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(a, buf + off, n - off);
			if (w <= 0)
				_exit(3);
			off += w;
		}
	}
	_exit(n == 0 ? 0 : 4);
}

static void tcp_echo(int family, const char *name)
{
	static unsigned char out[CHUNK], in[CHUNK];
	struct sockaddr_storage ss;
	socklen_t len = make_addr(family, &ss);
	long sent = 0, got = 0, bad = 0;
	int l, c, one = 1;
	pid_t pid;

	l = socket(family, SOCK_STREAM, 0);
	CHECK(l >= 0, "%s: TCP socket", name);
	CHECK(bind(l, (struct sockaddr *)&ss, len) == 0, "%s: bind port 0", name);
	CHECK(listen(l, 8) == 0, "%s: listen", name);
	CHECK(getsockname(l, (struct sockaddr *)&ss, &len) == 0, "%s: getsockname", name);
	pid = fork();
	if (pid == 0)
		echo_server(l);
	close(l);
	c = socket(family, SOCK_STREAM, 0);
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	CHECK(connect(c, (struct sockaddr *)&ss, len) == 0, "%s: connect", name);
	fcntl(c, F_SETFL, O_NONBLOCK);
	while (got < TOTAL) {
		struct pollfd p = { .fd = c, .events = POLLIN | (sent < TOTAL ? POLLOUT : 0) };

		if (poll(&p, 1, 10000) <= 0)
			break;
		if ((p.revents & POLLOUT) && sent < TOTAL) {
			long n = TOTAL - sent < CHUNK ? TOTAL - sent : CHUNK;
			for (long i = 0; i < n; i++)
				out[i] = pattern(sent + i);
			ssize_t w = write(c, out, n);
			if (w > 0) {
				sent += w;
				if (sent == TOTAL)
					shutdown(c, SHUT_WR);
			} else if (errno != EAGAIN) {
				break;
			}
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = read(c, in, sizeof(in));
			if (r == 0)
				break;
			if (r < 0) {
				if (errno == EAGAIN)
					continue;
				break;
			}
			for (ssize_t i = 0; i < r; i++)
				if (in[i] != pattern(got + i))
					bad++;
			got += r;
		}
	}
	CHECK(sent == TOTAL, "%s: sent 10 MiB", name);
	CHECK(got == TOTAL && bad == 0, "%s: echo of 10 MiB intact (%s)", name,
	      got == TOTAL && !bad ? "all bytes" : "short or corrupt");
	fcntl(c, F_SETFL, 0);
	CHECK(read(c, in, 1) == 0, "%s: EOF after the echo", name);
	close(c);
	CHECK(wait_child(pid) == 0, "%s: echo server exited 0", name);
}

static void udp_pingpong(int family, const char *name)
{
	static char buf[2048], msg[2048];
	struct sockaddr_storage srv, me, from;
	socklen_t slen = make_addr(family, &srv), len;
	int s, c, ok = 1, addr_ok = 1;
	pid_t pid;

	s = socket(family, SOCK_DGRAM, 0);
	CHECK(s >= 0 && bind(s, (struct sockaddr *)&srv, slen) == 0, "%s: UDP bind", name);
	len = slen;
	getsockname(s, (struct sockaddr *)&srv, &len);
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < PINGS; i++) {
			len = sizeof(from);
			ssize_t n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
			if (n < 0 || sendto(s, buf, n, 0, (struct sockaddr *)&from, len) != n)
				_exit(2);
		}
		_exit(0);
	}
	close(s);
	c = socket(family, SOCK_DGRAM, 0);
	make_addr(family, &me);
	bind(c, (struct sockaddr *)&me, slen);
	len = slen;
	getsockname(c, (struct sockaddr *)&me, &len);
	for (int i = 0; i < PINGS && ok; i++) {
		int n = 1 + (i * 37) % 1400;
		for (int k = 0; k < n; k++)
			msg[k] = (char)(i + k);
		if (sendto(c, msg, n, 0, (struct sockaddr *)&srv, slen) != n) {
			ok = 0;
			break;
		}
		len = sizeof(from);
		ssize_t r = recvfrom(c, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
		if (r != n || memcmp(buf, msg, n))
			ok = 0;
		if (len != slen || memcmp(&from, &srv, slen))
			addr_ok = 0;
	}
	CHECK(ok, "%s: %d UDP datagrams echoed whole", name, PINGS);
	CHECK(addr_ok, "%s: replies come from the server's address", name);
	close(c);
	CHECK(wait_child(pid) == 0, "%s: UDP server exited 0", name);
}

static void names(void)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL, *ai;
	int v4 = 0;

	CHECK(getaddrinfo("localhost", "80", &hints, &res) == 0, "getaddrinfo(\"localhost\")");
	for (ai = res; ai; ai = ai->ai_next)
		if (ai->ai_family == AF_INET &&
		    ((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
			v4 = 1;
	CHECK(v4, "localhost is 127.0.0.1");
	if (res)
		freeaddrinfo(res);
	CHECK(if_nametoindex("lo") > 0, "lo has an interface index");
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	tcp_echo(AF_INET, "127.0.0.1");
	tcp_echo(AF_INET6, "::1");
	udp_pingpong(AF_INET, "127.0.0.1");
	udp_pingpong(AF_INET6, "::1");
	names();
	return finish("inet");
}
