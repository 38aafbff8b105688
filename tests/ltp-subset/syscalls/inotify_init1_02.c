/*
 * inotify_init1_02: IN_NONBLOCK: F_GETFL shows O_NONBLOCK and a read with
 * nothing queued is EAGAIN; without it a read blocks until a signal
 * interrupts it (EINTR, handler without SA_RESTART); F_SETFL can switch
 * a blocking instance to non-blocking.
 */
#include <signal.h>
#include <sys/inotify.h>

#include "harness.h"

static void on_alarm(int sig)
{
	(void)sig;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	char buf[256];
	pid_t sender;
	int fd;

	fd = EXPECT_OK(inotify_init1(IN_NONBLOCK));
	EXPECT(fcntl(fd, F_GETFL) & O_NONBLOCK);
	EXPECT_FAIL(read(fd, buf, sizeof(buf)), EAGAIN);
	close(fd);

	fd = EXPECT_OK(inotify_init1(0));
	EXPECT(!(fcntl(fd, F_GETFL) & O_NONBLOCK));
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sender = t_signal_repeatedly(SIGUSR1, 50);
	EXPECT_FAIL(read(fd, buf, sizeof(buf)), EINTR);
	t_signal_stop(sender);
	SAFE(fcntl(fd, F_SETFL, O_NONBLOCK));
	EXPECT_FAIL(read(fd, buf, sizeof(buf)), EAGAIN);
	close(fd);
}

const struct t_test t_test = { .run = run };
