/*
 * fcntl_setsig01: signal-driven I/O with F_SETSIG: an O_ASYNC file that
 * becomes ready queues the F_SETSIG real-time signal to its owner with
 * si_code POLL_IN (data arrived) or POLL_OUT (room freed), si_fd the
 * descriptor and si_band the poll bits. Checked on a pipe's read and
 * write ends, an AF_UNIX socket pair, TCP over loopback (a connection
 * arriving at a listener, data at the accepted socket), an inotify instance and a
 * pseudo-terminal master; F_SETOWN_EX/F_GETOWN_EX round trip, F_SETOWN of
 * a missing pid is ESRCH; an eventfd (no fasync on Linux) drops O_ASYNC.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

#include "harness.h"

#define SIG (SIGRTMIN + 2)

static void arm(int fd)
{
	SAFE(fcntl(fd, F_SETOWN, getpid()));
	SAFE(fcntl(fd, F_SETSIG, SIG));
	SAFE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC));
}

/* The next queued SIG, within 5 s; -1 on timeout. */
static int next_sig(siginfo_t *si)
{
	sigset_t set;
	struct timespec ts = { 5, 0 };

	sigemptyset(&set);
	sigaddset(&set, SIG);
	return sigtimedwait(&set, si, &ts);
}

static void drain(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { 0, 0 };

	sigemptyset(&set);
	sigaddset(&set, SIG);
	while (sigtimedwait(&set, &si, &ts) > 0)
		;
}

/* O_ASYNC off: no more signals from fd. */
static void disarm(int fd)
{
	SAFE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_ASYNC));
}

static void expect_event(const char *what, int fd, int code, short bit)
{
	siginfo_t si;

	if (next_sig(&si) != SIG) {
		t_res(TFAIL, "%s: no signal", what);
		return;
	}
	EXPECT_MSG(si.si_code == code, "%s: si_code %d (want %d)", what, si.si_code, code);
	EXPECT_MSG(si.si_fd == fd, "%s: si_fd %d (want %d)", what, si.si_fd, fd);
	EXPECT_MSG(si.si_band & bit, "%s: si_band 0x%lx has 0x%x", what, (long)si.si_band, bit);
	disarm(fd);
	drain();
}

static void run(void)
{
	struct f_owner_ex ex = { F_OWNER_TID, 0 };
	sigset_t set;
	char buf[65536];
	int p[2], s[2], m, sl, e, in, l, cl, ac;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t salen = sizeof(sa);

	sigemptyset(&set);
	sigaddset(&set, SIG);
	SAFE(sigprocmask(SIG_BLOCK, &set, NULL));

	SAFE(pipe(p));
	ex.type = ex.pid = 9;
	EXPECT_OK(fcntl(p[0], F_GETOWN_EX, &ex));
	EXPECT_MSG(ex.type == F_OWNER_TID && ex.pid == 0, "no owner yet: type %d pid %d",
		   ex.type, ex.pid);
	EXPECT_FAIL(fcntl(p[0], F_SETOWN, 0x3ffffff0), ESRCH);
	ex.type = F_OWNER_PID;
	ex.pid = -5;
	EXPECT_FAIL(fcntl(p[0], F_SETOWN_EX, &ex), ESRCH);
	EXPECT_FAIL(fcntl(p[0], F_SETSIG, 65), EINVAL);
	ex.type = F_OWNER_PGRP;
	ex.pid = getpgrp();
	EXPECT_OK(fcntl(p[0], F_SETOWN_EX, &ex));
	ex.type = ex.pid = 0;
	EXPECT_OK(fcntl(p[0], F_GETOWN_EX, &ex));
	EXPECT_EQ(ex.type, F_OWNER_PGRP);
	EXPECT_EQ(ex.pid, getpgrp());
	EXPECT_EQ(fcntl(p[0], F_GETOWN), -getpgrp());
	ex.type = 7;
	EXPECT_FAIL(fcntl(p[0], F_SETOWN_EX, &ex), EINVAL);

	/* pipe: data arriving at the read end */
	arm(p[0]);
	SAFE(write(p[1], "x", 1));
	expect_event("pipe read end", p[0], POLL_IN, POLLIN);
	SAFE(read(p[0], buf, 1));
	drain();

	/* pipe: room freed at the write end (fill it, then read) */
	SAFE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	arm(p[1]);
	drain();
	SAFE(read(p[0], buf, sizeof(buf)));
	expect_event("pipe write end", p[1], POLL_OUT, POLLOUT);

	/* AF_UNIX stream pair: data arriving */
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, s));
	arm(s[0]);
	drain();
	SAFE(write(s[1], "y", 1));
	expect_event("unix socket", s[0], POLL_IN, POLLIN);

	/* TCP: a connection arrives at the listener, then data */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sa, sizeof(sa)));
	SAFE(listen(l, 1));
	SAFE(getsockname(l, (struct sockaddr *)&sa, &salen));
	arm(l);
	drain();
	cl = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(cl, (struct sockaddr *)&sa, sizeof(sa)));
	expect_event("tcp listener", l, POLL_IN, POLLIN);
	ac = SAFE(accept(l, NULL, NULL));
	arm(ac);
	drain();
	SAFE(write(cl, "t", 1));
	expect_event("tcp socket", ac, POLL_IN, POLLIN);

	/* inotify: an event arrives */
	in = SAFE(inotify_init1(0));
	SAFE(inotify_add_watch(in, ".", IN_CREATE));
	arm(in);
	drain();
	t_write_file("created", "", 0644);
	expect_event("inotify", in, POLL_IN, POLLIN);

	/* eventfd has no fasync: the flag does not stick */
	e = SAFE(eventfd(0, 0));
	EXPECT_OK(fcntl(e, F_SETFL, O_ASYNC));
	EXPECT(!(fcntl(e, F_GETFL) & O_ASYNC));

	/* pty master: the slave writes */
	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m)) {
		t_res(TCONF | TERRNO, "no pty");
		return;
	}
	sl = SAFE(open(ptsname(m), O_RDWR | O_NOCTTY));
	arm(m);
	drain();
	SAFE(write(sl, "z\n", 2));
	expect_event("pty master", m, POLL_IN, POLLIN);
}

const struct t_test t_test = { .run = run };
