/*
 * cgroup01 (after LTP's controllers/cgroup core tests): the cgroup v2 core
 * interface. mkdir makes a cgroup with the core files; writing 0 to
 * cgroup.procs moves the writer's process, /proc/self/cgroup and
 * cgroup.procs show it, cgroup.events says populated; rmdir of a cgroup
 * with a process or a child is EBUSY; bad writes fail cleanly (EINVAL,
 * ESRCH); cgroup.max.descendants limits mkdir (EAGAIN); cgroup.kill kills
 * every process inside; clone3's CLONE_INTO_CGROUP starts the child in
 * a cgroup (EBADF for a directory that is not one).
 */
#include <signal.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "harness.h"
#include "tcgroup.h"

#define CGROUP2_SUPER_MAGIC 0x63677270
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/* fork() into the cgroup open at fd (clone3, CLONE_INTO_CGROUP). */
static long fork_into(int fd)
{
	struct t_clone_args args = { .flags = CLONE_INTO_CGROUP, .exit_signal = SIGCHLD,
				     .cgroup = (uint64_t)fd };

	return syscall(SYS_clone3, &args, sizeof(args));
}

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

	/* CLONE_INTO_CGROUP */
	{
		int fd = SAFE(open(dir, O_RDONLY | O_DIRECTORY)), tfd;

		snprintf(want, sizeof(want), "0::%s/cgroup01.%d\n", tcg_home + strlen(tcg_mnt),
			 getpid());
		pid = fork_into(fd);
		if (pid < 0)
			t_brk(TBROK | TERRNO, "clone3(CLONE_INTO_CGROUP)");
		if (!pid) {
			char self[1200];

			if (t_read_file("/proc/self/cgroup", self, sizeof(self)) < 0)
				_exit(2);
			_exit(strstr(self, want) ? 0 : 3);
		}
		t_reap(pid);
		tfd = SAFE(open(t_tmpdir(), O_RDONLY | O_DIRECTORY));
		EXPECT_FAIL(fork_into(tfd), EBADF);
		EXPECT_FAIL(fork_into(-1), EINVAL);   /* not an int */
		close(tfd);
		close(fd);
	}

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
