/*
 * pidns03: unshare(CLONE_NEWPID) leaves the caller where it is (same
 * getpid()) and puts its next child in a new pid namespace as PID 1; a
 * second unshare(CLONE_NEWPID) before that is EINVAL, and so is
 * clone(CLONE_NEWPID). A proc mounted by a process of the new namespace
 * shows only that namespace: /proc/self is "1", the directory lists
 * exactly its processes (1 and 2), /proc/2/stat and status give the
 * namespace's numbers. Once the namespace's init has exited, fork() into
 * it fails with ENOMEM.
 */
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include "harness.h"

static void ns_init(void)
{
	char buf[4096];
	struct dirent *de;
	int seen1 = 0, seen2 = 0, others = 0;
	pid_t c;
	ssize_t n;
	DIR *d;

	EXPECT_EQ(getpid(), 1);
	EXPECT_EQ(getppid(), 0);
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		t_brk(TBROK | TERRNO, "mount proc");
	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	EXPECT_EQ(c, 2);
	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	EXPECT_EQ(n, 1);
	if (n > 0) {
		buf[n] = 0;
		EXPECT_MSG(!strcmp(buf, "1"), "/proc/self -> %s", buf);
	}
	n = readlink("/proc/thread-self", buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		EXPECT_MSG(!strcmp(buf, "1/task/1"), "/proc/thread-self -> %s", buf);
	} else {
		t_res(TFAIL | TERRNO, "readlink /proc/thread-self");
	}
	d = opendir("/proc");
	if (!d)
		t_brk(TBROK | TERRNO, "opendir /proc");
	while ((de = readdir(d))) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		if (!strcmp(de->d_name, "1"))
			seen1++;
		else if (!strcmp(de->d_name, "2"))
			seen2++;
		else
			others++;
	}
	closedir(d);
	EXPECT_MSG(seen1 == 1 && seen2 == 1 && others == 0,
		   "/proc lists 1 and 2 only (1: %d, 2: %d, others: %d)", seen1, seen2, others);
	EXPECT_OK(access("/proc/2/status", F_OK));
	EXPECT_FAIL(access("/proc/3/status", F_OK), ENOENT);
	if (t_read_file("/proc/2/stat", buf, sizeof(buf)) > 0) {
		char *p = strrchr(buf, ')');
		int ppid = p ? atoi(p + 4) : -1;   /* ") S 1 ...": the state may still be R */

		EXPECT_MSG(!strncmp(buf, "2 (", 3) && ppid == 1, "/proc/2/stat: %.40s", buf);
	}
	if (t_read_file("/proc/2/status", buf, sizeof(buf)) > 0) {
		EXPECT_MSG(strstr(buf, "\nPid:\t2\n") != NULL, "status Pid 2");
		EXPECT_MSG(strstr(buf, "\nPPid:\t1\n") != NULL, "status PPid 1");
		EXPECT_MSG(strstr(buf, "\nNSpid:\t2\n") != NULL, "status NSpid 2");
	}
	if (t_read_file("/proc/1/status", buf, sizeof(buf)) > 0)
		EXPECT_MSG(strstr(buf, "\nPPid:\t0\n") != NULL, "init's PPid 0");
	kill(c, SIGKILL);
	EXPECT_EQ(waitpid(c, NULL, 0), 2);
	EXPECT_FAIL(access("/proc/2", F_OK), ENOENT);
}

static void run(void)
{
	pid_t outer, me, c;
	int status;

	outer = t_fork();
	if (outer == 0) {
		me = getpid();
		if (unshare(CLONE_NEWPID | CLONE_NEWNS) < 0)
			t_brk(TBROK | TERRNO, "unshare(CLONE_NEWPID | CLONE_NEWNS)");
		SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		EXPECT_EQ(getpid(), me);
		EXPECT_FAIL(unshare(CLONE_NEWPID), EINVAL);
		EXPECT_FAIL(syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0), EINVAL);
		c = fork();
		if (c == 0) {
			ns_init();
			_exit(0);
		}
		EXPECT(c > 0 && c != 1);
		EXPECT_EQ(waitpid(c, &status, 0), c);
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		c = fork();
		if (c == 0)
			_exit(0);
		EXPECT_MSG(c == -1 && errno == ENOMEM, "fork after the init died: %d (%s)", c,
			   t_errname(errno));
		if (c > 0)
			waitpid(c, NULL, 0);
		_exit(0);
	}
	t_reap(outer);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
