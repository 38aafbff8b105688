/*
 * fcntl11: F_GETLK reports the lock another process holds (type, range,
 * pid) and F_UNLCK when the requested lock would not conflict; read locks
 * do not conflict with read locks.
 */
#include <fcntl.h>

#include "harness.h"

static int fd;

static void query(short type, off_t start, off_t len, struct flock *out)
{
	memset(out, 0, sizeof(*out));
	out->l_type = type;
	out->l_whence = SEEK_SET;
	out->l_start = start;
	out->l_len = len;
	SAFE(fcntl(fd, F_GETLK, out));
}

static void run(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 5 };
	struct t_chan locked, done;
	pid_t pid;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(ftruncate(fd, 100));
	t_chan_open(&locked);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		SAFE(fcntl(fd, F_SETLK, &fl));
		fl.l_type = F_RDLCK;
		fl.l_start = 50;
		fl.l_len = 10;
		SAFE(fcntl(fd, F_SETLK, &fl));
		t_chan_post(&locked);
		t_chan_wait(&done);
		_exit(0);
	}
	t_chan_wait(&locked);
	query(F_WRLCK, 0, 0, &fl);
	EXPECT_EQ(fl.l_type, F_WRLCK);
	EXPECT_EQ(fl.l_start, 10);
	EXPECT_EQ(fl.l_len, 5);
	EXPECT_EQ(fl.l_pid, pid);
	query(F_RDLCK, 12, 1, &fl);
	EXPECT_EQ(fl.l_type, F_WRLCK);
	query(F_WRLCK, 0, 10, &fl);
	EXPECT_EQ(fl.l_type, F_UNLCK);
	query(F_RDLCK, 50, 10, &fl);
	EXPECT_EQ(fl.l_type, F_UNLCK);
	query(F_WRLCK, 55, 1, &fl);
	EXPECT_EQ(fl.l_type, F_RDLCK);
	EXPECT_EQ(fl.l_start, 50);
	EXPECT_EQ(fl.l_pid, pid);
	t_chan_post(&done);
	t_reap(pid);
	query(F_WRLCK, 0, 0, &fl);
	EXPECT_EQ(fl.l_type, F_UNLCK);
}

const struct t_test t_test = { .run = run };
