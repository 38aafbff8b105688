/*
 * setfsuid01: setfsuid() returns the previous filesystem uid and changes
 * the uid used for file access checks only: with real uid 1234 and
 * effective uid 4321, a file readable only by 1234 becomes readable after
 * setfsuid(1234) while geteuid() stays 4321; setfsgid() likewise returns
 * the previous value.
 */
#include <sys/fsuid.h>

#include "harness.h"

static void run(void)
{
	pid_t pid;

	t_write_file("f", "x", 0600);
	SAFE(chown("f", 1234, 1234));
	SAFE(chmod("f", 0400));
	pid = t_fork();
	if (!pid) {
		EXPECT_EQ(setfsgid(77), 0);
		EXPECT_EQ(setfsgid(0), 77);
		SAFE(setresuid(1234, 4321, 4321));
		EXPECT_FAIL(open("f", O_RDONLY), EACCES);
		EXPECT_EQ(setfsuid(1234), 4321);	/* allowed: it is the real uid */
		EXPECT_EQ(geteuid(), 4321);
		int fd = EXPECT_OK(open("f", O_RDONLY));
		close(fd);
		EXPECT_EQ(setfsuid(4321), 1234);
		EXPECT_FAIL(open("f", O_RDONLY), EACCES);
		/* Not one of our uids: refused, the call still returns the old. */
		EXPECT_EQ(setfsuid(999), 4321);
		EXPECT_EQ(setfsuid(4321), 4321);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
