/*
 * mkfifo01: a FIFO made with mkfifo() connects a writer and a reader that
 * open it by name in two processes: each open blocks until the other side
 * arrives, data passes in order, the reader sees EOF when the writer
 * closes. mkfifoat() works relative to a dirfd.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char buf[32] = "";
	int fd, d;
	pid_t pid;

	EXPECT_OK(mkfifo("fifo", 0600));
	SAFE(stat("fifo", &st));
	EXPECT(S_ISFIFO(st.st_mode));
	pid = t_fork();
	if (!pid) {
		int w = SAFE(open("fifo", O_WRONLY));
		SAFE(write(w, "through fifo", 12));
		_exit(0);
	}
	fd = EXPECT_OK(open("fifo", O_RDONLY));
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 12);
	EXPECT(!strcmp(buf, "through fifo"));
	t_reap(pid);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	SAFE(mkdir("d", 0755));
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	EXPECT_OK(mkfifoat(d, "f2", 0600));
	EXPECT_OK(stat("d/f2", &st));
	EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_FAIL(mkfifo("fifo", 0600), EEXIST);
}

const struct t_test t_test = { .run = run };
