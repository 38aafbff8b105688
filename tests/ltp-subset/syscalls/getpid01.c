/*
 * getpid01: getpid() is stable, positive, equals fork()'s return value in
 * the parent, and getppid() in a child equals the parent's getpid(); the
 * raw system calls agree with the libc functions; gettid() equals getpid()
 * in a single-threaded process.
 */
#include "harness.h"

static void run(void)
{
	pid_t me = getpid(), pid;
	int p[2];
	pid_t got[2];

	EXPECT(me > 0);
	EXPECT_EQ(getpid(), me);
	EXPECT_EQ(syscall(SYS_getpid), me);
	EXPECT_EQ(syscall(SYS_gettid), me);
	EXPECT_EQ(syscall(SYS_getppid), getppid());
	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		got[0] = getpid();
		got[1] = getppid();
		write(p[1], got, sizeof(got));
		_exit(0);
	}
	SAFE(read(p[0], got, sizeof(got)));
	EXPECT_EQ(got[0], pid);
	EXPECT_EQ(got[1], me);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
