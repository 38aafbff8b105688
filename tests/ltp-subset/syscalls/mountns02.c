/*
 * mountns02: slave mounts. A slave of a shared mount receives the mounts
 * and umounts made on its master but passes nothing back; a copy of a
 * slave in a new namespace is a slave of the same master. MS_SLAVE on a
 * private mount leaves it private.
 */
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>

#include "harness.h"

static struct t_chan to_child, to_parent;
static char stack[65536] __attribute__((aligned(16)));

static int child(void *arg)
{
	t_chan_wait(&to_child);
	/* Our copy of "slave" is a slave of "a" too. */
	EXPECT_OK(access("slave/y/in-y", F_OK));
	t_chan_post(&to_parent);
	return 0;
}

static void run(void)
{
	pid_t pid;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("a", 0755));
	SAFE(mkdir("slave", 0755));
	SAFE(mkdir("priv", 0755));
	SAFE(mount("ltp", "a", "tmpfs", 0, NULL));
	SAFE(mkdir("a/x", 0755));
	SAFE(mkdir("a/y", 0755));
	SAFE(mkdir("a/z", 0755));
	SAFE(mount(NULL, "a", NULL, MS_SHARED, NULL));
	SAFE(mount("a", "slave", NULL, MS_BIND, NULL));
	EXPECT_OK(mount(NULL, "slave", NULL, MS_SLAVE, NULL));

	/* Master to slave. */
	SAFE(mount("ltp", "a/x", "tmpfs", 0, NULL));
	t_write_file("a/x/in-x", "", 0644);
	EXPECT_OK(access("slave/x/in-x", F_OK));
	/* Not back. */
	SAFE(mount("ltp", "slave/z", "tmpfs", 0, NULL));
	t_write_file("slave/z/in-z", "", 0644);
	EXPECT_FAIL(access("a/z/in-z", F_OK), ENOENT);
	SAFE(umount("slave/z"));
	/* An umount on the master reaches the slave. */
	SAFE(umount("a/x"));
	EXPECT_FAIL(access("slave/x/in-x", F_OK), ENOENT);

	/* A new namespace's copy of the slave is a slave of a as well. */
	t_chan_open(&to_child);
	t_chan_open(&to_parent);
	pid = clone(child, stack + sizeof(stack), CLONE_NEWNS | SIGCHLD, NULL);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWNS)");
	SAFE(mount("ltp", "a/y", "tmpfs", 0, NULL));
	t_write_file("a/y/in-y", "", 0644);
	t_chan_post(&to_child);
	t_chan_wait(&to_parent);
	t_reap(pid);
	EXPECT_OK(access("slave/y/in-y", F_OK));
	SAFE(umount("a/y"));
	EXPECT_FAIL(access("slave/y/in-y", F_OK), ENOENT);

	/* MS_SLAVE of a private mount: private, nothing arrives. */
	SAFE(mount("ltp", "priv", "tmpfs", 0, NULL));
	SAFE(mkdir("priv/q", 0755));
	EXPECT_OK(mount(NULL, "priv", NULL, MS_SLAVE, NULL));
	SAFE(mkdir("other", 0755));
	SAFE(mount("priv", "other", NULL, MS_BIND, NULL));
	SAFE(mount("ltp", "priv/q", "tmpfs", 0, NULL));
	t_write_file("priv/q/in-q", "", 0644);
	EXPECT_FAIL(access("other/q/in-q", F_OK), ENOENT);
	SAFE(umount("priv/q"));
	SAFE(umount("other"));
	SAFE(umount("priv"));
	SAFE(umount("slave"));
	EXPECT_OK(umount("a"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
