/*
 * fcntl17: F_SETLKW blocks until the conflicting lock goes away, and
 * detects a deadlock: when two processes each wait with F_SETLKW for the
 * other's region, exactly one of them (whichever blocks second) gets
 * EDEADLK, and the other then gets its lock.
 */
#include <sys/wait.h>

#include "harness.h"

static int setlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

static void run(void)
{
	struct t_chan ready, go;
	int fd, status, parent_deadlk = 0, child_deadlk;
	pid_t pid;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	t_chan_open(&ready);
	t_chan_open(&go);
	pid = t_fork();
	if (!pid) {
		SAFE(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
		t_chan_post(&ready);
		t_chan_wait(&go);
		if (setlk(fd, F_SETLKW, F_WRLCK, 10, 10) < 0)
			_exit(errno == EDEADLK ? 1 : 2);
		_exit(0);	/* exiting releases everything */
	}
	t_chan_wait(&ready);
	SAFE(setlk(fd, F_SETLK, F_WRLCK, 10, 10));
	t_chan_post(&go);
	t_msleep(100);	/* usually the child blocks first; either order is checked */
	if (setlk(fd, F_SETLKW, F_WRLCK, 0, 10) < 0) {
		EXPECT_EQ(errno, EDEADLK);
		parent_deadlk = 1;
		SAFE(setlk(fd, F_SETLK, F_UNLCK, 10, 10));	/* lets the child go */
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) < 2,
		   "child's F_SETLKW ended in success or EDEADLK (0x%x)", status);
	child_deadlk = WIFEXITED(status) && WEXITSTATUS(status) == 1;
	EXPECT_MSG(parent_deadlk + child_deadlk == 1,
		   "exactly one side got EDEADLK (parent %d, child %d)",
		   parent_deadlk, child_deadlk);
	EXPECT_OK(setlk(fd, F_SETLKW, F_WRLCK, 0, 20));
}

const struct t_test t_test = { .run = run };
