/*
 * creat07: a program file that is being executed cannot be opened for
 * writing: creat() and open(O_WRONLY) fail with ETXTBSY while it runs, and
 * succeed once it has exited.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	/* Running copy: tell the parent, then wait to be killed. */
	if (write(1, "r", 1) != 1)
		return 1;
	pause();
	return 0;
}

static void copy_self(const char *to)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	in = SAFE(open(t_self(), O_RDONLY));
	out = SAFE(open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755));
	while ((n = SAFE(read(in, buf, sizeof(buf)))) > 0)
		if (write(out, buf, n) != n)
			t_brk(TBROK | TERRNO, "write copy");
	close(in);
	close(out);
}

static void run(void)
{
	int fds[2], fd;
	char c;
	pid_t pid;

	copy_self("prog");
	SAFE(pipe(fds));
	pid = t_fork();
	if (!pid) {
		dup2(fds[1], 1);
		execl("./prog", "prog", "--child", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	if (read(fds[0], &c, 1) != 1)
		t_brk(TBROK, "copied program did not start");
	EXPECT_FAIL(creat("prog", 0755), ETXTBSY);
	EXPECT_FAIL(open("prog", O_WRONLY), ETXTBSY);
	EXPECT_FAIL(open("prog", O_RDWR), ETXTBSY);
	fd = EXPECT_OK(open("prog", O_RDONLY));
	close(fd);
	kill(pid, SIGKILL);
	t_wait(pid);
	fd = EXPECT_OK(open("prog", O_WRONLY));
	close(fd);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
