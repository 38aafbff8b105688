/*
 * cgroup02 (after LTP's controllers/pids tests): the pids controller of
 * cgroup v2. "+pids" in a cgroup's cgroup.subtree_control gives its
 * children pids.max, pids.current and pids.events; fork beyond pids.max
 * fails with EAGAIN and counts in pids.events; threads count too;
 * controllers follow Linux's rules (ENOENT for one the parent lacks,
 * EINVAL for an unknown name; pids being a threaded controller, a cgroup
 * delegating it may hold tasks unless a child cgroup is populated).
 * TCONF where the hierarchy has no pids controller (a host that keeps
 * pids on cgroup v1).
 */
#include <pthread.h>
#include <sys/wait.h>

#include "harness.h"
#include "tcgroup.h"

static char home_ctl[1200], parent[1200];
static int enabled_home;

static void *idle_thread(void *arg)
{
	pause();
	return NULL;
}

static void cleanup(void)
{
	rmdir(parent);
	if (enabled_home)
		tcg_write(home_ctl, "-pids");
	tcg_cleanup();
}

static void run(void)
{
	char child[1300], path[1400], buf[4096];
	struct t_chan out;
	pid_t pid;
	int status;

	tcg_setup();
	snprintf(path, sizeof(path), "%s/cgroup.controllers", tcg_home);
	tcg_read(path, buf, sizeof(buf));
	if (!strstr(buf, "pids"))
		t_brk(TCONF, "no pids controller in cgroup v2 here (%s)", tcg_home);
	snprintf(home_ctl, sizeof(home_ctl), "%s/cgroup.subtree_control", tcg_home);
	tcg_read(home_ctl, buf, sizeof(buf));
	if (!strstr(buf, "pids")) {
		/* Only the root may hand controllers down while it has tasks. */
		if (tcg_write(home_ctl, "+pids"))
			t_brk(TCONF | TERRNO, "cannot enable pids in %s", tcg_home);
		enabled_home = 1;
	}
	snprintf(parent, sizeof(parent), "%s/cgroup02.%d", tcg_home, getpid());
	SAFE(mkdir(parent, 0755));
	snprintf(path, sizeof(path), "%s/pids.max", parent);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, "max\n"));
	snprintf(path, sizeof(path), "%s/pids.current", parent);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, "0\n"));

	/* Controller rules. */
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", parent);
	EXPECT_FAIL(tcg_write(path, "+nosuchcontroller"), EINVAL);
	EXPECT_FAIL(tcg_write(path, "pids"), EINVAL);
	EXPECT_OK(tcg_write(path, "+pids"));
	snprintf(child, sizeof(child), "%s/c", parent);
	SAFE(mkdir(child, 0755));
	snprintf(path, sizeof(path), "%s/pids.max", child);
	EXPECT_OK(access(path, F_OK));
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", parent);
	EXPECT_OK(tcg_write(path, "-pids"));
	snprintf(path, sizeof(path), "%s/pids.max", child);
	EXPECT_FAIL(access(path, F_OK), ENOENT);
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", child);
	EXPECT_FAIL(tcg_write(path, "+pids"), ENOENT);
	SAFE(rmdir(child));

	/* The limit. */
	snprintf(path, sizeof(path), "%s/pids.max", parent);
	EXPECT_FAIL(tcg_write(path, "-1"), EINVAL);
	EXPECT_FAIL(tcg_write(path, "lots"), EINVAL);
	EXPECT_OK(tcg_write(path, "3"));
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, "3\n"));
	t_chan_open(&out);
	pid = t_fork();
	if (!pid) {
		pthread_t th;
		pid_t kids[4];
		int n = 0, err, r;

		tcg_enter(parent);
		/* Us (1) and a thread (2): room for one child (3). */
		if ((err = pthread_create(&th, NULL, idle_thread, NULL)))
			_exit(10);
		for (; n < 4; n++) {
			kids[n] = fork();
			if (kids[n] < 0)
				break;
			if (!kids[n]) {
				pause();
				_exit(0);
			}
		}
		err = errno;
		r = n == 1 && err == EAGAIN ? 0 : 20 + n;
		/* The thread counts: a second thread fails the same way. */
		if (!r && pthread_create(&th, NULL, idle_thread, NULL) != EAGAIN)
			r = 30;
		t_chan_post(&out);
		for (int i = 0; i < n; i++) {
			kill(kids[i], SIGKILL);
			waitpid(kids[i], NULL, 0);
		}
		_exit(r);
	}
	t_chan_wait(&out);
	SAFE(waitpid(pid, &status, 0));
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	snprintf(path, sizeof(path), "%s/pids.events", parent);
	tcg_read(path, buf, sizeof(buf));
	EXPECT_MSG(!strcmp(buf, "max 2\n"), "pids.events: %s", buf);
	snprintf(path, sizeof(path), "%s/pids.current", parent);
	tcg_read(path, buf, sizeof(buf));
	EXPECT_MSG(!strcmp(buf, "0\n"), "pids.current: %s", buf);

	/* pids is a threaded controller: a cgroup handing only it down may
	 * hold tasks itself, unless a child cgroup is populated (Linux's
	 * cgroup_can_be_thread_root; checked on Linux 6.1). */
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", parent);
	EXPECT_OK(tcg_write(path, "+pids"));
	snprintf(path, sizeof(path), "%s/cgroup.procs", parent);
	pid = t_fork();
	if (!pid)
		_exit(tcg_write(path, "0") ? 1 : 0);
	EXPECT_EQ(t_wait(pid), 0);
	snprintf(child, sizeof(child), "%s/c", parent);
	SAFE(mkdir(child, 0755));
	{
		struct t_chan in;
		pid_t inner;

		t_chan_open(&in);
		inner = t_fork();
		if (!inner) {
			tcg_enter(child);
			t_chan_post(&out);
			t_chan_wait(&in);
			_exit(0);
		}
		t_chan_wait(&out);
		pid = t_fork();
		if (!pid)
			_exit(tcg_write(path, "0") == -1 && errno == EBUSY ? 0 : 1);
		EXPECT_MSG(t_wait(pid) == 0, "joining a cgroup with a populated child: EBUSY");
		t_chan_post(&in);
		t_reap(inner);
		t_chan_close(&in);
	}
	EXPECT_OK(rmdir(child));
	t_chan_close(&out);
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .needs_root = 1 };
