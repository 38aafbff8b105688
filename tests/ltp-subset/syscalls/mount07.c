/*
 * mount07: MS_NOSUID: a set-user-ID root program run by nobody gets euid
 * 0 from an ordinary mount and keeps euid nobody on a nosuid mount (and on
 * a bind remounted nosuid, while the original still honours the bit).
 * Runs in a private mount namespace.
 */
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	return geteuid() == 0 ? 10 : geteuid() == T_NOBODY ? 20 : 30;
}

static void copy_self(const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = SAFE(open(t_self(), O_RDONLY));
	int out = SAFE(open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755));

	while ((n = read(in, buf, sizeof(buf))) > 0)
		SAFE(write(out, buf, n));
	close(in);
	close(out);
	SAFE(chown(to, 0, 0));
	SAFE(chmod(to, 04755));
}

/* The exit status of `path --child` run as nobody. */
static int run_as_nobody(const char *path)
{
	pid_t pid = t_fork();
	int st;

	if (!pid) {
		char *const args[] = { (char *)path, "--child", NULL };

		t_become_nobody();
		execve(path, args, NULL);
		_exit(99);
	}
	st = t_wait(pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void run(void)
{
	if (!t_self())
		t_brk(TCONF, "cannot find this program");
	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("s", 0755));
	SAFE(mkdir("ns", 0755));
	SAFE(mkdir("b", 0755));
	SAFE(mount("ltp", "s", "tmpfs", 0, "mode=0755"));
	SAFE(mount("ltp", "ns", "tmpfs", MS_NOSUID, "mode=0755"));
	copy_self("s/prog");
	copy_self("ns/prog");
	EXPECT_EQ(run_as_nobody("s/prog"), 10);
	EXPECT_EQ(run_as_nobody("ns/prog"), 20);
	SAFE(mount("s", "b", NULL, MS_BIND, NULL));
	SAFE(mount(NULL, "b", NULL, MS_REMOUNT | MS_BIND | MS_NOSUID, NULL));
	EXPECT_EQ(run_as_nobody("b/prog"), 20);
	EXPECT_EQ(run_as_nobody("s/prog"), 10);
	/* Detached: the programs' mappings may outlive their wait() for a
	 * moment here (that is the mm's business, not this test's). */
	SAFE(umount2("b", MNT_DETACH));
	SAFE(umount2("s", MNT_DETACH));
	SAFE(umount2("ns", MNT_DETACH));
}

const struct t_test t_test = { .run = run, .child_main = child_main, .needs_root = 1 };
