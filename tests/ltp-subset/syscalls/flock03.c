/*
 * flock03: flock() locks belong to the open file description: a second
 * open() of the file conflicts (EWOULDBLOCK with LOCK_NB), shared locks
 * coexist, a forked child shares its parent's lock, and close releases it.
 */
#include <fcntl.h>
#include <sys/file.h>

#include "harness.h"

static void run(void)
{
	int a, b;
	pid_t pid;

	t_write_file("f", "", 0644);
	a = SAFE(open("f", O_RDONLY));
	b = SAFE(open("f", O_RDONLY));
	SAFE(flock(a, LOCK_EX));
	EXPECT_FAIL(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	EXPECT_FAIL(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	pid = t_fork();
	if (!pid) {
		/* Same description: converting our shared lock works. */
		EXPECT_OK(flock(a, LOCK_EX | LOCK_NB));
		_exit(0);
	}
	t_reap(pid);
	SAFE(flock(a, LOCK_SH));
	EXPECT_OK(flock(b, LOCK_SH | LOCK_NB));
	EXPECT_FAIL(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	close(a);
	EXPECT_OK(flock(b, LOCK_EX | LOCK_NB));
}

const struct t_test t_test = { .run = run };
