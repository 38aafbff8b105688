/*
 * pipes: a ping-pong across fork, EOF when the writers are gone, EPIPE
 * with SIGPIPE ignored and death by SIGPIPE without, writes of PIPE_BUF
 * bytes never interleaved between several writers, O_NONBLOCK and the
 * default capacity (64 KiB on Linux), pipe2 flags, poll readiness.
 */
#include "progs.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#define ROUNDS 2000
#define WRITERS 4
#define MSGS 64

static int wait_child(pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

/* Read exactly n bytes (a pipe may return fewer per read). */
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return got ? (ssize_t)got : r;
		got += r;
	}
	return got;
}

int main(void)
{
	int p2c[2], c2p[2], p[2];
	pid_t pid;
	char c;

	/* 1. Ping-pong: a counter bounced ROUNDS times. */
	CHECK(pipe(p2c) == 0 && pipe(c2p) == 0, "two pipes");
	pid = fork();
	if (pid == 0) {
		unsigned v;
		close(p2c[1]);
		close(c2p[0]);
		while (read_full(p2c[0], &v, sizeof(v)) == sizeof(v)) {
			v++;
			if (write(c2p[1], &v, sizeof(v)) != sizeof(v))
				_exit(2);
		}
		_exit(0);	/* EOF: the parent closed its end */
	}
	close(p2c[0]);
	close(c2p[1]);
	unsigned v = 0;
	int ok = 1;
	for (int i = 0; i < ROUNDS && ok; i++) {
		ok = write(p2c[1], &v, sizeof(v)) == sizeof(v) &&
		     read_full(c2p[0], &v, sizeof(v)) == sizeof(v);
		v++;
	}
	say("ping-pong: %d rounds, counter %u", ROUNDS, v);
	close(p2c[1]);
	CHECK(wait_child(pid) == 0, "the child saw EOF and exited 0");
	CHECK(read(c2p[0], &c, 1) == 0, "read after the writer exited: EOF (0)");
	close(c2p[0]);

	/* 2. No reader: EPIPE with SIGPIPE ignored, death by SIGPIPE without. */
	CHECK(pipe(p) == 0, "pipe");
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE, "write without reader: EPIPE");
	signal(SIGPIPE, SIG_DFL);
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	say("write without reader, SIGPIPE default: child status %d", wait_child(pid));
	close(p[1]);

	/* 3. PIPE_BUF atomicity: WRITERS children write MSGS messages of PIPE_BUF bytes each. */
	say("PIPE_BUF=%d", PIPE_BUF);
	CHECK(pipe(p) == 0, "pipe");
	for (int w = 0; w < WRITERS; w++) {
		if (fork() == 0) {
			char msg[PIPE_BUF];
			close(p[0]);
			memset(msg, 'a' + w, sizeof(msg));
			for (int i = 0; i < MSGS; i++) {
				if (write(p[1], msg, sizeof(msg)) != sizeof(msg))
					_exit(1);
			}
			_exit(0);
		}
	}
	close(p[1]);
	static char msg[PIPE_BUF];
	int count[WRITERS] = { 0 }, torn = 0, total = 0;
	while (read_full(p[0], msg, sizeof(msg)) == sizeof(msg)) {
		int w = msg[0] - 'a';
		for (int i = 1; i < PIPE_BUF; i++)
			torn |= msg[i] != msg[0];
		if (w >= 0 && w < WRITERS)
			count[w]++;
		total++;
	}
	close(p[0]);
	int statuses = 0;
	for (int w = 0; w < WRITERS; w++) {
		int st;
		wait(&st);
		statuses |= st;
	}
	say("atomic writes: %d messages, %d %d %d %d per writer, %s", total,
	    count[0], count[1], count[2], count[3], torn ? "TORN" : "none torn");
	CHECK(statuses == 0, "all writers exited 0");

	/* 4. O_NONBLOCK: empty read EAGAIN, capacity, full write EAGAIN. */
	CHECK(pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0, "pipe2(O_NONBLOCK | O_CLOEXEC)");
	CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC, "read end has FD_CLOEXEC");
	CHECK((fcntl(p[1], F_GETFL) & (O_NONBLOCK | O_ACCMODE)) == (O_NONBLOCK | O_WRONLY),
	      "write end flags O_WRONLY | O_NONBLOCK");
	errno = 0;
	CHECK(read(p[0], &c, 1) == -1 && errno == EAGAIN, "empty non-blocking read: EAGAIN");
	struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
	CHECK(poll(pf, 2, 0) == 1 && pf[0].revents == 0 && pf[1].revents == POLLOUT,
	      "poll: empty pipe writable, not readable");
	long cap = 0;
	ssize_t r;
	static char chunk[PIPE_BUF];
	while ((r = write(p[1], chunk, sizeof(chunk))) > 0)
		cap += r;
	say("capacity: %ld bytes in PIPE_BUF writes, then %s", cap, errname(errno));
	errno = 0;
	CHECK(write(p[1], "x", 1) == -1 && errno == EAGAIN, "one more byte: EAGAIN");
	pf[0].revents = pf[1].revents = 0;
	CHECK(poll(pf, 2, 0) == 1 && pf[0].revents == POLLIN && pf[1].revents == 0,
	      "poll: full pipe readable, not writable");
	close(p[1]);
	long drained = 0;
	while ((r = read(p[0], chunk, sizeof(chunk))) > 0)
		drained += r;
	CHECK(drained == cap && r == 0, "drained everything, then EOF");
	pf[0].revents = 0;
	CHECK(poll(pf, 1, 0) == 1 && (pf[0].revents & POLLHUP), "poll: POLLHUP after the writer closed");
	close(p[0]);

	/* 5. Bad descriptors. */
	errno = 0;
	CHECK(pipe(p) == 0 && write(p[0], "x", 1) == -1 && errno == EBADF, "write to the read end: EBADF");
	errno = 0;
	CHECK(read(p[1], &c, 1) == -1 && errno == EBADF, "read from the write end: EBADF");
	errno = 0;
	CHECK(lseek(p[0], 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek on a pipe: ESPIPE");
	close(p[0]);
	close(p[1]);
	return finish("pipes");
}
