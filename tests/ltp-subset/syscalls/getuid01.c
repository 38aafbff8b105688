/*
 * getuid01: getuid/geteuid/getgid/getegid agree with getresuid/getresgid
 * and the raw system calls; after changing ids as root (setresuid and
 * setresgid to distinct values) each getter reports its own id.
 */
#include "harness.h"

static void run(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	pid_t pid;

	SAFE(getresuid(&r, &e, &s));
	SAFE(getresgid(&gr, &ge, &gs));
	EXPECT_EQ(getuid(), r);
	EXPECT_EQ(geteuid(), e);
	EXPECT_EQ(getgid(), gr);
	EXPECT_EQ(getegid(), ge);
	EXPECT_EQ(syscall(SYS_getuid), r);
	EXPECT_EQ(syscall(SYS_getegid), ge);
	pid = t_fork();
	if (!pid) {
		SAFE(setresgid(101, 102, 103));
		SAFE(setresuid(201, 202, 203));
		SAFE(getresuid(&r, &e, &s));
		SAFE(getresgid(&gr, &ge, &gs));
		EXPECT(r == 201 && e == 202 && s == 203);
		EXPECT(gr == 101 && ge == 102 && gs == 103);
		EXPECT(getuid() == 201 && geteuid() == 202);
		EXPECT(getgid() == 101 && getegid() == 102);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
