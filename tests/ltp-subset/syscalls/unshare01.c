/*
 * unshare01: unshare(CLONE_FILES) gives the caller a private copy of a
 * shared descriptor table (a CLONE_FILES sibling's later close is not
 * seen); unshare(CLONE_NEWNS) gives a private mount namespace (a mount
 * there is invisible to the parent); unknown flags give EINVAL;
 * namespaces need privilege (EPERM as nobody).
 */
#include <sched.h>
#include <sys/mount.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(unshare(CLONE_NEWNS), EPERM);
}

static void run(void)
{
	pid_t pid;

	SAFE(mkdir("mnt", 0755));
	pid = t_fork();
	if (!pid) {
		if (unshare(CLONE_NEWNS) < 0)
			t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
		SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
		t_write_file("mnt/inside", "", 0644);
		EXPECT_OK(access("mnt/inside", F_OK));
		_exit(0);
	}
	t_reap(pid);
	EXPECT_FAIL(access("mnt/inside", F_OK), ENOENT);
	EXPECT_OK(unshare(CLONE_FILES));
	EXPECT_OK(unshare(0));
	EXPECT_FAIL(unshare(0x1), EINVAL);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
