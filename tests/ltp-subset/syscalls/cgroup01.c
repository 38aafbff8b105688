/*
 * cgroup01 (after LTP's controllers/cgroup core tests): the cgroup v2 core
 * interface. mkdir makes a cgroup with the core files; writing 0 to
 * cgroup.procs moves the writer's process, /proc/self/cgroup and
 * cgroup.procs show it, cgroup.events says populated; rmdir of a cgroup
 * with a process or a child is EBUSY; bad writes fail cleanly (EINVAL,
 * ESRCH); cgroup.max.descendants limits mkdir (EAGAIN); cgroup.kill kills
 * every process inside.
 */
#include <signal.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#include "harness.h"
#include "tcgroup.h"

#define CGROUP2_SUPER_MAGIC 0x63677270

static void run(void)
{
	char dir[1200], sub[1300], path[1400], buf[4096], want[1200];
	struct statfs st;
	struct t_chan in, out;
	pid_t pid;
	int status;

	tcg_setup();
	SAFE(statfs(tcg_mnt, &st));
	EXPECT_EQ(st.f_type, CGROUP2_SUPER_MAGIC);

	snprintf(dir, sizeof(dir), "%s/cgroup01.%d", tcg_home, getpid());
	EXPECT_OK(mkdir(dir, 0755));
	EXPECT_FAIL(mkdir(dir, 0755), EEXIST);
	snprintf(path, sizeof(path), "%s/cgroup.type", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, "domain\n"));
	snprintf(path, sizeof(path), "%s/cgroup.events", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(strstr(buf, "populated 0\n") == buf);
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, ""));
	EXPECT_FAIL(open(path, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	snprintf(path, sizeof(path), "%s/no-such-file", dir);
	EXPECT_FAIL(open(path, O_RDONLY), ENOENT);

	/* A child moves itself in. */
	t_chan_open(&in);
	t_chan_open(&out);
	pid = t_fork();
	if (!pid) {
		tcg_enter(dir);
		t_chan_post(&out);
		t_chan_wait(&in);
		_exit(0);
	}
	t_chan_wait(&out);
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	tcg_read(path, buf, sizeof(buf));
	snprintf(want, sizeof(want), "%d\n", pid);
	EXPECT_MSG(!strcmp(buf, want), "cgroup.procs is %s, want %s", buf, want);
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	tcg_read(path, buf, sizeof(buf));
	snprintf(want, sizeof(want), "0::%s/cgroup01.%d\n", tcg_home + strlen(tcg_mnt), getpid());
	EXPECT_MSG(strstr(buf, want) != NULL, "/proc/PID/cgroup is %s, want %s", buf, want);
	snprintf(path, sizeof(path), "%s/cgroup.events", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(strstr(buf, "populated 1\n") == buf);
	EXPECT_FAIL(rmdir(dir), EBUSY);
	t_chan_post(&in);
	t_reap(pid);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(strstr(buf, "populated 0\n") == buf);
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, ""));

	/* Bad writes. */
	EXPECT_FAIL(tcg_write(path, "abc"), EINVAL);
	EXPECT_FAIL(tcg_write(path, "-5"), EINVAL);
	EXPECT_FAIL(tcg_write(path, "999999999"), ESRCH);

	/* A child cgroup keeps its parent. */
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	EXPECT_OK(mkdir(sub, 0755));
	EXPECT_FAIL(rmdir(dir), EBUSY);
	snprintf(path, sizeof(path), "%s/cgroup.stat", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(strstr(buf, "nr_descendants 1\n") == buf);
	EXPECT_OK(rmdir(sub));
	EXPECT_FAIL(rmdir(sub), ENOENT);

	/* cgroup.max.descendants */
	snprintf(path, sizeof(path), "%s/cgroup.max.descendants", dir);
	tcg_read(path, buf, sizeof(buf));
	EXPECT(!strcmp(buf, "max\n"));
	EXPECT_OK(tcg_write(path, "0"));
	EXPECT_FAIL(mkdir(sub, 0755), EAGAIN);
	EXPECT_FAIL(tcg_write(path, "-1"), ERANGE);
	EXPECT_FAIL(tcg_write(path, "x"), EINVAL);
	EXPECT_OK(tcg_write(path, "max"));
	EXPECT_OK(mkdir(sub, 0755));
	EXPECT_OK(rmdir(sub));

	/* cgroup.kill */
	pid = t_fork();
	if (!pid) {
		tcg_enter(dir);
		t_chan_post(&out);
		for (;;)
			pause();
	}
	t_chan_wait(&out);
	snprintf(path, sizeof(path), "%s/cgroup.kill", dir);
	EXPECT_FAIL(tcg_write(path, "2"), ERANGE);
	EXPECT_OK(tcg_write(path, "1"));
	SAFE(waitpid(pid, &status, 0));
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);

	EXPECT_OK(rmdir(dir));
	EXPECT_FAIL(rmdir(dir), ENOENT);
	t_chan_close(&in);
	t_chan_close(&out);
}

const struct t_test t_test = { .run = run, .cleanup = tcg_cleanup, .needs_root = 1 };
