/*
 * sigaction03: SA_NODEFER lets a handler be interrupted by its own signal
 * (nested delivery); without it the second signal waits until the handler
 * returns. SA_RESTART makes a blocking read() resume after the handler
 * (data that arrives only after the handler ran is then returned);
 * without it read() fails with EINTR.
 */
#include <signal.h>
#include <sys/time.h>

#include "harness.h"

static volatile int depth, max_depth, count;
static int notify_fd;

static void nest(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (count++ == 0)
		raise(sig);
	depth--;
}

static void tick(int sig)
{
	write(notify_fd, "t", 1);
}

/* Returns 0 if read() got the data, else its errno. */
static int read_with_alarm(int flags)
{
	struct sigaction sa = { .sa_handler = tick, .sa_flags = flags };
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };
	int p[2], n[2], r;
	char c;
	pid_t pid;

	SAFE(pipe(p));
	SAFE(pipe(n));
	notify_fd = n[1];
	sigaction(SIGALRM, &sa, NULL);
	pid = t_fork();
	if (!pid) {
		/* Write only after the parent's handler has run. */
		if (read(n[0], &c, 1) == 1)
			write(p[1], "x", 1);
		_exit(0);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	errno = 0;
	r = read(p[0], &c, 1);
	r = r == 1 ? 0 : errno;
	t_reap(pid);
	close(p[0]);
	close(p[1]);
	close(n[0]);
	close(n[1]);
	return r;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = nest };

	sa.sa_flags = SA_NODEFER;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(max_depth, 2);
	count = max_depth = 0;
	sa.sa_flags = 0;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(count, 2);
	EXPECT_EQ(max_depth, 1);

	EXPECT_EQ(read_with_alarm(SA_RESTART), 0);
	EXPECT_EQ(read_with_alarm(0), EINTR);
}

const struct t_test t_test = { .run = run };
