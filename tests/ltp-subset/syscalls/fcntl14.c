/*
 * fcntl14: POSIX record locks between processes: F_SETLK on a region
 * write-locked by another process fails with EAGAIN (or EACCES), a
 * non-overlapping region succeeds, and the lock is gone when the holder
 * unlocks; a process's own locks never conflict with each other.
 */
#include <fcntl.h>

#include "harness.h"

static int lock(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

static void run(void)
{
	struct t_chan locked, tried, unlocked;
	int fd;
	pid_t pid;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	t_chan_open(&locked);
	t_chan_open(&tried);
	t_chan_open(&unlocked);
	pid = t_fork();
	if (!pid) {
		SAFE(lock(fd, F_SETLK, F_WRLCK, 0, 100));
		t_chan_post(&locked);
		t_chan_wait(&tried);
		SAFE(lock(fd, F_SETLK, F_UNLCK, 0, 100));
		t_chan_post(&unlocked);
		_exit(0);
	}
	t_chan_wait(&locked);
	errno = 0;
	EXPECT_MSG(lock(fd, F_SETLK, F_WRLCK, 50, 10) == -1 &&
		   (errno == EAGAIN || errno == EACCES),
		   "write lock on a locked region fails with EAGAIN/EACCES (%s)",
		   t_errname(errno));
	EXPECT_MSG(lock(fd, F_SETLK, F_RDLCK, 99, 1) == -1 &&
		   (errno == EAGAIN || errno == EACCES),
		   "read lock on a write-locked byte fails (%s)", t_errname(errno));
	EXPECT_OK(lock(fd, F_SETLK, F_WRLCK, 100, 10));
	EXPECT_OK(lock(fd, F_SETLK, F_RDLCK, 105, 10));	/* own lock: converts */
	t_chan_post(&tried);
	t_chan_wait(&unlocked);
	EXPECT_OK(lock(fd, F_SETLK, F_WRLCK, 0, 100));
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
