/*
 * sethostname01: root can set the host name in a new UTS namespace and
 * uname() then shows it; a name longer than 64 bytes gives EINVAL; nobody
 * gets EPERM. Needs unshare(CLONE_NEWUTS) so the host is not changed.
 */
#include <sched.h>
#include <sys/utsname.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(sethostname("x", 1), EPERM);
}

static void run(void)
{
	char longname[80];
	struct utsname u;
	pid_t pid = t_fork();

	if (!pid) {
		if (unshare(CLONE_NEWUTS) < 0)
			t_brk(TCONF | TERRNO, "unshare(CLONE_NEWUTS)");
		EXPECT_OK(sethostname("ltp-test-host", 13));
		SAFE(uname(&u));
		EXPECT(!strcmp(u.nodename, "ltp-test-host"));
		memset(longname, 'h', sizeof(longname));
		EXPECT_FAIL(sethostname(longname, 65), EINVAL);
		EXPECT_OK(setdomainname("ltp.domain", 10));
		SAFE(uname(&u));
		EXPECT(!strcmp(u.domainname, "ltp.domain"));
		t_run_as_nobody(as_nobody);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
