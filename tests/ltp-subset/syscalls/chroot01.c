/*
 * chroot01: after chroot(dir) and chdir("/"), "/" is dir: files in it are
 * found by absolute path, files outside are not, and ".." at the new root
 * stays there; an unprivileged chroot fails with EPERM.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(chroot("jail"), EPERM);
}

static void run(void)
{
	pid_t pid;

	SAFE(mkdir("jail", 0755));
	SAFE(mkdir("jail/sub", 0755));
	t_write_file("jail/inside", "", 0644);
	t_write_file("outside", "", 0644);
	pid = t_fork();
	if (!pid) {
		struct stat root, dotdot;
		EXPECT_OK(chroot("jail"));
		SAFE(chdir("/"));
		EXPECT_OK(access("/inside", F_OK));
		EXPECT_OK(access("/sub/../inside", F_OK));
		EXPECT_FAIL(access("/outside", F_OK), ENOENT);
		EXPECT_FAIL(access("../outside", F_OK), ENOENT);
		SAFE(stat("/", &root));
		SAFE(stat("/..", &dotdot));
		EXPECT(root.st_ino == dotdot.st_ino && root.st_dev == dotdot.st_dev);
		_exit(0);
	}
	t_reap(pid);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
