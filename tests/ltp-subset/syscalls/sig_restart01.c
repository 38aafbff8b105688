/*
 * sig_restart01: SA_RESTART decides what a slow call interrupted by a
 * handled signal does (Linux's -ERESTARTSYS): with it, read() on a pipe,
 * an AF_UNIX stream socket and a pty, recv() on a datagram socket,
 * accept() and wait4() resume and return what arrives after the handler
 * ran; without it each fails with EINTR. A periodic SIGALRM interrupts the
 * call; the handler tells a helper child to supply the data only once the
 * call is under way, so the outcome does not depend on timing.
 */
#include <signal.h>
#include <termios.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "harness.h"

enum { PIPE, STREAM, PTY, DGRAM, ACCEPT, WAIT, NKINDS };
static const char *const kind_name[] = { "pipe read", "unix stream read", "pty read",
					  "unix dgram recv", "accept", "wait4" };

static volatile int in_call, handled;
static int notify_fd = -1;

static void on_alarm(int sig)
{
	handled++;
	if (in_call && notify_fd >= 0) {
		write(notify_fd, "n", 1);
		notify_fd = -1;        /* once is enough */
	}
}

static void timer(int on)
{
	struct itimerval it = { { 0, on ? 50000 : 0 }, { 0, on ? 50000 : 0 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

/* Returns 0 when the call got its data, else its errno. */
static int one(int kind, int flags)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = flags };
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int n[2], fds[2] = { -1, -1 }, rfd = -1, wfd = -1, lfd = -1, r, err;
	pid_t helper, waited = -1;
	char c = 0;

	SAFE(pipe(n));
	switch (kind) {
	case PIPE:
		SAFE(pipe(fds));
		rfd = fds[0], wfd = fds[1];
		break;
	case STREAM:
	case DGRAM:
		SAFE(socketpair(AF_UNIX, kind == STREAM ? SOCK_STREAM : SOCK_DGRAM, 0, fds));
		rfd = fds[0], wfd = fds[1];
		break;
	case PTY: {
		struct termios tio;
		char name[64];

		wfd = SAFE(posix_openpt(O_RDWR | O_NOCTTY));
		SAFE(grantpt(wfd));
		SAFE(unlockpt(wfd));
		if (ptsname_r(wfd, name, sizeof(name)))
			t_brk(TBROK, "ptsname_r");
		rfd = SAFE(open(name, O_RDWR | O_NOCTTY));
		SAFE(tcgetattr(rfd, &tio));
		cfmakeraw(&tio);
		SAFE(tcsetattr(rfd, TCSANOW, &tio));
		break;
	}
	case ACCEPT:
		snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/sock", t_tmpdir());
		unlink(addr.sun_path);
		lfd = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
		SAFE(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)));
		SAFE(listen(lfd, 1));
		break;
	case WAIT:
		break;
	}

	helper = t_fork();
	if (!helper) {
		/* Supply the data once the parent's handler says it is waiting. */
		close(n[1]);
		if (read(n[0], &c, 1) != 1)
			_exit(kind == WAIT ? 0 : 1);
		if (kind == ACCEPT) {
			int s = socket(AF_UNIX, SOCK_STREAM, 0);

			_exit(connect(s, (struct sockaddr *)&addr, sizeof(addr)) ? 2 : 0);
		}
		if (kind != WAIT && write(wfd, "x", 1) != 1)
			_exit(3);
		_exit(0);
	}
	close(n[0]);
	notify_fd = n[1];
	SAFE(sigaction(SIGALRM, &sa, NULL));
	handled = 0;
	timer(1);
	in_call = 1;
	errno = 0;
	switch (kind) {
	case PIPE:
	case STREAM:
	case PTY:
		r = read(rfd, &c, 1) == 1 ? 0 : -1;
		break;
	case DGRAM:
		r = recv(rfd, &c, 1, 0) == 1 ? 0 : -1;
		break;
	case ACCEPT:
		r = accept(lfd, NULL, NULL);
		if (r >= 0) {
			close(r);
			r = 0;
		}
		break;
	default:
		waited = waitpid(helper, NULL, 0);
		r = waited == helper ? 0 : -1;
		break;
	}
	err = r ? errno : 0;
	in_call = 0;
	timer(0);
	if (!handled)
		t_res(TFAIL, "%s: the handler never ran", kind_name[kind]);
	if (r && notify_fd >= 0) {
		/* Interrupted before the handler told the helper: let it go. */
		write(notify_fd, "n", 1);
	}
	close(n[1]);
	notify_fd = -1;
	if (waited != helper)
		t_reap(helper);
	if (r && kind != WAIT && kind != ACCEPT) {
		/* Drain what the helper wrote after the EINTR. */
		SAFE(read(rfd, &c, 1));
	}
	if (!r && kind != WAIT && kind != ACCEPT && c != 'x')
		t_res(TFAIL, "%s: read %d, not 'x'", kind_name[kind], c);
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (kind == PTY) {
		close(rfd);
		close(wfd);
	}
	if (lfd >= 0) {
		close(lfd);
		unlink(addr.sun_path);
	}
	return err;
}

static void run(void)
{
	for (int k = 0; k < NKINDS; k++) {
		int with = one(k, SA_RESTART), without = one(k, 0);

		EXPECT_MSG(with == 0, "%s with SA_RESTART resumes after the handler (%s)",
			   kind_name[k], with ? t_errname(with) : "data");
		EXPECT_MSG(without == EINTR, "%s without SA_RESTART fails with EINTR (%s)",
			   kind_name[k], without ? t_errname(without) : "data");
	}
}

const struct t_test t_test = { .run = run };
