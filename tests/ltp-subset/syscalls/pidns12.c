/*
 * pidns12: when a pid namespace's init exits, every other process of the
 * namespace is killed (SIGKILL), and the init's exit completes only once
 * they are gone: right after waitpid() returns the init's status, the
 * caller finds neither its child nor its grandchild (looked up by their
 * pids outside, which they read from /proc/self). A process in a nested
 * namespace, itself protected as that namespace's init, dies too.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static int pfd[2];
static struct t_chan go;

/* Tell the caller our pid outside (the test's /proc is the caller's). */
static void send_outer_pid(void)
{
	char buf[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);
	int pid = 0;

	if (n > 0) {
		buf[n] = 0;
		pid = atoi(buf);
	}
	if (write(pfd[1], &pid, sizeof(pid)) != sizeof(pid))
		_exit(1);
}

static void ns_init(void)
{
	pid_t c;

	c = fork();
	if (c == 0) {
		send_outer_pid();
		if (fork() == 0) {
			send_outer_pid();
			for (;;)
				pause();
		}
		for (;;)
			pause();
	}
	c = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (c == 0) {
		send_outer_pid();
		for (;;)
			pause();
	}
}

static void run(void)
{
	int pids[3], status;
	pid_t pid;

	SAFE(pipe(pfd));
	t_chan_open(&go);
	pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		ns_init();
		/* Exit once the caller has all three pids. */
		t_chan_wait(&go);
		_exit(5);
	}
	for (int i = 0; i < 3; i++)
		SAFE(read(pfd[0], &pids[i], sizeof(pids[i])));
	t_chan_post(&go);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 5, "the init exited with 5");
	for (int i = 0; i < 3; i++) {
		EXPECT_MSG(pids[i] > 1, "process %d reported pid %d", i, pids[i]);
		if (pids[i] > 1)
			EXPECT_FAIL(kill(pids[i], 0), ESRCH);
	}
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
