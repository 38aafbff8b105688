/*
 * pidns32: pid namespaces nest at most 32 levels below the initial one
 * (Linux's MAX_PID_NS_LEVEL): a chain of inits each cloning the next with
 * CLONE_NEWPID stops at that depth with ENOSPC.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

#define MAX_LEVEL 32

/* Our level: the number of NSpid entries of /proc/self/status minus one. */
static int current_level(void)
{
	char buf[4096], *p;
	int n = 0;

	if (t_read_file("/proc/self/status", buf, sizeof(buf)) <= 0)
		return -1;
	p = strstr(buf, "\nNSpid:");
	if (!p)
		return -1;
	for (p += 7; *p && *p != '\n'; p++)
		n += *p == '\t';
	return n - 1;
}

/* Exits with the depth reached (the level whose clone failed with ENOSPC),
 * or 255 on another failure. */
static __attribute__((noreturn)) void chain(int level)
{
	for (;;) {
		pid_t c = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
		int status;

		if (c < 0)
			_exit(errno == ENOSPC ? level : 255);
		if (c == 0) {
			level++;     /* the child goes on, one level down */
			continue;
		}
		if (waitpid(c, &status, 0) != c || !WIFEXITED(status))
			_exit(255);
		_exit(WEXITSTATUS(status));
	}
}

static void run(void)
{
	int start = current_level(), status;
	pid_t c;

	if (start < 0)
		t_brk(TBROK, "no NSpid line in /proc/self/status");
	c = t_fork();
	if (c == 0)
		chain(start);
	EXPECT_EQ(waitpid(c, &status, 0), c);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == MAX_LEVEL,
		   "nesting stops with ENOSPC at level %d (exit %d)", MAX_LEVEL,
		   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

const struct t_test t_test = { .run = run, .needs_root = 1, .timeout = 120 };
