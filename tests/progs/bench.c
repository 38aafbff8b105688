/*
 * bench: micro-benchmarks of the system calls everything else is built
 * on, for scripts/bench.sh, which runs this program under our kernel and
 * under Debian's Linux kernel in the same QEMU and prints the ratios.
 * Each line is "bench NAME: N ns/op (ITERS ops)", with a fixed iteration
 * count per benchmark (`bench -s SCALE` divides them, for quick runs);
 * a benchmark that cannot run prints "bench NAME: n/a (ERRNO)". TCP
 * loopback: tcp_pingpong is a 1-byte round trip, tcp_stream_64k 64 KiB
 * streamed to another process (its line also gives MB/s), and
 * pipe_stream_64k the same through a pipe.
 *
 *   bench [-s SCALE] [NAME...]
 */
#include "progs.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

static const char *self;
static long scale = 1;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Each benchmark does iters operations, returns 0 or an errno. */
static int b_getpid(long iters)
{
	for (long i = 0; i < iters; i++)
		syscall(SYS_getpid);
	return 0;
}

static int b_open_close(long iters)
{
	for (long i = 0; i < iters; i++) {
		int fd = open("/etc/passwd", O_RDONLY);
		if (fd < 0)
			return errno;
		close(fd);
	}
	return 0;
}

static int b_read_zero(long iters)
{
	static char buf[4096];
	int fd = open("/dev/zero", O_RDONLY);

	if (fd < 0)
		return errno;
	for (long i = 0; i < iters; i++) {
		if (read(fd, buf, sizeof(buf)) != sizeof(buf)) {
			close(fd);
			return errno ? errno : EIO;
		}
	}
	close(fd);
	return 0;
}

static int b_pipe_pingpong(long iters)
{
	int a[2], b[2], status;
	char c = 0;

	if (pipe(a) || pipe(b))
		return errno;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		while (read(a[0], &c, 1) == 1)
			write(b[1], &c, 1);
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	for (long i = 0; i < iters; i++) {
		write(a[1], &c, 1);
		read(b[0], &c, 1);
	}
	close(a[1]);
	close(b[0]);
	waitpid(pid, &status, 0);
	return 0;
}

static int b_fork_wait(long iters)
{
	for (long i = 0; i < iters; i++) {
		int status;
		pid_t pid = fork();
		if (pid < 0)
			return errno;
		if (pid == 0)
			_exit(0);
		waitpid(pid, &status, 0);
	}
	return 0;
}

static int b_fork_exec_wait(long iters)
{
	for (long i = 0; i < iters; i++) {
		int status;
		pid_t pid = fork();
		if (pid < 0)
			return errno;
		if (pid == 0) {
			char *args[] = { (char *)self, "-x", NULL };
			execv(self, args);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return ENOEXEC;
	}
	return 0;
}

static int b_mmap_touch_1m(long iters)
{
	for (long i = 0; i < iters; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return errno;
		for (int off = 0; off < (1 << 20); off += 4096)
			p[off] = 1;
		munmap(p, 1 << 20);
	}
	return 0;
}

static int b_stat(long iters)
{
	struct stat st;

	for (long i = 0; i < iters; i++) {
		if (stat("/etc/passwd", &st) < 0)
			return errno;
	}
	return 0;
}

/* A connected TCP pair over 127.0.0.1: *c in this process, *a for a child. */
static int tcp_pair(int *c, int *a)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int l, one = 1;

	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		return errno;
	if (bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&sin, &len))
		return errno;
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (*c < 0 || connect(*c, (struct sockaddr *)&sin, sizeof(sin)))
		return errno;
	*a = accept(l, NULL, NULL);
	if (*a < 0)
		return errno;
	setsockopt(*c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	close(l);
	return 0;
}

/* One op: a 1-byte round trip over TCP loopback between two processes. */
static int b_tcp_pingpong(long iters)
{
	int c, a, status, err = tcp_pair(&c, &a);
	char ch = 0;

	if (err)
		return err;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(c);
		while (read(a, &ch, 1) == 1)
			write(a, &ch, 1);
		_exit(0);
	}
	close(a);
	for (long i = 0; i < iters; i++) {
		if (write(c, &ch, 1) != 1 || read(c, &ch, 1) != 1)
			return EIO;
	}
	close(c);
	waitpid(pid, &status, 0);
	return 0;
}

#define STREAM_CHUNK 65536

/* One op: 64 KiB through TCP loopback to a reader in another process
 * (the time includes the reader draining the last bytes). */
static int b_tcp_stream_64k(long iters)
{
	static char buf[STREAM_CHUNK];
	int c, a, status, err = tcp_pair(&c, &a);

	if (err)
		return err;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(c);
		while (read(a, buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	close(a);
	for (long i = 0; i < iters; i++) {
		for (size_t off = 0; off < sizeof(buf);) {
			ssize_t w = write(c, buf + off, sizeof(buf) - off);
			if (w <= 0)
				return errno ? errno : EIO;
			off += w;
		}
	}
	close(c);
	waitpid(pid, &status, 0);
	return 0;
}

/* The same through a pipe, for comparison. */
static int b_pipe_stream_64k(long iters)
{
	static char buf[STREAM_CHUNK];
	int p[2], status;

	if (pipe(p))
		return errno;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	for (long i = 0; i < iters; i++) {
		for (size_t off = 0; off < sizeof(buf);) {
			ssize_t w = write(p[1], buf + off, sizeof(buf) - off);
			if (w <= 0)
				return errno ? errno : EIO;
			off += w;
		}
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(long);
	long iters;
} benches[] = {
	{ "getpid", b_getpid, 200000 },
	{ "open_close", b_open_close, 20000 },
	{ "read_zero_4k", b_read_zero, 20000 },
	{ "pipe_pingpong", b_pipe_pingpong, 5000 },
	{ "fork_wait", b_fork_wait, 500 },
	{ "fork_exec_wait", b_fork_exec_wait, 200 },
	{ "mmap_touch_1m", b_mmap_touch_1m, 200 },
	{ "stat", b_stat, 20000 },
	{ "tcp_pingpong", b_tcp_pingpong, 5000 },
	{ "tcp_stream_64k", b_tcp_stream_64k, 2000 },
	{ "pipe_stream_64k", b_pipe_stream_64k, 2000 },
};

int main(int argc, char **argv)
{
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "-x") == 0)
		return 0;	/* the exec'd child of fork_exec_wait */
	self = argv[0];
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		scale = atol(argv[2]);
		if (scale < 1)
			scale = 1;
		i = 3;
	}
	for (unsigned b = 0; b < sizeof(benches) / sizeof(benches[0]); b++) {
		int wanted = i >= argc;
		for (int j = i; j < argc; j++)
			wanted |= strcmp(argv[j], benches[b].name) == 0;
		if (!wanted)
			continue;
		long iters = benches[b].iters / scale;
		if (iters < 1)
			iters = 1;
		benches[b].fn(iters > 10 ? iters / 10 : 1);	/* warm up */
		long long t0 = now_ns();
		int err = benches[b].fn(iters);
		long long t1 = now_ns();
		if (err)
			say("bench %s: n/a (%s)", benches[b].name, errname(err));
		else if (benches[b].fn == b_tcp_stream_64k || benches[b].fn == b_pipe_stream_64k)
			say("bench %s: %lld ns/op (%ld ops, %lld MB/s)", benches[b].name,
			    (t1 - t0) / iters, iters,
			    (long long)iters * STREAM_CHUNK * 1000LL / ((t1 - t0) > 0 ? (t1 - t0) : 1));
		else
			say("bench %s: %lld ns/op (%ld ops)", benches[b].name, (t1 - t0) / iters, iters);
	}
	return 0;
}
