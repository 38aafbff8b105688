/*
 * pidns02: the session and process group a pid namespace's init inherits
 * were made outside it, so inside getsid(0), getpgid(0) and getpgrp() are
 * 0; after setsid() they are 1, and the caller outside sees the init's
 * session and group as its outside pid. A child of the init inherits
 * group and session 1; setpgid(0, 0) moves it to a group of its own (2),
 * and setpgid() to a group number unknown in the namespace is EPERM.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static struct t_chan up, down;

static void ns_init(void)
{
	pid_t c;

	t_chan_wait(&down);
	EXPECT_EQ(getsid(0), 0);
	EXPECT_EQ(getpgid(0), 0);
	EXPECT_EQ(getpgrp(), 0);
	EXPECT_EQ(setsid(), 1);
	EXPECT_EQ(getsid(0), 1);
	EXPECT_EQ(getpgid(0), 1);
	EXPECT_EQ(getpgrp(), 1);
	t_chan_post(&up);
	t_chan_wait(&down);
	c = fork();
	if (c == 0) {
		EXPECT_EQ(getsid(0), 1);
		EXPECT_EQ(getpgid(0), 1);
		EXPECT_FAIL(setpgid(0, 77), EPERM);
		EXPECT_OK(setpgid(0, 0));
		EXPECT_EQ(getpgrp(), 2);
		EXPECT_EQ(getpgid(1), 1);
		EXPECT_EQ(getsid(1), 1);
		_exit(0);
	}
	t_reap(c);
}

static void run(void)
{
	pid_t pid;

	t_chan_open(&up);
	t_chan_open(&down);
	pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		ns_init();
		_exit(0);
	}
	EXPECT_EQ(getsid(pid), getsid(0));
	EXPECT_EQ(getpgid(pid), getpgrp());
	t_chan_post(&down);
	t_chan_wait(&up);
	EXPECT_EQ(getsid(pid), pid);
	EXPECT_EQ(getpgid(pid), pid);
	t_chan_post(&down);
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
