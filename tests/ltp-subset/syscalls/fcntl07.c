/*
 * fcntl07: descriptors with FD_CLOEXEC are closed across execve(), others
 * stay open with their offset: the exec'ed program checks both numbers.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	int keep = atoi(argv[1]), gone = atoi(argv[2]);

	if (fcntl(gone, F_GETFD) != -1 || errno != EBADF)
		return 10;
	if (fcntl(keep, F_GETFD) != 0)
		return 11;
	if (lseek(keep, 0, SEEK_CUR) != 2)
		return 12;
	return 0;
}

static void run(void)
{
	char a[16], b[16];
	int keep, gone, status;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	t_write_file("f", "abcd", 0644);
	keep = SAFE(open("f", O_RDONLY));
	gone = SAFE(open("f", O_RDONLY));
	SAFE(lseek(keep, 2, SEEK_SET));
	SAFE(fcntl(gone, F_SETFD, FD_CLOEXEC));
	snprintf(a, sizeof(a), "%d", keep);
	snprintf(b, sizeof(b), "%d", gone);
	pid = t_fork();
	if (!pid) {
		execl(t_self(), "fcntl07", "--child", a, b, (char *)NULL);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(status == 0, "exec'ed program saw the right descriptors (status 0x%x)",
		   status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
