/*
 * proc_ns01: /proc/PID/ns. Each link reads "kind:[inode]" (cgroup, ipc,
 * mnt, net, pid, pid_for_children, time, time_for_children, user, uts);
 * following it reaches a file whose st_ino is that number; two processes
 * in the same namespace show equal numbers (and equal st_dev), and after
 * unshare of uts, ipc and net the child's numbers for those differ from
 * the parent's while the others stay equal. A clone3 child made with
 * CLONE_NEWNET|CLONE_NEWIPC is in new net and ipc namespaces from the
 * start.
 */
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>

#include "harness.h"

static const struct { const char *name, *kind; } links[] = {
	{ "cgroup", "cgroup" }, { "ipc", "ipc" }, { "mnt", "mnt" }, { "net", "net" },
	{ "pid", "pid" }, { "pid_for_children", "pid" }, { "time", "time" },
	{ "time_for_children", "time" }, { "user", "user" }, { "uts", "uts" },
};

static unsigned long link_ino(pid_t pid, const char *name)
{
	char path[64], buf[64], kind[32];
	unsigned long ino = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, name);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0) {
		t_res(TFAIL | TERRNO, "readlink %s", path);
		return 0;
	}
	buf[n] = 0;
	if (sscanf(buf, "%31[a-z]:[%lu]", kind, &ino) != 2)
		t_res(TFAIL, "%s reads %s", path, buf);
	return ino;
}

static void run(void)
{
	struct t_chan ready, done;
	pid_t self = getpid(), pid;

	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		char path[64], buf[64], want[32];
		struct stat st;
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/ns/%s", links[i].name);
		n = readlink(path, buf, sizeof(buf) - 1);
		if (n < 0) {
			t_res(TFAIL | TERRNO, "readlink %s", path);
			continue;
		}
		buf[n] = 0;
		snprintf(want, sizeof(want), "%s:[", links[i].kind);
		EXPECT_MSG(!strncmp(buf, want, strlen(want)) && buf[n - 1] == ']',
			   "%s reads %s", path, buf);
		if (stat(path, &st) < 0) {
			t_res(TFAIL | TERRNO, "stat %s", path);
			continue;
		}
		EXPECT_MSG(st.st_ino == link_ino(self, links[i].name),
			   "stat -L %s: inode %lu", path, (unsigned long)st.st_ino);
	}

	t_chan_open(&ready);
	t_chan_open(&done);
	pid = t_fork();
	if (!pid) {
		t_chan_wait(&ready);
		if (unshare(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) < 0)
			t_brk(TCONF | TERRNO, "unshare");
		t_chan_post(&done);
		pause();
		_exit(0);
	}
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		EXPECT_MSG(link_ino(pid, links[i].name) == link_ino(self, links[i].name),
			   "same %s namespace, same inode", links[i].name);
	{
		char a[64], b[64];
		struct stat sa, sb;

		snprintf(a, sizeof(a), "/proc/%d/ns/uts", pid);
		snprintf(b, sizeof(b), "/proc/%d/ns/uts", self);
		SAFE(stat(a, &sa));
		SAFE(stat(b, &sb));
		EXPECT_MSG(sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino, "stat -L equal");
	}
	t_chan_post(&ready);
	t_chan_wait(&done);
	EXPECT(link_ino(pid, "uts") != link_ino(self, "uts"));
	EXPECT(link_ino(pid, "ipc") != link_ino(self, "ipc"));
	EXPECT(link_ino(pid, "net") != link_ino(self, "net"));
	EXPECT(link_ino(pid, "mnt") == link_ino(self, "mnt"));
	EXPECT(link_ino(pid, "user") == link_ino(self, "user"));
	kill(pid, SIGKILL);
	t_wait(pid);

	{
		struct t_clone_args ca = { .flags = CLONE_NEWNET | CLONE_NEWIPC,
					   .exit_signal = SIGCHLD };
		unsigned long net = link_ino(self, "net"), ipc = link_ino(self, "ipc");

		pid = syscall(SYS_clone3, &ca, T_CLONE_ARGS_SIZE_VER0);
		if (pid == 0) {
			int ok = link_ino(getpid(), "net") != net && link_ino(getpid(), "ipc") != ipc &&
				 link_ino(getpid(), "uts") == link_ino(getppid(), "uts");
			_exit(ok ? 0 : 1);
		}
		if (pid < 0)
			t_brk(TBROK | TERRNO, "clone3(CLONE_NEWNET|CLONE_NEWIPC)");
		EXPECT_MSG(t_wait(pid) == 0, "clone3 child is in new net and ipc namespaces");
	}
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
