/*
 * mountns01: a shared mount and its copy in a child's new mount namespace
 * (clone(CLONE_NEWNS)) are peers: a mount made on either side shows up on
 * the other, and so does its umount. Also within one namespace: a bind of
 * a shared mount is its peer.
 */
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include "harness.h"

static struct t_chan to_child, to_parent;
static char stack[65536] __attribute__((aligned(16)));

static int child(void *arg)
{
	/* Child: see the parent's mount, make one of its own. */
	t_chan_wait(&to_child);
	EXPECT_OK(access("a/b/from-parent", F_OK));
	SAFE(mount("ltp", "a/c", "tmpfs", 0, NULL));
	t_write_file("a/c/from-child", "", 0644);
	t_chan_post(&to_parent);
	t_chan_wait(&to_child);
	/* The parent unmounted a/b: gone here too. */
	EXPECT_FAIL(access("a/b/from-parent", F_OK), ENOENT);
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
	SAFE(mkdir("peer", 0755));
	SAFE(mount("ltp", "a", "tmpfs", 0, NULL));
	SAFE(mkdir("a/b", 0755));
	SAFE(mkdir("a/c", 0755));
	SAFE(mkdir("a/d", 0755));
	EXPECT_OK(mount(NULL, "a", NULL, MS_SHARED, NULL));

	/* A bind of a shared mount is a peer. */
	SAFE(mount("a", "peer", NULL, MS_BIND, NULL));
	SAFE(mount("ltp", "a/d", "tmpfs", 0, NULL));
	t_write_file("a/d/x", "", 0644);
	EXPECT_OK(access("peer/d/x", F_OK));
	EXPECT_OK(umount("peer/d"));
	EXPECT_FAIL(access("a/d/x", F_OK), ENOENT);
	SAFE(umount("peer"));

	t_chan_open(&to_child);
	t_chan_open(&to_parent);
	pid = clone(child, stack + sizeof(stack), CLONE_NEWNS | SIGCHLD, NULL);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWNS)");
	SAFE(mount("ltp", "a/b", "tmpfs", 0, NULL));
	t_write_file("a/b/from-parent", "", 0644);
	t_chan_post(&to_child);
	t_chan_wait(&to_parent);
	EXPECT_OK(access("a/c/from-child", F_OK));
	SAFE(umount("a/b"));
	t_chan_post(&to_child);
	t_chan_wait(&to_parent);
	t_reap(pid);
	/* The child's namespace is gone, but what propagated from it stays:
	 * a namespace's end unmounts nothing in its peers. */
	EXPECT_OK(access("a/c/from-child", F_OK));
	EXPECT_OK(umount("a/c"));
	EXPECT_OK(umount("a"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
