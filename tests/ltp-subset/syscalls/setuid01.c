/*
 * setuid01: root's setuid(uid) sets real, effective and saved uid, so the
 * process can never get root back (setuid(0) then fails with EPERM); an
 * unprivileged setuid() to its own real uid succeeds; descriptors opened
 * before keep working.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	pid_t pid;
	int fd;

	t_write_file("rootonly", "x", 0600);
	fd = SAFE(open("rootonly", O_RDONLY));
	pid = t_fork();
	if (!pid) {
		uid_t r, e, s;
		char c;
		EXPECT_OK(setuid(1234));
		SAFE(getresuid(&r, &e, &s));
		EXPECT(r == 1234 && e == 1234 && s == 1234);
		EXPECT_FAIL(setuid(0), EPERM);
		EXPECT_OK(setuid(1234));
		EXPECT_FAIL(open("rootonly", O_RDONLY), EACCES);
		EXPECT_EQ(read(fd, &c, 1), 1);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
