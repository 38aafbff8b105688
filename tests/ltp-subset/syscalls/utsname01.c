/*
 * utsname01 (LTP's containers/utsname): unshare(CLONE_NEWUTS) gives a
 * private host and domain name (a child's sethostname/setdomainname is not
 * seen by its parent, and the child starts with the parent's names);
 * clone(CLONE_NEWUTS) the same; without privilege EPERM.
 */

#include <sched.h>
#include <signal.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(unshare(CLONE_NEWUTS), EPERM);
}

static char stack[64 * 1024];

static int cloned(void *arg)
{
	struct utsname u;

	if (uname(&u) || strcmp(u.nodename, (const char *)arg))
		return 2;
	if (sethostname("utsname01-clone", 15))
		return 3;
	if (uname(&u) || strcmp(u.nodename, "utsname01-clone"))
		return 4;
	return 0;
}

static void run(void)
{
	struct utsname before, after;
	pid_t pid;
	int status;

	SAFE(uname(&before));
	pid = t_fork();
	if (!pid) {
		struct utsname u;

		if (unshare(CLONE_NEWUTS) < 0)
			t_brk(TCONF | TERRNO, "unshare(CLONE_NEWUTS)");
		SAFE(uname(&u));
		if (strcmp(u.nodename, before.nodename))
			_exit(2);
		SAFE(sethostname("utsname01-child", 15));
		SAFE(setdomainname("utsname01.dom", 13));
		SAFE(uname(&u));
		_exit(strcmp(u.nodename, "utsname01-child") || strcmp(u.domainname, "utsname01.dom") ? 3 : 0);
	}
	SAFE(waitpid(pid, &status, 0));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	SAFE(uname(&after));
	EXPECT(!strcmp(before.nodename, after.nodename));
	EXPECT(!strcmp(before.domainname, after.domainname));

	pid = clone(cloned, stack + sizeof(stack), CLONE_NEWUTS | SIGCHLD, before.nodename);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWUTS)");
	SAFE(waitpid(pid, &status, 0));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	SAFE(uname(&after));
	EXPECT(!strcmp(before.nodename, after.nodename));
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
