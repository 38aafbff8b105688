/*
 * flock04: a blocking LOCK_EX waits until the holder (another process)
 * releases its lock: it returns only after the holder has finished its
 * work (the holder's marker file exists).
 */
#include <sys/file.h>

#include "harness.h"

static void run(void)
{
	struct t_chan locked;
	int fd;
	pid_t pid;

	t_write_file("f", "", 0644);
	t_chan_open(&locked);
	pid = t_fork();
	if (!pid) {
		int cfd = SAFE(open("f", O_RDONLY));
		SAFE(flock(cfd, LOCK_EX));
		t_chan_post(&locked);
		t_msleep(200);
		t_write_file("holder-done", "", 0644);
		_exit(0);	/* exit closes the descriptor, releasing */
	}
	t_chan_wait(&locked);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(flock(fd, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	EXPECT_OK(flock(fd, LOCK_EX));
	EXPECT_MSG(access("holder-done", F_OK) == 0,
		   "LOCK_EX returned only after the holder released it");
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
