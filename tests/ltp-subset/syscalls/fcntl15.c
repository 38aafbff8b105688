/*
 * fcntl15: a process's POSIX locks on a file are all released when it
 * closes any descriptor for that file, even one that was not used to lock.
 */
#include <fcntl.h>

#include "harness.h"

static int try_lock(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	return fcntl(fd, F_SETLK, &fl);
}

static void run(void)
{
	struct t_chan step, back;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd1, fd2;
	pid_t pid;

	t_write_file("f", "x", 0644);
	t_chan_open(&step);
	t_chan_open(&back);
	pid = t_fork();
	if (!pid) {
		fd1 = SAFE(open("f", O_RDWR));
		fd2 = SAFE(open("f", O_RDWR));
		SAFE(fcntl(fd1, F_SETLK, &fl));
		t_chan_post(&back);
		t_chan_wait(&step);
		close(fd2);	/* drops the lock taken through fd1 */
		t_chan_post(&back);
		t_chan_wait(&step);
		_exit(0);
	}
	fd1 = SAFE(open("f", O_RDWR));
	t_chan_wait(&back);
	EXPECT_FAIL(try_lock(fd1), EAGAIN);
	t_chan_post(&step);
	t_chan_wait(&back);
	EXPECT_OK(try_lock(fd1));
	t_chan_post(&step);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
