/*
 * exit02: exit closes the process's descriptors (a pipe reader sees EOF,
 * a flock is released) and the parent receives SIGCHLD; the exit of the
 * parent does not kill a child, which is re-parented (getppid changes).
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "harness.h"

static volatile sig_atomic_t got_chld;

static void on_chld(int sig)
{
	got_chld = 1;
}

static void run(void)
{
	int p[2], fd, status;
	pid_t pid, middle, orig;
	char c;

	signal(SIGCHLD, on_chld);
	t_write_file("f", "", 0644);
	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		int cfd = SAFE(open("f", O_RDONLY));
		SAFE(flock(cfd, LOCK_EX));
		_exit(0);
	}
	close(p[1]);
	SAFE(waitpid(pid, &status, 0));
	EXPECT_EQ(read(p[0], &c, 1), 0);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_OK(flock(fd, LOCK_EX | LOCK_NB));
	EXPECT_MSG(got_chld, "SIGCHLD delivered");

	SAFE(pipe(p));
	middle = t_fork();
	if (!middle) {
		orig = getpid();
		pid = t_fork();
		if (!pid) {
			close(p[0]);
			while (getppid() == orig)
				t_msleep(5);
			SAFE(write(p[1], "R", 1));
			_exit(0);
		}
		_exit(0);
	}
	close(p[1]);
	SAFE(waitpid(middle, &status, 0));
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT_EQ(c, 'R');
}

const struct t_test t_test = { .run = run };
