/*
 * fcntl19: a F_SETLKW blocked on another process's lock is interrupted by
 * a signal handler (installed without SA_RESTART) and fails with EINTR;
 * the lock was not taken.
 */
#include <signal.h>
#include <sys/time.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 10 };
	struct sigaction sa = { .sa_handler = handler };
	struct itimerval it = { { 0, 0 }, { 0, 200000 } };
	struct t_chan locked, done;
	int fd;
	pid_t pid;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	t_chan_open(&locked);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		SAFE(fcntl(fd, F_SETLK, &fl));
		t_chan_post(&locked);
		t_chan_wait(&done);
		_exit(0);
	}
	t_chan_wait(&locked);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	EXPECT_FAIL(fcntl(fd, F_SETLKW, &fl), EINTR);
	fl.l_type = F_WRLCK;
	SAFE(fcntl(fd, F_GETLK, &fl));
	EXPECT_EQ(fl.l_pid, pid);
	t_chan_post(&done);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
