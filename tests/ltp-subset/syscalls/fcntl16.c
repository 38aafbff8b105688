/*
 * fcntl16: locks split and merge: unlocking the middle of a locked range
 * leaves two locks that other processes see separately; changing the type
 * of a sub-range splits the lock.
 */
#include <fcntl.h>

#include "harness.h"

static int fd;

static void getlk(off_t start, off_t len, struct flock *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_WRLCK;
	fl->l_whence = SEEK_SET;
	fl->l_start = start;
	fl->l_len = len;
	SAFE(fcntl(fd, F_GETLK, fl));
}

static int setlk(short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
			    .l_start = start, .l_len = len };
	return fcntl(fd, F_SETLK, &fl);
}

static void run(void)
{
	struct t_chan ready, done;
	struct flock fl;
	pid_t pid;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	t_chan_open(&ready);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		SAFE(setlk(F_WRLCK, 0, 30));
		SAFE(setlk(F_UNLCK, 10, 10));	/* [0,10) and [20,30) remain */
		SAFE(setlk(F_RDLCK, 25, 5));	/* [20,25) W, [25,30) R */
		t_chan_post(&ready);
		t_chan_wait(&done);
		_exit(0);
	}
	t_chan_wait(&ready);
	getlk(0, 0, &fl);
	EXPECT(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10);
	getlk(10, 10, &fl);
	EXPECT_EQ(fl.l_type, F_UNLCK);
	getlk(15, 0, &fl);
	EXPECT(fl.l_type == F_WRLCK && fl.l_start == 20 && fl.l_len == 5);
	getlk(25, 0, &fl);
	EXPECT(fl.l_type == F_RDLCK && fl.l_start == 25 && fl.l_len == 5);
	EXPECT_OK(setlk(F_RDLCK, 25, 5));
	EXPECT_OK(setlk(F_WRLCK, 10, 10));
	t_chan_post(&done);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
