/*
 * personality01 (LTP's personality01/02): personality(0xffffffff) reads
 * the execution domain without changing it; a set returns the previous
 * value; PER_LINUX32 makes uname report i686; fork inherits it; execve
 * keeps it but drops READ_IMPLIES_EXEC.
 */
#include <sys/personality.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	struct utsname u;
	int p = personality(0xffffffff);

	if (uname(&u))
		return 2;
	/* PER_LINUX32 kept, READ_IMPLIES_EXEC dropped by execve. */
	if (p != PER_LINUX32 || strcmp(u.machine, "i686")) {
		fprintf(stderr, "after exec: personality %#x, machine %s\n", p, u.machine);
		return 1;
	}
	return 0;
}

static void run(void)
{
	struct utsname u;
	int p0 = personality(0xffffffff);
	pid_t pid;

	EXPECT_EQ(p0, PER_LINUX);
	EXPECT_EQ(personality(0xffffffff), p0);
	EXPECT_EQ(personality(PER_LINUX32), p0);
	EXPECT_EQ(personality(0xffffffff), PER_LINUX32);
	SAFE(uname(&u));
	EXPECT(!strcmp(u.machine, "i686"));
	pid = t_fork();
	if (!pid) {
		struct utsname cu;

		_exit(personality(0xffffffff) == PER_LINUX32 && !uname(&cu) &&
		      !strcmp(cu.machine, "i686") ? 0 : 1);
	}
	t_reap(pid);
	EXPECT_EQ(personality(PER_LINUX32 | READ_IMPLIES_EXEC), PER_LINUX32);
	pid = t_fork();
	if (!pid) {
		execl(t_self(), t_self(), "--child", (char *)NULL);
		_exit(3);
	}
	EXPECT_EQ(t_wait(pid), 0);
	EXPECT_EQ(personality(PER_LINUX), PER_LINUX32 | READ_IMPLIES_EXEC);
	SAFE(uname(&u));
	EXPECT(!strcmp(u.machine, "x86_64"));
}

const struct t_test t_test = { .run = run, .child_main = child_main };
